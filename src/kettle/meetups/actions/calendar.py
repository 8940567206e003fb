"""The personal calendar feed: a secret address, made and revoked by its member."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils import timezone

from kettle.accounts.models import Member
from kettle.meetups.models import CalendarFeed


@transaction.atomic
def do_create_calendar_feed(member: Member) -> CalendarFeed:
    """A new secret feed address; any older one stops working at once."""
    do_revoke_calendar_feed(member)
    return CalendarFeed.objects.create(member=member, token=secrets.token_urlsafe(32))


@transaction.atomic
def do_revoke_calendar_feed(member: Member) -> int:
    """Turn the feed address off (calendars using it get a 404). Returns how many were live."""
    return CalendarFeed.objects.filter(member=member, revoked_at=None).update(revoked_at=timezone.now())


def live_feed(member: Member) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(member=member, revoked_at=None).first()
