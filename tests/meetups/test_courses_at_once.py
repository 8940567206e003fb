"""A whole course booked by many parents at once, and while its host edits it: every booking and
edit locks the course's sessions in the same order (by time), so they wait for each other rather
than deadlock on PostgreSQL. Runs on SQLite too (see tests/concurrency.py)."""

from __future__ import annotations

import pytest

from kettle.accounts.models import Member
from kettle.meetups.actions import do_rsvp, do_update_meetup
from kettle.meetups.models import Meetup
from tests.concurrency import at_once
from tests.factories import make_meetup, make_member
from tests.helpers import committed
from tests.meetups.support import parents, recount_matches, session_list


@pytest.mark.django_db(transaction=True)
def test_booking_a_whole_course_at_once_from_different_sessions_never_deadlocks():
    host = make_member("hollie")
    first = make_meetup(host, "Baby signing", repeat_every_weeks=1, sessions=4, capacity=30)
    sessions = session_list(first)
    people = [parents(f"keen{i}") for i in range(16)]

    def book(member_id: int, session: Meetup):
        return committed(do_rsvp, Member.objects.get(id=member_id), session.id, "going", whole_course=True)

    results = at_once([lambda m=p.id, s=sessions[0 if i % 2 else 3]: book(m, s) for i, p in enumerate(people)])

    assert [r for r in results if isinstance(r, Exception)] == []
    for session in sessions:
        session.refresh_from_db()
        assert session.going_count == 16 and recount_matches(session)


@pytest.mark.django_db(transaction=True)
def test_a_host_editing_the_whole_course_while_parents_book_it_never_deadlocks():
    host = make_member("hollie")
    first = make_meetup(host, "Baby signing", repeat_every_weeks=1, sessions=4, capacity=30)
    sessions = session_list(first)
    people = [parents(f"keen{i}") for i in range(12)]

    def book(member_id: int):
        return committed(do_rsvp, Member.objects.get(id=member_id), sessions[0].id, "going", whole_course=True)

    def edit(n: int):
        return committed(do_update_meetup, Member.objects.get(id=host.id), sessions[3 - n % 2].id,
                         whole_series=True, title=f"Baby signing ({n})")

    calls = [lambda m=p.id: book(m) for p in people] + [lambda n=n: edit(n) for n in range(6)]
    results = at_once(calls[::2] + calls[1::2])

    assert [r for r in results if isinstance(r, Exception)] == []
    for session in sessions:
        assert recount_matches(session) and session.going_count == 12
        assert session.title.startswith("Baby signing (")
