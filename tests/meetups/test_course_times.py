"""Courses keep their local time across the clocks changing (Europe/London goes forward on the
last Sunday of March and back on the last Sunday of October); each session moves or is
cancelled alone; whole-course edits change details, never times; the course's calendar file
carries the venue's zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from kettle.meetups.actions import do_cancel_meetup, do_create_meetup, do_update_meetup
from kettle.meetups.calendar import calendar_bytes
from kettle.meetups.models import Meetup
from kettle.meetups.schedule import session_times, to_utc
from tests.factories import make_member, make_venue
from tests.meetups.support import LONDON, frozen_at, next_clock_change, session_list

pytestmark = pytest.mark.django_db


@dataclass
class ClockChange:
    day: date  # the Sunday the clocks change
    utc_before: int  # 10:00 in London, in UTC hours, before the change
    utc_after: int


@pytest.fixture(params=[3, 10], ids=["clocks-forward", "clocks-back"])
def change(request):
    """The next real clock change a fortnight or more away; the clock is held three weeks
    before it, so a course starting twelve days before the change lies in the future and
    within the year meetups may be planned ahead."""
    day = next_clock_change(request.param)
    with frozen_at(datetime.combine(day - timedelta(days=21), time(12), tzinfo=UTC)):
        yield ClockChange(day, *((10, 9) if request.param == 3 else (9, 10)))


@pytest.fixture
def host():
    return make_member("hollie", place="Ipswich")


@pytest.fixture
def library(host):
    return make_venue(host, "Ipswich Library", address="Northgate Street")


def start_course(host, venue, first_day: date, *, every: int = 1, sessions: int = 6, **fields) -> list[Meetup]:
    first = do_create_meetup(host, title="Baby massage", venue_id=venue.id, kind="event",
                             starts_at=datetime.combine(first_day, time(10)),  # naive: the venue's own time
                             ends_at=datetime.combine(first_day, time(11)), repeat_every_weeks=every,
                             sessions=sessions, **fields)
    return session_list(first)


def test_a_weekly_course_across_the_clocks_changing_stays_at_ten_in_the_morning(change, host, library):
    first_day = change.day - timedelta(days=12)  # a Tuesday, two sessions before the change
    sessions = start_course(host, library, first_day)

    assert [s.session_number for s in sessions] == [1, 2, 3, 4, 5, 6]
    assert [s.local_start.date() for s in sessions] == [first_day + timedelta(weeks=n) for n in range(6)]
    assert {(s.local_start.hour, s.local_start.minute) for s in sessions} == {(10, 0)}
    assert {(s.local_end.hour, s.local_end.minute) for s in sessions} == {(11, 0)}
    assert [s.starts_at.astimezone(UTC).hour for s in sessions] == [change.utc_before] * 2 + [change.utc_after] * 4
    assert all(s.ends_at - s.starts_at == timedelta(hours=1) for s in sessions)
    series = sessions[0].series
    assert (series.every_weeks, series.sessions, series.rhythm) == (1, 6, "weekly")


def test_a_fortnightly_course_meets_every_other_week_at_the_same_local_time(change, host, library):
    first_day = change.day - timedelta(days=19)
    sessions = start_course(host, library, first_day, every=2, sessions=4)

    assert [s.local_start.date() for s in sessions] == [first_day + timedelta(weeks=2 * n) for n in range(4)]
    assert {s.local_start.time() for s in sessions} == {time(10)}
    assert [s.starts_at.astimezone(UTC).hour for s in sessions] == [change.utc_before] * 2 + [change.utc_after] * 2
    assert sessions[0].series.rhythm == "fortnightly"


def test_moving_one_session_moves_only_that_one_and_remembers_where_it_was(change, host, library):
    sessions = start_course(host, library, change.day - timedelta(days=12))
    before = {s.id: (s.starts_at, s.ends_at) for s in sessions}
    moved = sessions[1]  # the last session before the change: to the Sunday after it, at 14:00
    new_day = change.day + timedelta(days=7)

    do_update_meetup(host, moved.id, starts_at=datetime.combine(new_day, time(14)),
                     ends_at=datetime.combine(new_day, time(15, 30)))

    after = {s.id: s for s in session_list(moved)}
    assert after[moved.id].local_start == datetime.combine(new_day, time(14), tzinfo=LONDON)
    assert after[moved.id].starts_at.astimezone(UTC).hour == 14 - (10 - change.utc_after)
    assert after[moved.id].local_end.time() == time(15, 30)
    assert after[moved.id].moved_from == before[moved.id][0]
    for session_id, session in after.items():
        if session_id != moved.id:
            assert (session.starts_at, session.ends_at) == before[session_id]
            assert session.moved_from is None


def test_moving_a_session_twice_keeps_its_first_planned_start(change, host, library):
    sessions = start_course(host, library, change.day - timedelta(days=12))
    session, planned = sessions[2], sessions[2].starts_at
    for hour in (11, 12):
        day = session.local_start.date()
        do_update_meetup(host, session.id, starts_at=datetime.combine(day, time(hour)),
                         ends_at=datetime.combine(day, time(hour + 1)))
    session.refresh_from_db()
    assert session.moved_from == planned
    assert session.local_start.time() == time(12)


def test_a_new_start_alone_keeps_the_old_end_and_must_still_come_before_it(change, host, library):
    sessions = start_course(host, library, change.day - timedelta(days=12))
    session = sessions[0]
    day = session.local_start.date()
    do_update_meetup(host, session.id, starts_at=datetime.combine(day, time(10, 30)))
    session.refresh_from_db()
    assert (session.local_start.time(), session.local_end.time()) == (time(10, 30), time(11))
    with pytest.raises(ValidationError) as caught:
        do_update_meetup(host, session.id, starts_at=datetime.combine(day, time(11, 30)))
    assert set(caught.value.message_dict) == {"ends_at"}


def test_cancelling_one_session_leaves_the_rest_of_the_course_on(change, host, library):
    sessions = start_course(host, library, change.day - timedelta(days=12))

    do_cancel_meetup(host, sessions[3].id, reason="The hall is being painted")

    cancelled = {s.id for s in session_list(sessions[0]) if s.is_cancelled}
    assert cancelled == {sessions[3].id}
    assert Meetup.objects.get(id=sessions[3].id).cancel_reason == "The hall is being painted"


def test_cancelling_the_whole_course_cancels_every_upcoming_session_but_not_those_over(change, host, library):
    sessions = start_course(host, library, change.day - timedelta(days=12))
    after_two = sessions[1].ends_at + timedelta(hours=1)
    with frozen_at(after_two):
        do_cancel_meetup(host, sessions[2].id, whole_series=True)
    states = [s.is_cancelled for s in session_list(sessions[0])]
    assert states == [False, False, True, True, True, True]


def test_whole_course_edits_change_the_details_of_upcoming_sessions_never_their_times(change, host, library):
    sessions = start_course(host, library, change.day - timedelta(days=12), capacity=8)
    times = {s.id: (s.starts_at, s.ends_at) for s in sessions}
    hall = make_venue(host, "St Mary's Church Hall", kind="church_hall", address="Church Lane")
    third_day = sessions[2].local_start.date()

    with frozen_at(sessions[0].ends_at + timedelta(hours=1)):  # the first session is over
        do_update_meetup(host, sessions[2].id, whole_series=True, title="Baby massage (new room)", capacity=12,
                         venue_id=hall.id, starts_at=datetime.combine(third_day, time(13)),
                         ends_at=datetime.combine(third_day, time(14)))

    after = session_list(sessions[0])
    assert [(s.title, s.capacity, s.venue_id) for s in after] == (
        [("Baby massage", 8, library.id)] + [("Baby massage (new room)", 12, hall.id)] * 5)
    for session in after:
        if session.id == sessions[2].id:
            assert session.local_start.time() == time(13)
            assert session.moved_from == times[session.id][0]
        else:
            assert (session.starts_at, session.ends_at) == times[session.id]
            assert session.moved_from is None


def test_a_details_edit_of_one_session_leaves_the_others_alone(change, host, library):
    sessions = start_course(host, library, change.day - timedelta(days=12), capacity=8)
    do_update_meetup(host, sessions[4].id, title="Baby massage: bring a towel", capacity=10)
    assert [(s.title, s.capacity) for s in session_list(sessions[0])] == (
        [("Baby massage", 8)] * 4 + [("Baby massage: bring a towel", 10), ("Baby massage", 8)])


def test_the_course_calendar_file_has_each_session_at_ten_in_london_with_its_time_zone(change, host, library):
    sessions = start_course(host, library, change.day - timedelta(days=12))
    moved = sessions[5]
    day = moved.local_start.date() + timedelta(days=1)
    do_update_meetup(host, moved.id, starts_at=datetime.combine(day, time(10)),
                     ends_at=datetime.combine(day, time(11)))
    do_cancel_meetup(host, sessions[4].id)

    cal = Calendar.from_ical(calendar_bytes(session_list(sessions[0]), name="Baby massage",
                                            base_url="https://kettle.example"))

    events = sorted(cal.walk("VEVENT"), key=lambda e: e.decoded("dtstart"))
    assert len(events) == 6
    for event in events:
        start, end = event["DTSTART"], event["DTEND"]
        assert start.params["TZID"] == "Europe/London"
        assert end.params["TZID"] == "Europe/London"
        assert (start.dt.hour, start.dt.minute, end.dt.hour) == (10, 0, 11)
        assert start.dt.utcoffset() == start.dt.astimezone(LONDON).utcoffset()
    assert [e.decoded("dtstart").astimezone(UTC).hour for e in events] == (
        [change.utc_before] * 2 + [change.utc_after] * 4)
    assert [str(e["STATUS"]) for e in events] == ["CONFIRMED"] * 4 + ["CANCELLED", "CONFIRMED"]
    sequences = [int(e["SEQUENCE"]) for e in events]
    assert sequences[:4] == [0] * 4 and sequences[4] > 0 and sequences[5] > 0  # cancelled; moved
    assert len({str(e["UID"]) for e in events}) == 6
    assert all(str(e["URL"]).startswith("https://kettle.example/meetups/") for e in events)
    assert "Ipswich Library, Northgate Street, Ipswich" in {str(e["LOCATION"]) for e in events}
    zones = cal.walk("VTIMEZONE")
    assert [str(z["TZID"]) for z in zones] == ["Europe/London"]
    assert {sub.name for sub in zones[0].subcomponents} >= {"STANDARD", "DAYLIGHT"}


# --- The schedule on its own ------------------------------------------------------------


def test_a_naive_time_is_the_venues_wall_clock_and_an_aware_one_is_kept():
    summer = datetime(2027, 7, 1, 10)
    assert to_utc(summer, LONDON) == datetime(2027, 7, 1, 9, tzinfo=UTC)
    assert to_utc(datetime(2027, 1, 5, 10), LONDON) == datetime(2027, 1, 5, 10, tzinfo=UTC)
    aware = datetime(2027, 7, 1, 10, tzinfo=UTC)
    assert to_utc(aware, LONDON) == aware


@settings(max_examples=60, deadline=None)
@given(first=st.dates(min_value=date(2026, 1, 1), max_value=date(2030, 12, 31)),
       hour=st.integers(min_value=6, max_value=20), minute=st.sampled_from([0, 15, 30, 45]),
       every=st.sampled_from([1, 2]), count=st.integers(min_value=2, max_value=26),
       zone=st.sampled_from(["Europe/London", "Europe/Paris", "America/New_York", "Australia/Sydney"]))
def test_every_session_of_a_daytime_course_is_at_the_first_sessions_local_time(first, hour, minute, every, count,
                                                                              zone):
    from zoneinfo import ZoneInfo

    tz = ZoneInfo(zone)
    start = to_utc(datetime.combine(first, time(hour, minute)), tz)
    times = session_times(start, start + timedelta(minutes=90), tz, every_weeks=every, sessions=count)

    assert len(times) == count
    for number, (s, e) in enumerate(times):
        local = s.astimezone(tz)
        assert local.date() == first + timedelta(weeks=every * number)
        assert local.time() == time(hour, minute)
        assert e - s == timedelta(minutes=90)
        assert s.tzinfo is not None and s.utcoffset() == timedelta(0)
