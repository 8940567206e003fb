"""Reactions (hug, me too, helpful) and private bookmarks."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import Http404

from kettle.accounts.models import Member
from kettle.notifications.models import Notification
from kettle.notifications.tasks import notify
from kettle.social.actions.group_posts import check_can_take_part
from kettle.social.models import Bookmark, Post, Reaction


def _visible_post(member: Member, post_id: int) -> Post:
    post = Post.objects.visible_to(member).filter(id=post_id).select_related("group").first()
    if post is None:
        raise Http404("No such post.")
    return post


def _check_kind(kind: str) -> None:
    if kind not in Reaction.Kind.values:
        raise ValidationError({"kind": [f"Choose one of: {', '.join(Reaction.Kind.values)}."]})


@transaction.atomic
def do_react(member: Member, post_id: int, kind: str) -> bool:
    """Add one reaction of a kind; at most one of each per member per post. True if new."""
    _check_kind(kind)
    post = _visible_post(member, post_id)
    check_can_take_part(member, post)
    try:
        with transaction.atomic():
            Reaction.objects.create(post=post, member=member, kind=kind)
    except IntegrityError:
        return False
    Post.objects.filter(id=post.id).update(**{f"{kind}_count": F(f"{kind}_count") + 1})
    notify(post.author_id, member.id, Notification.Kind.REACTION, post_id=post.id, reaction=kind)
    return True


@transaction.atomic
def do_unreact(member: Member, post_id: int, kind: str) -> bool:
    _check_kind(kind)
    post = _visible_post(member, post_id)
    deleted, _ = Reaction.objects.filter(post=post, member=member, kind=kind).delete()
    if deleted:
        Post.objects.filter(id=post.id, **{f"{kind}_count__gt": 0}).update(
            **{f"{kind}_count": F(f"{kind}_count") - 1})
        Notification.objects.filter(recipient_id=post.author_id, actor=member, post=post, reaction=kind).delete()
    return bool(deleted)


@transaction.atomic
def do_bookmark(member: Member, post_id: int) -> None:
    post = _visible_post(member, post_id)
    Bookmark.objects.get_or_create(member=member, post=post)


@transaction.atomic
def do_unbookmark(member: Member, post_id: int) -> None:
    Bookmark.objects.filter(member=member, post_id=post_id).delete()
