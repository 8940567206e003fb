"""Every change to posts, comments, reactions and relationships goes through these functions."""

from kettle.social.actions.blogs import do_set_blog_roll
from kettle.social.actions.comments import do_comment, do_delete_comment, do_edit_comment, do_hide_comment
from kettle.social.actions.follows import (
    FollowState,
    do_approve_follow_request,
    do_block,
    do_decline_follow_request,
    do_follow,
    do_mute,
    do_remove_follower,
    do_unblock,
    do_unfollow,
    do_unmute,
)
from kettle.social.actions.posts import do_create_post, do_delete_post, do_edit_post
from kettle.social.actions.reactions import do_bookmark, do_react, do_unbookmark, do_unreact

__all__ = [
    "FollowState", "do_approve_follow_request", "do_block", "do_bookmark", "do_comment", "do_create_post",
    "do_decline_follow_request", "do_delete_comment", "do_delete_post", "do_edit_comment", "do_edit_post",
    "do_follow", "do_hide_comment", "do_mute", "do_react", "do_remove_follower", "do_set_blog_roll", "do_unblock",
    "do_unbookmark", "do_unfollow", "do_unmute", "do_unreact",
]
