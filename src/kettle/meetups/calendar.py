"""iCalendar files: one meetup's .ics, and a member's feed of everything they are going to.
Times carry the venue's time zone (with its VTIMEZONE), so calendars show them right across
the clocks changing."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

PRODID = "-//Kettle//Meetups//EN"


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    return cal


def _event(meetup, base_url: str) -> Event:
    event = Event()
    event.add("uid", f"meetup-{meetup.id}@kettle")
    event.add("summary", meetup.title)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meetup.local_start)
    event.add("dtend", meetup.local_end)
    event.add("location", meetup.venue.where)
    page = f"{base_url}{meetup.url}"
    event.add("url", page)
    lines = [meetup.description, f"Children: {meetup.age_range}"]
    if meetup.cost:
        lines.append(f"Cost: {meetup.cost}")
    lines.append(page)
    event.add("description", "\n\n".join(line for line in lines if line))
    # A moved meetup keeps its UID; the sequence tells calendars to take the new time.
    event.add("sequence", sequence(meetup))
    event.add("status", "CANCELLED" if meetup.is_cancelled else "CONFIRMED")
    return event


def sequence(meetup) -> int:
    """0 until the meetup's time or place changes or it is cancelled; then the minute of the
    latest such change, so each one counts higher than the last however many there are (a
    constant 1 would leave a second move unseen by calendars that took the first)."""
    moments = [moment for moment in (meetup.changed_at, meetup.cancelled_at) if moment is not None]
    return int(max(moments).timestamp() // 60) if moments else 0


def calendar_bytes(meetups: Iterable, *, name: str, base_url: str = "") -> bytes:
    cal = _calendar(name)
    for meetup in meetups:
        cal.add_component(_event(meetup, base_url or settings.SITE_URL))
    cal.add_missing_timezones()
    return cal.to_ical()
