"""Delivering notifications after the change that caused them has committed."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django_tasks import task

from kettle.notifications.models import Notification


@task()
def deliver_notification(recipient_id: int, actor_id: int | None, kind: str, post_id: int | None = None,
                         comment_id: int | None = None, reaction: str = "", group_id: int | None = None) -> None:
    """Create one notification if the rules allow it. Safe to run twice. With no actor (an
    anonymous author, or nobody), only the recipient's right to see the thing is checked."""
    from kettle.accounts.models import Member
    from kettle.groups.models import Group
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
    try:
        with transaction.atomic():
            Notification.objects.get_or_create(recipient_id=recipient_id, actor_id=actor_id, kind=kind,
                                               post_id=post_id, comment_id=comment_id, reaction=reaction,
                                               group_id=group_id)
    except IntegrityError:
        pass  # delivered by a concurrent run


def notify(recipient_id: int, actor_id: int | None, kind: str, *, post_id: int | None = None,
           comment_id: int | None = None, reaction: str = "", group_id: int | None = None) -> None:
    """Queue a notification once the current transaction commits. Pass actor_id=None when
    naming who did it would reveal an anonymous author."""
    if recipient_id == actor_id:
        return
    transaction.on_commit(lambda: deliver_notification.enqueue(
        recipient_id=recipient_id, actor_id=actor_id, kind=kind, post_id=post_id, comment_id=comment_id,
        reaction=reaction, group_id=group_id))
