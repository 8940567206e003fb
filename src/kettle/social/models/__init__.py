from kettle.social.models.blogs import BlogRollEntry
from kettle.social.models.feeds import FeedEntry
from kettle.social.models.posts import Bookmark, Comment, Hashtag, Mention, Post, PostImage, PostRevision, Reaction
from kettle.social.models.relationships import Block, Follow, FollowRequest, Mute

__all__ = [
    "Block", "BlogRollEntry", "Bookmark", "Comment", "FeedEntry", "Follow", "FollowRequest", "Hashtag", "Mention",
    "Mute", "Post", "PostImage", "PostRevision", "Reaction",
]
