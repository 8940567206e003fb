"""Shared pieces for the meetup tests: a frozen clock, parents who have read the safety
guidance, the clocks changing in Europe/London, and counting what exists."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

from django.utils import timezone

from kettle.groups.actions import do_create_organisation
from kettle.meetups.models import Meetup, Rsvp, SafetyNote, Series, Venue
from kettle.notifications.models import Notification
from tests.factories import make_member

LONDON = ZoneInfo("Europe/London")


@contextmanager
def frozen_at(moment: datetime):
    """Every timezone.now() (actions, tasks, queries) answers `moment` inside the block."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def parents(*handles: str, **profile):
    """Members who have already read the meet-in-public guidance, so they can RSVP at once."""
    people = [make_member(handle, **profile) for handle in handles]
    SafetyNote.objects.bulk_create([SafetyNote(member=person) for person in people])
    return people if len(people) != 1 else people[0]


def organisation_of(member, name: str = "Suffolk Baby Classes"):
    return do_create_organisation(member, name=name)


def counts() -> tuple[int, int, int, int]:
    return Meetup.objects.count(), Venue.objects.count(), Series.objects.count(), Rsvp.objects.count()


def notified(kind: str, meetup=None) -> list[int]:
    """Who got a notification of this kind (about this meetup), sorted."""
    qs = Notification.objects.filter(kind=kind)
    if meetup is not None:
        qs = qs.filter(meetup=meetup)
    return sorted(qs.values_list("recipient_id", flat=True))


def last_sunday(year: int, month: int) -> date:
    day = date(year, month + 1, 1) - timedelta(days=1)
    return day - timedelta(days=(day.weekday() - 6) % 7)


def next_clock_change(month: int, *, lead_days: int = 16) -> date:
    """The next last Sunday of March (clocks forward) or October (back) at least `lead_days`
    from now, so a course can start a fortnight before it and still lie in the future."""
    today = timezone.now().date()
    for year in (today.year, today.year + 1):
        change = last_sunday(year, month)
        if change - today >= timedelta(days=lead_days):
            return change
    raise AssertionError("no clock change within a year")  # pragma: no cover


def session_list(meetup) -> list[Meetup]:
    return list(Meetup.objects.filter(series_id=meetup.series_id).select_related("venue__place")
                .order_by("session_number"))


def recount_matches(meetup) -> bool:
    """going_count and waitlist_count equal the Rsvp rows."""
    meetup.refresh_from_db()
    going = Rsvp.objects.filter(meetup=meetup, status="going").count()
    waiting = Rsvp.objects.filter(meetup=meetup, status="waitlisted").count()
    return (meetup.going_count, meetup.waitlist_count) == (going, waiting)


def local(days: int = 4, hour: int = 10, minute: int = 30) -> datetime:
    """A naive wall-clock time at the (London) venue, `days` from today."""
    day = timezone.now().astimezone(LONDON).date() + timedelta(days=days)
    return datetime.combine(day, time(hour, minute))


def new_meetup(library, **changes) -> dict:
    body = {"title": "Baby cafe", "venue_id": library.id, "starts_at": local().isoformat(timespec="minutes"),
            "ends_at": local(hour=12).isoformat(timespec="minutes"), "description": "Tea and *cake*",
            "capacity": 12, "cost": "Free", "age_from_months": 0, "age_to_months": 12}
    body.update(changes)
    return {k: v for k, v in body.items() if v is not ...}
