"""A group's moderators at work on its posts: the approval queue and pinned posts."""

from __future__ import annotations

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from kettle.accounts.models import Member
from kettle.groups.access import moderated_group
from kettle.groups.models import Membership
from kettle.notifications.models import Notification
from kettle.notifications.tasks import notify
from kettle.social.models import Post
from kettle.social.tasks import fan_out_post

MAX_PINNED = 3


def _group_post(moderator: Member, group_id: int, post_id: int, *, held: bool | None = None) -> Post:
    group = moderated_group(moderator, group_id)
    posts = Post.objects.filter(id=post_id, group=group, deleted_at=None, author__is_active=True)
    if held is not None:
        posts = posts.filter(held_at__isnull=not held)
    post = posts.select_for_update().first()
    if post is None:
        raise Http404("No such post in this group.")
    return post


@transaction.atomic
def do_approve_post(moderator: Member, group_id: int, post_id: int) -> Post:
    """Publish a held post: it reaches members' home timelines, and its author's later posts
    skip the first-post queue."""
    post = _group_post(moderator, group_id, post_id, held=True)
    post.held_at = None
    post.save(update_fields=["held_at"])
    Membership.objects.filter(group_id=post.group_id, member_id=post.author_id).update(trusted=True)
    Notification.objects.filter(post=post, kind=Notification.Kind.POST_HELD).delete()
    notify(post.author_id, moderator.id, Notification.Kind.POST_APPROVED, post_id=post.id, group_id=post.group_id)
    transaction.on_commit(lambda: fan_out_post.enqueue(post_id=post.id))
    return post


@transaction.atomic
def do_decline_post(moderator: Member, group_id: int, post_id: int) -> None:
    """Decline a held post: it is deleted, as if its author had withdrawn it."""
    from kettle.social.actions.posts import do_delete_post

    post = _group_post(moderator, group_id, post_id, held=True)
    do_delete_post(moderator, post.id)


@transaction.atomic
def do_pin_post(moderator: Member, group_id: int, post_id: int, *, pinned: bool = True) -> Post:
    """Pin a post to the top of the group (up to three), or unpin it."""
    from django.core.exceptions import ValidationError

    post = _group_post(moderator, group_id, post_id, held=False)
    if pinned and post.pinned_at is None:
        if Post.objects.filter(group_id=post.group_id, deleted_at=None, pinned_at__isnull=False).count() >= MAX_PINNED:
            raise ValidationError({"post": [f"Up to {MAX_PINNED} posts can be pinned. Unpin one first."]})
        post.pinned_at = timezone.now()
    elif not pinned:
        post.pinned_at = None
    post.save(update_fields=["pinned_at"])
    return post
