"""Following (with requests for locked profiles), blocking and muting."""

from __future__ import annotations

from enum import StrEnum

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404

from kettle.accounts.models import Member
from kettle.notifications.models import Notification
from kettle.notifications.tasks import notify
from kettle.social import follower_counts
from kettle.social.models import Block, Follow, FollowRequest, Mute
from kettle.social.queries import is_blocked_either_way
from kettle.social.tasks import backfill_feed, purge_feed


class FollowState(StrEnum):
    FOLLOWING = "following"
    REQUESTED = "requested"
    NONE = "none"


def _visible_target(viewer: Member, target: Member) -> None:
    if viewer.id == target.id:
        raise ValidationError("You can't follow yourself.", code="self")
    if not target.is_active or is_blocked_either_way(viewer.id, target.id):
        raise Http404("No such member.")


@transaction.atomic
def do_follow(follower: Member, followee: Member) -> FollowState:
    """Follow someone, or ask to if their profile is locked. Following again changes nothing."""
    _visible_target(follower, followee)
    if Follow.objects.filter(follower=follower, followee=followee).exists():
        return FollowState.FOLLOWING
    if followee.profile.is_locked:
        _, created = FollowRequest.objects.get_or_create(follower=follower, followee=followee)
        if created:
            notify(followee.id, follower.id, Notification.Kind.FOLLOW_REQUEST)
        return FollowState.REQUESTED
    _start_following(follower.id, followee.id)
    return FollowState.FOLLOWING


def _start_following(follower_id: int, followee_id: int) -> None:
    _, created = Follow.objects.get_or_create(follower_id=follower_id, followee_id=followee_id)
    FollowRequest.objects.filter(follower_id=follower_id, followee_id=followee_id).delete()
    if created:
        follower_counts.forget(followee_id)
        notify(followee_id, follower_id, Notification.Kind.FOLLOW)
        transaction.on_commit(lambda: backfill_feed.enqueue(member_id=follower_id, author_id=followee_id))


@transaction.atomic
def do_unfollow(follower: Member, followee: Member) -> None:
    """Stop following (or withdraw a request); their posts leave my home feed at once."""
    Follow.objects.filter(follower=follower, followee=followee).delete()
    FollowRequest.objects.filter(follower=follower, followee=followee).delete()
    follower_counts.forget(followee.id)
    purge_feed(follower.id, followee.id, keep_group_posts=True)


@transaction.atomic
def do_approve_follow_request(followee: Member, follower_id: int) -> None:
    request = FollowRequest.objects.filter(followee=followee, follower_id=follower_id).first()
    if request is None:
        raise Http404("No such follow request.")
    _start_following(follower_id, followee.id)
    _clear_request_notice(followee, follower_id)


@transaction.atomic
def do_decline_follow_request(followee: Member, follower_id: int) -> None:
    deleted, _ = FollowRequest.objects.filter(followee=followee, follower_id=follower_id).delete()
    if not deleted:
        raise Http404("No such follow request.")
    _clear_request_notice(followee, follower_id)


def _clear_request_notice(followee: Member, follower_id: int) -> None:
    """Once answered, "X asked to follow you" has done its job."""
    Notification.objects.filter(recipient=followee, actor_id=follower_id,
                                kind=Notification.Kind.FOLLOW_REQUEST).delete()


@transaction.atomic
def do_remove_follower(member: Member, follower_id: int) -> None:
    """Quietly stop someone following me, without blocking them."""
    Follow.objects.filter(follower_id=follower_id, followee=member).delete()
    follower_counts.forget(member.id)
    purge_feed(follower_id, member.id, keep_group_posts=True)


@transaction.atomic
def do_block(blocker: Member, blocked: Member) -> None:
    """Two-way invisibility: follows and requests both ways end, feeds are purged both ways,
    and notifications between the two disappear."""
    if blocker.id == blocked.id:
        raise ValidationError("You can't block yourself.", code="self")
    Block.objects.get_or_create(blocker=blocker, blocked=blocked)
    pair = Q(follower=blocker, followee=blocked) | Q(follower=blocked, followee=blocker)
    Follow.objects.filter(pair).delete()
    FollowRequest.objects.filter(pair).delete()
    follower_counts.forget(blocker.id, blocked.id)
    purge_feed(blocker.id, blocked.id)
    purge_feed(blocked.id, blocker.id)
    Notification.objects.filter(Q(recipient=blocker, actor=blocked) | Q(recipient=blocked, actor=blocker)).delete()


@transaction.atomic
def do_unblock(blocker: Member, blocked_id: int) -> None:
    Block.objects.filter(blocker=blocker, blocked_id=blocked_id).delete()


@transaction.atomic
def do_mute(muter: Member, muted: Member) -> None:
    """One-way and silent: their posts leave my feeds and their notifications stop."""
    if muter.id == muted.id:
        raise ValidationError("You can't mute yourself.", code="self")
    Mute.objects.get_or_create(muter=muter, muted=muted)
    purge_feed(muter.id, muted.id, keep_anonymous=True)


@transaction.atomic
def do_unmute(muter: Member, muted_id: int) -> None:
    deleted, _ = Mute.objects.filter(muter=muter, muted_id=muted_id).delete()
    if deleted and Follow.objects.filter(follower=muter, followee_id=muted_id).exists():
        transaction.on_commit(lambda: backfill_feed.enqueue(member_id=muter.id, author_id=muted_id))
