"""Going, maybe and can't go: the safety guidance before the first one, the host's approval,
places and the waitlist, and the counts on the meetup always matching the RSVPs."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from kettle.meetups.actions import do_cancel_meetup, do_decide_rsvp, do_rsvp, do_update_meetup
from kettle.meetups.models import Meetup, Rsvp, SafetyNote
from kettle.meetups.queries import attendees_of
from tests.factories import make_group, make_meetup, make_member, make_venue
from tests.helpers import committed
from tests.meetups.support import frozen_at, notified, parents, recount_matches, session_list

pytestmark = pytest.mark.django_db


@pytest.fixture
def host():
    return make_member("hollie", place="Ipswich")


@pytest.fixture
def venue(host):
    return make_venue(host)


def status_of(member, meetup) -> str | None:
    return Rsvp.objects.filter(member=member, meetup=meetup).values_list("status", flat=True).first()


def rsvp(member, meetup, status="going", **kwargs):
    return committed(do_rsvp, member, meetup.id, status, **kwargs)


def test_the_host_cannot_rsvp_to_their_own_meetup(host, venue):
    meetup = make_meetup(host, venue=venue)
    SafetyNote.objects.create(member=host)
    with pytest.raises(ValidationError) as caught:
        do_rsvp(host, meetup.id, "going")
    assert set(caught.value.message_dict) == {"status"}
    assert not Rsvp.objects.exists()


def test_the_first_rsvp_ever_waits_for_the_safety_guidance_and_later_ones_do_not(host, venue):
    first, second = make_meetup(host, venue=venue), make_meetup(host, "Soft play morning", venue=venue)
    priya = make_member("priya")

    with pytest.raises(ValidationError) as caught:
        do_rsvp(priya, first.id, "going")
    assert set(caught.value.message_dict) == {"safety_read"}
    assert "public place" in caught.value.message_dict["safety_read"][0]
    assert not Rsvp.objects.exists() and not SafetyNote.objects.exists()
    assert Meetup.objects.get(id=first.id).going_count == 0

    assert rsvp(priya, first, safety_read=True).status == "going"
    assert SafetyNote.objects.filter(member=priya).exists()
    assert rsvp(priya, second, "maybe").status == "maybe"


def test_saying_cant_go_needs_no_safety_guidance(host, venue):
    meetup = make_meetup(host, venue=venue)
    priya = make_member("priya")
    assert rsvp(priya, meetup, "not_going").status == "not_going"
    assert not SafetyNote.objects.filter(member=priya).exists()


def test_a_safety_read_that_comes_with_a_refused_rsvp_is_not_kept(host, venue):
    meetup = make_meetup(host, venue=venue)
    committed(do_cancel_meetup, host, meetup.id)
    priya = make_member("priya")
    with pytest.raises(ValidationError):
        do_rsvp(priya, meetup.id, "going", safety_read=True)
    assert not SafetyNote.objects.filter(member=priya).exists()


def test_going_to_a_meetup_needing_approval_asks_the_host_who_hears_of_it(host, venue):
    meetup = make_meetup(host, venue=venue, requires_approval=True)
    priya = parents("priya")

    assert rsvp(priya, meetup).status == "requested"

    assert notified("meetup_request", meetup) == [host.id]
    meetup.refresh_from_db()
    assert (meetup.going_count, meetup.waitlist_count) == (0, 0)
    assert rsvp(priya, meetup).status == "requested"  # asking again keeps the request
    assert notified("meetup_request", meetup) == [host.id]


def test_approving_a_request_makes_them_going_and_tells_them(host, venue):
    meetup = make_meetup(host, venue=venue, requires_approval=True, capacity=2)
    priya = parents("priya")
    rsvp(priya, meetup)

    decided = committed(do_decide_rsvp, host, meetup.id, priya.id, "approve")

    assert decided.status == "going"
    assert notified("meetup_approved", meetup) == [priya.id]
    assert recount_matches(meetup) and meetup.going_count == 1


def test_approving_a_request_when_full_puts_them_on_the_waitlist(host, venue):
    meetup = make_meetup(host, venue=venue, requires_approval=True, capacity=1)
    priya, quinn = parents("priya", "quinn")
    rsvp(priya, meetup)
    rsvp(quinn, meetup)
    committed(do_decide_rsvp, host, meetup.id, priya.id, "approve")

    decided = committed(do_decide_rsvp, host, meetup.id, quinn.id, "approve")

    assert decided.status == "waitlisted" and decided.waitlisted_at is not None
    assert recount_matches(meetup) and (meetup.going_count, meetup.waitlist_count) == (1, 1)


def test_only_a_request_can_be_approved(host, venue):
    meetup = make_meetup(host, venue=venue)
    priya = parents("priya")
    rsvp(priya, meetup)
    with pytest.raises(ValidationError):
        do_decide_rsvp(host, meetup.id, priya.id, "approve")


def test_declining_a_request_or_removing_someone_going_frees_their_place_for_the_waitlist(host, venue):
    meetup = make_meetup(host, venue=venue, capacity=1, requires_approval=True)
    priya, quinn, rosa = parents("priya", "quinn", "rosa")
    for person in (priya, quinn, rosa):
        rsvp(person, meetup)
    committed(do_decide_rsvp, host, meetup.id, priya.id, "approve")
    committed(do_decide_rsvp, host, meetup.id, quinn.id, "approve")  # full: waiting

    assert committed(do_decide_rsvp, host, meetup.id, rosa.id, "decline").status == "not_going"
    assert committed(do_decide_rsvp, host, meetup.id, priya.id, "remove").status == "not_going"

    assert status_of(quinn, meetup) == "going"
    assert notified("meetup_promoted", meetup) == [quinn.id]
    assert recount_matches(meetup) and (meetup.going_count, meetup.waitlist_count) == (1, 0)


def test_only_the_hosts_decide(host, venue):
    meetup = make_meetup(host, venue=venue, requires_approval=True)
    priya, quinn = parents("priya", "quinn")
    rsvp(priya, meetup)
    with pytest.raises(PermissionDenied):
        do_decide_rsvp(quinn, meetup.id, priya.id, "approve")
    assert status_of(priya, meetup) == "requested"


def test_an_organisations_admin_decides_for_its_classes(host, venue):
    from kettle.groups.actions import do_create_organisation, do_set_team_member

    org = do_create_organisation(host, name="Suffolk Baby Classes")
    admin = make_member("ada")
    do_set_team_member(host, org.id, admin.handle, role="admin")
    meetup = make_meetup(host, venue=venue, kind="class", organisation_id=org.id, requires_approval=True)
    priya = parents("priya")
    rsvp(priya, meetup)
    assert committed(do_decide_rsvp, admin, meetup.id, priya.id, "approve").status == "going"


def test_when_the_places_are_taken_the_next_person_joins_the_waitlist_in_order(host, venue):
    meetup = make_meetup(host, venue=venue, capacity=2)
    people = parents("ana", "ben", "cas", "dev")

    statuses = [rsvp(person, meetup).status for person in people]

    assert statuses == ["going", "going", "waitlisted", "waitlisted"]
    queue = list(attendees_of(host, meetup, statuses=("waitlisted",)).values_list("member_id", flat=True))
    assert queue == [people[2].id, people[3].id]
    assert recount_matches(meetup) and (meetup.going_count, meetup.waitlist_count) == (2, 2)
    assert meetup.is_full and meetup.places_left == 0


def test_leaving_gives_the_place_to_the_first_in_line_who_is_told(host, venue):
    meetup = make_meetup(host, venue=venue, capacity=1)
    ana, ben, cas = parents("ana", "ben", "cas")
    for person in (ana, ben, cas):
        rsvp(person, meetup)

    rsvp(ana, meetup, "not_going")

    assert (status_of(ana, meetup), status_of(ben, meetup), status_of(cas, meetup)) == (
        "not_going", "going", "waitlisted")
    assert notified("meetup_promoted", meetup) == [ben.id]
    assert recount_matches(meetup) and (meetup.going_count, meetup.waitlist_count) == (1, 1)


def test_going_to_maybe_also_frees_the_place(host, venue):
    meetup = make_meetup(host, venue=venue, capacity=1)
    ana, ben = parents("ana", "ben")
    rsvp(ana, meetup)
    rsvp(ben, meetup)
    rsvp(ana, meetup, "maybe")
    assert status_of(ben, meetup) == "going"
    assert recount_matches(meetup)


def test_pressing_going_again_keeps_a_place_in_the_queue(host, venue):
    meetup = make_meetup(host, venue=venue, capacity=1)
    ana, ben, cas = parents("ana", "ben", "cas")
    for person in (ana, ben, cas):
        rsvp(person, meetup)
    first_place = Rsvp.objects.get(member=ben, meetup=meetup).waitlisted_at
    rsvp(ben, meetup)
    assert Rsvp.objects.get(member=ben, meetup=meetup).waitlisted_at == first_place
    rsvp(ana, meetup, "not_going")
    assert status_of(ben, meetup) == "going"


def test_raising_the_places_lets_people_in_from_the_waitlist_in_order(host, venue):
    meetup = make_meetup(host, venue=venue, capacity=1)
    people = parents("ana", "ben", "cas", "dev")
    for person in people:
        rsvp(person, meetup)

    committed(do_update_meetup, host, meetup.id, capacity=3)

    assert [status_of(p, meetup) for p in people] == ["going", "going", "going", "waitlisted"]
    assert notified("meetup_promoted", meetup) == sorted([people[1].id, people[2].id])
    assert recount_matches(meetup) and (meetup.going_count, meetup.waitlist_count) == (3, 1)


def test_removing_the_limit_lets_everyone_waiting_in(host, venue):
    meetup = make_meetup(host, venue=venue, capacity=1)
    people = parents("ana", "ben", "cas")
    for person in people:
        rsvp(person, meetup)
    committed(do_update_meetup, host, meetup.id, capacity=None)
    assert [status_of(p, meetup) for p in people] == ["going"] * 3
    assert recount_matches(meetup)


def test_places_cannot_drop_below_the_number_going(host, venue):
    meetup = make_meetup(host, venue=venue, capacity=5)
    for person in parents("ana", "ben", "cas"):
        rsvp(person, meetup)
    with pytest.raises(ValidationError) as caught:
        do_update_meetup(host, meetup.id, capacity=2)
    assert set(caught.value.message_dict) == {"capacity"}
    assert "3 people are going" in caught.value.message_dict["capacity"][0]
    assert Meetup.objects.get(id=meetup.id).capacity == 5
    assert committed(do_update_meetup, host, meetup.id, capacity=3).capacity == 3


def test_a_cancelled_meetup_refuses_rsvps(host, venue):
    meetup = make_meetup(host, venue=venue)
    committed(do_cancel_meetup, host, meetup.id)
    with pytest.raises(ValidationError) as caught:
        do_rsvp(parents("ana"), meetup.id, "going")
    assert set(caught.value.message_dict) == {"status"}
    assert not Rsvp.objects.exists()


def test_a_meetup_that_has_started_refuses_rsvps(host, venue):
    meetup = make_meetup(host, venue=venue)
    ana = parents("ana")
    with frozen_at(meetup.starts_at + timedelta(minutes=5)), pytest.raises(ValidationError) as caught:
        do_rsvp(ana, meetup.id, "going")
    assert "already started" in caught.value.message_dict["status"][0]
    assert not Rsvp.objects.exists()


def test_the_waitlist_does_not_move_once_a_meetup_has_started(host, venue):
    meetup = make_meetup(host, venue=venue, capacity=1)
    ana, ben = parents("ana", "ben")
    rsvp(ana, meetup)
    rsvp(ben, meetup)
    with frozen_at(meetup.starts_at + timedelta(minutes=5)):
        committed(do_decide_rsvp, host, meetup.id, ana.id, "remove")
    assert status_of(ben, meetup) == "waitlisted"


def test_booking_the_whole_course_books_every_upcoming_session(host, venue):
    start = (timezone.now() + timedelta(days=2)).replace(microsecond=0)
    first = make_meetup(host, "Baby signing", venue=venue, starts_at=start, ends_at=start + timedelta(hours=1),
                        repeat_every_weeks=1, sessions=4, capacity=1)
    sessions = session_list(first)
    ben = parents("ben")
    rsvp(ben, sessions[2])  # session 3 is already full when the course is booked
    committed(do_cancel_meetup, host, sessions[3].id)
    ana = parents("ana")

    with frozen_at(sessions[0].ends_at + timedelta(minutes=1)):  # session 1 is over
        answered = rsvp(ana, sessions[1], whole_course=True, first_timer=True)

    assert answered.meetup_id == sessions[1].id and answered.status == "going"
    assert [status_of(ana, s) for s in sessions] == [None, "going", "waitlisted", None]
    assert all(Rsvp.objects.filter(member=ana, meetup=s).get().first_timer for s in sessions[1:3])
    assert all(recount_matches(s) for s in sessions)


def test_cant_go_to_the_whole_course_changes_only_the_sessions_answered(host, venue):
    first = make_meetup(host, "Baby signing", venue=venue, repeat_every_weeks=1, sessions=4)
    sessions = session_list(first)
    ana = parents("ana")
    rsvp(ana, sessions[1])
    rsvp(ana, sessions[2], "maybe")

    rsvp(ana, sessions[0], "not_going", whole_course=True)

    assert [status_of(ana, s) for s in sessions] == ["not_going", "not_going", "not_going", None]
    assert all(recount_matches(s) for s in sessions)


def test_booking_one_session_of_a_course_books_just_that_one(host, venue):
    first = make_meetup(host, "Baby signing", venue=venue, repeat_every_weeks=2, sessions=3)
    sessions = session_list(first)
    ana = parents("ana")
    rsvp(ana, sessions[1])
    assert [status_of(ana, s) for s in sessions] == [None, "going", None]


def test_a_group_meetup_needs_the_member_to_take_part_in_the_group(host, venue):
    owner = make_member("gwen")
    ana, ben = parents("ana", "ben")
    group = make_group(owner, "Ipswich Dads", members=(host, ana))
    meetup = make_meetup(host, venue=venue, group_id=group.id)

    assert rsvp(ana, meetup).status == "going"
    with pytest.raises(PermissionDenied):
        do_rsvp(ben, meetup.id, "going")
    assert status_of(ben, meetup) is None


def test_a_private_group_meetup_is_a_404_to_someone_outside(host, venue):
    group = make_group(make_member("gwen"), "Bump Buddies March", privacy="private", members=(host,))
    meetup = make_meetup(host, venue=venue, group_id=group.id)
    with pytest.raises(Http404):
        do_rsvp(parents("ana"), meetup.id, "going")


def test_first_timers_say_so_and_it_is_kept_while_they_are_coming(host, venue):
    meetup = make_meetup(host, venue=venue)
    ana = parents("ana")
    assert rsvp(ana, meetup, first_timer=True).first_timer is True
    assert rsvp(ana, meetup, "maybe", first_timer=True).first_timer is True
    assert rsvp(ana, meetup, "not_going", first_timer=True).first_timer is False


def test_the_counts_always_equal_the_rsvps_through_a_busy_morning(host, venue):
    meetup = make_meetup(host, venue=venue, capacity=3)
    people = parents("ana", "ben", "cas", "dev", "eve", "fay")
    moves = [(0, "going"), (1, "going"), (2, "maybe"), (3, "going"), (4, "going"), (5, "going"), (1, "not_going"),
             (2, "going"), (0, "maybe"), (4, "not_going"), (3, "going"), (5, "not_going"), (0, "going")]
    for index, status in moves:
        rsvp(people[index], meetup, status)
        assert recount_matches(meetup)
        assert meetup.going_count <= 3
        if meetup.going_count < 3:
            assert meetup.waitlist_count == 0  # nobody waits while there is a place
    committed(do_update_meetup, host, meetup.id, capacity=6)
    assert recount_matches(meetup) and meetup.waitlist_count == 0


_runs = itertools.count(1)
STEPS = st.lists(st.one_of(
    st.tuples(st.just("answer"), st.integers(0, 4), st.sampled_from(["going", "maybe", "not_going"])),
    st.tuples(st.just("capacity"), st.none() | st.integers(1, 5)),
    st.tuples(st.just("remove"), st.integers(0, 4)),
), min_size=1, max_size=25)


@settings(max_examples=30, deadline=None)
@given(capacity=st.integers(1, 4), steps=STEPS)
def test_whatever_happens_the_counts_match_and_nobody_waits_while_there_is_a_place(capacity, steps):
    run = next(_runs)
    host = make_member(f"host{run}")
    meetup = make_meetup(host, venue=make_venue(host, f"Cafe {run}", kind="cafe"), capacity=capacity)
    people = parents(*(f"p{run}x{i}" for i in range(5)))
    for step in steps:
        try:
            if step[0] == "answer":
                do_rsvp(people[step[1]], meetup.id, step[2])
            elif step[0] == "capacity":
                do_update_meetup(host, meetup.id, capacity=step[1])
            else:
                do_decide_rsvp(host, meetup.id, people[step[1]].id, "remove")
        except ValidationError:
            assert step[0] == "capacity"  # fewer places than people going: refused, nothing changed
        except Http404:
            assert step[0] == "remove"  # they never answered
        assert recount_matches(meetup)
        if meetup.capacity is not None:
            assert meetup.going_count <= meetup.capacity
        if not meetup.is_full:
            assert meetup.waitlist_count == 0
        queue = list(meetup.rsvps.filter(status="waitlisted").order_by("id").values_list("waitlisted_at", flat=True))
        assert None not in queue


def test_turning_approval_off_lets_those_still_asking_in_as_places_allow():
    host = make_member("harriet")
    meetup = make_meetup(host, "Bump and baby coffee", capacity=1, requires_approval=True)
    first, second = parents("asker1", "asker2")
    for person in (first, second):
        committed(do_rsvp, person, meetup.id, "going")
    assert set(Rsvp.objects.filter(meetup=meetup).values_list("status", flat=True)) == {"requested"}

    committed(do_update_meetup, host, meetup.id, requires_approval=False)

    assert Rsvp.objects.get(meetup=meetup, member=first).status == "going"
    assert Rsvp.objects.get(meetup=meetup, member=second).status == "waitlisted"
    assert notified("meetup_promoted", meetup) == [first.id]
    meetup.refresh_from_db()
    assert (meetup.going_count, meetup.waitlist_count) == (1, 1)
