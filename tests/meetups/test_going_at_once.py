"""A hundred members pressing "going" at the same moment on a meetup with ten places: exactly
ten go and ninety wait, in the order they arrived; when one of the ten can't make it, the first
in line is promoted and told. Runs on SQLite and PostgreSQL (see tests/concurrency.py)."""

from __future__ import annotations

import pytest

from kettle.accounts.models import Member
from kettle.meetups.actions import do_rsvp
from kettle.meetups.models import Meetup, Rsvp, SafetyNote
from kettle.notifications.models import Notification
from tests.concurrency import at_once
from tests.factories import make_meetup, make_member
from tests.helpers import committed

pytestmark = pytest.mark.django_db(transaction=True)


def parents(prefix: str, count: int):
    people = [make_member(f"{prefix}{i}") for i in range(count)]
    SafetyNote.objects.bulk_create([SafetyNote(member=person) for person in people])
    return people


@pytest.mark.slow
def test_a_hundred_pressing_going_at_once_on_ten_places_gives_ten_going_and_ninety_waiting_in_order():
    host = make_member("hollie")
    meetup = make_meetup(host, "Baby sensory taster", capacity=10)
    keen = parents("keen", 100)

    results = at_once([lambda m=person.id: committed(do_rsvp, Member.objects.get(id=m), meetup.id, "going")
                       for person in keen])

    assert [r for r in results if isinstance(r, Exception)] == []
    statuses = [r.status for r in results]
    assert statuses.count("going") == 10 and statuses.count("waitlisted") == 90
    meetup.refresh_from_db()
    assert (meetup.going_count, meetup.waitlist_count) == (10, 90)
    queue = list(Rsvp.objects.filter(meetup=meetup, status="waitlisted").order_by("waitlisted_at", "id"))
    # The queue is in arrival order: each waiting RSVP was written after the last place went.
    last_place = max(Rsvp.objects.filter(meetup=meetup, status="going").values_list("id", flat=True))
    assert all(rsvp.id > last_place for rsvp in queue)
    assert [r.waitlisted_at for r in queue] == sorted(r.waitlisted_at for r in queue)

    leaver = Rsvp.objects.filter(meetup=meetup, status="going").first().member
    committed(do_rsvp, leaver, meetup.id, "not_going")

    first_in_line = queue[0]
    first_in_line.refresh_from_db()
    assert first_in_line.status == "going"
    assert Rsvp.objects.get(id=queue[1].id).status == "waitlisted"
    meetup.refresh_from_db()
    assert (meetup.going_count, meetup.waitlist_count) == (10, 89)
    told = Notification.objects.filter(kind="meetup_promoted", meetup=meetup)
    assert list(told.values_list("recipient_id", flat=True)) == [first_in_line.member_id]


def test_one_member_pressing_going_twice_at_once_takes_one_place():
    host = make_member("hana")
    meetup = make_meetup(host, "Toddler picnic", capacity=3)
    (quick,) = parents("quick", 1)

    results = at_once([lambda: committed(do_rsvp, Member.objects.get(id=quick.id), meetup.id, "going")] * 4)

    assert [r for r in results if isinstance(r, Exception)] == []
    assert Rsvp.objects.filter(meetup=meetup, member=quick).count() == 1
    assert Meetup.objects.get(id=meetup.id).going_count == 1



