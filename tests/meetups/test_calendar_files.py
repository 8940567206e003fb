"""The .ics files: what one meetup's event says, its times in the venue's own zone (with that
zone's VTIMEZONE), and a feed spanning venues in different zones."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from kettle.meetups.actions import (
    do_cancel_meetup,
    do_create_calendar_feed,
    do_create_venue,
    do_rsvp,
    do_update_meetup,
)
from kettle.meetups.calendar import PRODID, calendar_bytes
from kettle.meetups.models import Meetup
from tests.factories import PlaceFactory, make_meetup, make_member, make_venue
from tests.helpers import committed
from tests.meetups.support import LONDON, frozen_at, parents

pytestmark = pytest.mark.django_db


@pytest.fixture
def host():
    return make_member("hollie", is_public=True, place="Ipswich")


def parse(body: bytes) -> Calendar:
    return Calendar.from_ical(body)


def naive(days: int, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(timezone.now().astimezone(LONDON).date() + timedelta(days=days), time(hour, minute))


def test_one_meetups_event_says_what_where_when_and_for_whom(host):
    venue = make_venue(host, "Ipswich Library", address="Northgate Street")
    meetup = make_meetup(host, "Rhyme time", venue=venue, starts_at=naive(4, 10, 30), ends_at=naive(4, 11, 15),
                         description="Songs and rhymes for little ones.", cost="Free", age_from_months=0,
                         age_to_months=24)

    cal = parse(calendar_bytes([meetup], name="Rhyme time", base_url="https://kettle.example"))

    assert (str(cal["PRODID"]), str(cal["VERSION"]), str(cal["X-WR-CALNAME"])) == (PRODID, "2.0", "Rhyme time")
    (event,) = cal.walk("VEVENT")
    assert str(event["UID"]) == f"meetup-{meetup.id}@kettle"
    assert str(event["SUMMARY"]) == "Rhyme time"
    assert str(event["LOCATION"]) == "Ipswich Library, Northgate Street, Ipswich"
    assert str(event["URL"]) == f"https://kettle.example/meetups/{meetup.id}"
    description = str(event["DESCRIPTION"])
    for line in ("Songs and rhymes for little ones.", "Children: 0-2 years", "Cost: Free",
                 f"https://kettle.example/meetups/{meetup.id}"):
        assert line in description
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert event.decoded("dtstart").replace(tzinfo=None) == naive(4, 10, 30)
    assert event.decoded("dtend").replace(tzinfo=None) == naive(4, 11, 15)
    assert event.decoded("dtstart").astimezone(UTC) == meetup.starts_at
    assert event.decoded("dtstamp").utcoffset() == timedelta(0)
    assert (str(event["STATUS"]), int(event["SEQUENCE"])) == ("CONFIRMED", 0)
    assert [str(z["TZID"]) for z in cal.walk("VTIMEZONE")] == ["Europe/London"]


def test_a_cancelled_meetups_event_says_so(host):
    meetup = make_meetup(host)
    committed(do_cancel_meetup, host, meetup.id, reason="Rain")
    meetup = Meetup.objects.select_related("venue__place").get(id=meetup.id)
    (event,) = parse(calendar_bytes([meetup], name="x")).walk("VEVENT")
    assert str(event["STATUS"]) == "CANCELLED"


def test_a_meetup_abroad_carries_its_own_zone_and_a_feed_carries_each_zone_once(host):
    paris = PlaceFactory(name="Paris", timezone="Europe/Paris", latitude=48.86, longitude=2.35)
    cafe = do_create_venue(host, name="Cafe de Flore", place_id=paris.id, kind="cafe")
    in_paris = make_meetup(host, "Cafe in Paris", venue=cafe, starts_at=naive(5, 10), ends_at=naive(5, 11))
    at_home = [make_meetup(host, f"Ipswich {n}", starts_at=naive(5 + n, 10), ends_at=naive(5 + n, 11))
               for n in (1, 2)]

    cal = parse(calendar_bytes([in_paris, *at_home], name="Mine"))

    starts = {str(e["SUMMARY"]): e["DTSTART"] for e in cal.walk("VEVENT")}
    assert starts["Cafe in Paris"].params["TZID"] == "Europe/Paris"
    assert starts["Cafe in Paris"].dt.hour == 10
    assert starts["Cafe in Paris"].dt.astimezone(UTC) == in_paris.starts_at
    assert {starts[f"Ipswich {n}"].params["TZID"] for n in (1, 2)} == {"Europe/London"}
    assert sorted(str(z["TZID"]) for z in cal.walk("VTIMEZONE")) == ["Europe/London", "Europe/Paris"]


def test_each_move_or_cancellation_counts_higher_so_calendars_take_the_latest(host):
    meetup = make_meetup(host, starts_at=naive(4, 10), ends_at=naive(4, 11))

    def sequence_now() -> int:
        fresh = Meetup.objects.select_related("venue__place").get(id=meetup.id)
        (event,) = parse(calendar_bytes([fresh], name="x")).walk("VEVENT")
        return int(event["SEQUENCE"])

    seen = [sequence_now()]
    committed(do_update_meetup, host, meetup.id, title="Same time, new words")
    seen.append(sequence_now())
    for minutes, hour in ((1, 11), (2, 12)):  # a one-off meetup moved twice
        with frozen_at(timezone.now() + timedelta(minutes=minutes)):
            committed(do_update_meetup, host, meetup.id, starts_at=naive(4, hour), ends_at=naive(4, hour + 1))
        seen.append(sequence_now())
    with frozen_at(timezone.now() + timedelta(minutes=3)):
        committed(do_cancel_meetup, host, meetup.id)
    seen.append(sequence_now())

    assert seen[0] == seen[1] == 0  # new words are not a new time
    assert seen[1] < seen[2] < seen[3] < seen[4]


def test_an_empty_feed_is_still_a_calendar(host):
    cal = parse(calendar_bytes([], name="My Kettle meetups"))
    assert cal.walk("VEVENT") == [] and str(cal["X-WR-CALNAME"]) == "My Kettle meetups"


def test_the_calendar_pages_link_back_to_this_site(host, client_for):
    meetup = make_meetup(host)
    response = client_for(host).get(f"/meetups/{meetup.id}.ics")
    (event,) = parse(response.content).walk("VEVENT")
    assert str(event["URL"]) == f"http://testserver/meetups/{meetup.id}"

    ana = parents("ana")
    committed(do_rsvp, ana, meetup.id, "going")
    feed = do_create_calendar_feed(ana)
    response = client_for(None).get(feed.url)
    cal = parse(response.content)
    assert str(cal["X-WR-CALNAME"]) == "My Kettle meetups"
    assert [str(e["URL"]) for e in cal.walk("VEVENT")] == [f"http://testserver/meetups/{meetup.id}"]
    assert response["Content-Disposition"] == 'attachment; filename="kettle-meetups.ics"'
