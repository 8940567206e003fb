"""Writes for notifications: marking them read."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from kettle.notifications.models import Notification


@transaction.atomic
def do_mark_read(member, ids: list[int] | None = None) -> int:
    """Mark some (or, with no ids, all) of the member's notifications read."""
    qs = Notification.objects.filter(recipient=member, read_at=None)
    if ids is not None:
        qs = qs.filter(id__in=ids)
    return qs.update(read_at=timezone.now())
