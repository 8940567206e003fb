"""Times: a meetup's start and end in its venue's time zone, and the sessions of a course.

Sessions repeat at the same local time (dateutil's rrule on local wall-clock times, then each
converted to UTC on its own), so a 10:00 class stays at 10:00 when the clocks change."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import WEEKLY, rrule

MAX_LENGTH = timedelta(hours=12)
MAX_AHEAD = timedelta(days=366)


def to_utc(value: datetime, tz: ZoneInfo) -> datetime:
    """A naive value is a wall-clock time at the venue; an aware one is converted as it is."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz)
    try:
        return value.astimezone(UTC)
    except OverflowError:  # the far end of the calendar: time_problems calls it too far ahead
        return datetime.max.replace(tzinfo=UTC)


def session_times(first_start: datetime, first_end: datetime, tz: ZoneInfo, *, every_weeks: int,
                  sessions: int) -> list[tuple[datetime, datetime]]:
    """(start, end) in UTC for each session, all at the first session's local time of day."""
    local_start = first_start.astimezone(tz).replace(tzinfo=None)
    length = first_end - first_start
    starts = rrule(WEEKLY, interval=every_weeks, count=sessions, dtstart=local_start)
    result = []
    for start in starts:
        utc_start = start.replace(tzinfo=tz).astimezone(UTC)
        result.append((utc_start, utc_start + length))
    return result


def time_problems(starts_at: datetime | None, ends_at: datetime | None, now: datetime) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if starts_at is None:
        errors["starts_at"] = ["Say when it starts."]
    elif starts_at <= now:
        errors["starts_at"] = ["That time has already passed. Choose a time in the future."]
    elif starts_at > now + MAX_AHEAD:
        errors["starts_at"] = ["Meetups can be planned up to a year ahead."]
    if ends_at is None:
        errors["ends_at"] = ["Say when it ends."]
    elif starts_at is not None and ends_at <= starts_at:
        errors["ends_at"] = ["It ends before it starts. Check the end time."]
    elif starts_at is not None and ends_at - starts_at > MAX_LENGTH:
        errors["ends_at"] = ["Meetups last up to 12 hours. For longer, add one for each day."]
    return errors
