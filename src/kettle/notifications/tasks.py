"""Delivering notifications after the change that caused them has committed."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from kettle.notifications.models import Notification


def _deliver(recipient_id: int, actor_id: int | None, kind: str, *, post_id: int | None = None,
             comment_id: int | None = None, reaction: str = "", group_id: int | None = None,
             meetup_id: int | None = None, detail: str = "", renew: bool = False) -> None:
    """Create one notification if the rules allow it. Safe to run twice. With no actor (an
    anonymous author, or nobody), only the recipient's right to see the thing is checked.
    With renew, an existing notice about the same thing is brought back as new and unread
    (a meetup changed again), instead of being left as it was."""
    from kettle.accounts.models import Member
    from kettle.groups.models import Group
    from kettle.meetups.models import Meetup
    from kettle.social.models import Mute, Post
    from kettle.social.queries import is_blocked_either_way

    if actor_id is not None:
        if recipient_id == actor_id or is_blocked_either_way(recipient_id, actor_id):
            return
        if Mute.objects.filter(muter_id=recipient_id, muted_id=actor_id).exists():
            return
    recipient = Member.objects.filter(id=recipient_id, is_active=True).first()
    if recipient is None:
        return
    if post_id is not None and not Post.objects.visible_to(recipient).filter(id=post_id).exists():
        return  # e.g. mentioned in a followers-only post they can't read
    if group_id is not None and not Group.objects.visible_to(recipient).filter(id=group_id).exists():
        return
    if meetup_id is not None and not Meetup.objects.visible_to(recipient).filter(id=meetup_id).exists():
        return
    key = {"recipient_id": recipient_id, "actor_id": actor_id, "kind": kind, "post_id": post_id,
           "comment_id": comment_id, "reaction": reaction, "group_id": group_id, "meetup_id": meetup_id}
    try:
        with transaction.atomic():
            if renew:
                Notification.objects.update_or_create(
                    **key, defaults={"detail": detail[:300], "created_at": timezone.now(), "read_at": None})
            else:
                Notification.objects.get_or_create(**key, defaults={"detail": detail[:300]})
    except IntegrityError:
        pass  # delivered by a concurrent run


@task()
def deliver_notification(recipient_id: int, actor_id: int | None, kind: str, post_id: int | None = None,
                         comment_id: int | None = None, reaction: str = "", group_id: int | None = None,
                         meetup_id: int | None = None, detail: str = "", renew: bool = False) -> None:
    _deliver(recipient_id, actor_id, kind, post_id=post_id, comment_id=comment_id, reaction=reaction,
             group_id=group_id, meetup_id=meetup_id, detail=detail, renew=renew)


@task()
def deliver_notifications(recipient_ids: list[int], actor_id: int | None, kind: str, meetup_id: int | None = None,
                          detail: str = "", renew: bool = False) -> None:
    """One notice each for many people (everyone going to a meetup), in one task."""
    for recipient_id in dict.fromkeys(recipient_ids):
        _deliver(recipient_id, actor_id, kind, meetup_id=meetup_id, detail=detail, renew=renew)


def notify(recipient_id: int, actor_id: int | None, kind: str, *, post_id: int | None = None,
           comment_id: int | None = None, reaction: str = "", group_id: int | None = None,
           meetup_id: int | None = None, detail: str = "", renew: bool = False) -> None:
    """Queue a notification once the current transaction commits. Pass actor_id=None when
    naming who did it would reveal an anonymous author."""
    if recipient_id == actor_id:
        return
    transaction.on_commit(lambda: deliver_notification.enqueue(
        recipient_id=recipient_id, actor_id=actor_id, kind=kind, post_id=post_id, comment_id=comment_id,
        reaction=reaction, group_id=group_id, meetup_id=meetup_id, detail=detail, renew=renew))


def notify_many(recipient_ids: list[int], actor_id: int | None, kind: str, *, meetup_id: int,
                detail: str = "", renew: bool = False) -> None:
    """Queue one task that tells each of these people, once the transaction commits."""
    ids = [rid for rid in dict.fromkeys(recipient_ids) if rid != actor_id]
    if ids:
        transaction.on_commit(lambda: deliver_notifications.enqueue(
            recipient_ids=ids, actor_id=actor_id, kind=kind, meetup_id=meetup_id, detail=detail, renew=renew))
