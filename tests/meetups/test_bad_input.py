"""Bad input to the meetup and venue actions answers a clear error on the field at fault, and
nothing is written: no meetup, venue, course or RSVP is left half-made."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from kettle.meetups.actions import (
    do_cancel_meetup,
    do_create_meetup,
    do_create_venue,
    do_decide_rsvp,
    do_rsvp,
    do_update_meetup,
)
from kettle.meetups.models import Meetup
from tests.factories import make_group, make_meetup, make_member, suffolk_place
from tests.meetups.support import counts, organisation_of, parents

pytestmark = pytest.mark.django_db


def soon(days: float = 3, hours: float = 0):
    return (timezone.now() + timedelta(days=days, hours=hours)).replace(microsecond=0)


def attempt(host, **overrides) -> dict[str, list[str]]:
    """Try to start a meetup with these fields; return its field errors (and check nothing was made)."""
    before = counts()
    start = soon()
    fields = {"title": "Coffee and a walk", "venue_id": overrides.pop("venue").id if "venue" in overrides else None,
              "starts_at": start, "ends_at": start + timedelta(hours=2)}
    fields.update(overrides)
    with pytest.raises(ValidationError) as caught:
        do_create_meetup(host, **fields)
    assert counts() == before
    return caught.value.message_dict


def test_a_meetup_ending_before_it_starts_is_refused_on_its_end(host, venue):
    start = soon()
    errors = attempt(host, venue=venue, starts_at=start, ends_at=start - timedelta(minutes=30))
    assert set(errors) == {"ends_at"}
    assert "ends before it starts" in errors["ends_at"][0]


def test_a_meetup_ending_as_it_starts_is_refused_on_its_end(host, venue):
    start = soon()
    assert set(attempt(host, venue=venue, starts_at=start, ends_at=start)) == {"ends_at"}


def test_a_meetup_longer_than_twelve_hours_is_refused_on_its_end(host, venue):
    start = soon()
    assert set(attempt(host, venue=venue, starts_at=start, ends_at=start + timedelta(hours=13))) == {"ends_at"}


@pytest.mark.parametrize("capacity", [0, -3, 10_000, 1_001, "ten", 2.5])
def test_places_must_be_a_whole_number_from_one_to_a_thousand(host, venue, capacity):
    assert set(attempt(host, venue=venue, capacity=capacity)) == {"capacity"}


@pytest.mark.parametrize("capacity", [1, 1_000, "12", None, ""])
def test_places_from_one_to_a_thousand_or_none_are_fine(host, venue, capacity):
    start = soon()
    meetup = do_create_meetup(host, title="Coffee", venue_id=venue.id, starts_at=start,
                              ends_at=start + timedelta(hours=1), capacity=capacity)
    assert meetup.capacity == (int(capacity) if capacity not in (None, "") else None)


def test_a_start_in_the_past_is_refused_on_its_start(host, venue):
    start = timezone.now() - timedelta(days=1)
    errors = attempt(host, venue=venue, starts_at=start, ends_at=start + timedelta(hours=1))
    assert set(errors) == {"starts_at"}
    assert "already passed" in errors["starts_at"][0]


def test_a_start_more_than_a_year_ahead_is_refused(host, venue):
    start = timezone.now() + timedelta(days=400)
    assert set(attempt(host, venue=venue, starts_at=start, ends_at=start + timedelta(hours=1))) == {"starts_at"}


def test_no_start_or_end_is_refused_on_each(host, venue):
    assert set(attempt(host, venue=venue, starts_at=None, ends_at=None)) == {"starts_at", "ends_at"}


def test_several_problems_are_all_reported_at_once(host, venue):
    errors = attempt(host, venue=venue, title="  ", capacity=0, kind="rave", age_from_months=99)
    assert set(errors) == {"title", "capacity", "kind", "age_from_months"}


@pytest.mark.parametrize("venue_id", [999_999, "abc", None, ""])
def test_an_unknown_venue_is_refused_on_the_venue(host, venue_id):
    errors = attempt(host, venue_id=venue_id)
    assert set(errors) == {"venue_id"}


@pytest.mark.parametrize("audience", ["everyone-ish", "", "group", "secret"])
def test_audience_nonsense_is_refused(host, venue, audience):
    assert set(attempt(host, venue=venue, audience=audience)) == {"audience"}


@pytest.mark.parametrize("repeat, sessions, field", [
    (1, 1, "sessions"), (1, 27, "sessions"), (2, 0, "sessions"), (1, "6", "sessions"), (1, True, "sessions"),
    (3, 4, "repeat_every_weeks"), (-1, 4, "repeat_every_weeks"),
])
def test_a_course_needs_two_to_twenty_six_sessions_weekly_or_fortnightly(host, venue, repeat, sessions, field):
    assert set(attempt(host, venue=venue, repeat_every_weeks=repeat, sessions=sessions)) == {field}


def test_a_course_of_twenty_six_sessions_is_fine(host, venue):
    start = soon()
    first = do_create_meetup(host, title="Baby massage", venue_id=venue.id, starts_at=start,
                             ends_at=start + timedelta(hours=1), repeat_every_weeks=1, sessions=26)
    assert Meetup.objects.filter(series=first.series).count() == 26


@pytest.mark.parametrize("age_from, age_to, field", [
    (12, 6, "age_to_months"), (-1, 6, "age_from_months"), (0, 73, "age_to_months"), ("a", None, "age_from_months"),
])
def test_children_ages_must_be_a_sensible_range_in_months(host, venue, age_from, age_to, field):
    errors = attempt(host, venue=venue, age_from_months=age_from, age_to_months=age_to)
    assert set(errors) == {field}


def test_a_class_needs_an_organisation(host, venue):
    errors = attempt(host, venue=venue, kind="class")
    assert set(errors) == {"organisation_id"}


def test_a_class_for_an_organisation_the_host_is_not_part_of_is_refused(host, venue):
    other = organisation_of(make_member("olu"), "Someone Else's Classes")
    errors = attempt(host, venue=venue, kind="class", organisation_id=other.id)
    assert set(errors) == {"organisation_id"}


def test_an_organisation_id_that_is_not_a_number_is_refused_not_a_crash(host, venue):
    errors = attempt(host, venue=venue, kind="class", organisation_id="suffolk")
    assert set(errors) == {"organisation_id"}


def test_a_class_for_the_hosts_own_organisation_is_fine(host, venue):
    org = organisation_of(host)
    start = soon()
    meetup = do_create_meetup(host, title="Baby yoga", venue_id=venue.id, starts_at=start,
                              ends_at=start + timedelta(hours=1), kind="class", organisation_id=org.id)
    assert meetup.organisation_id == org.id


def test_a_host_not_in_a_public_group_may_not_start_its_meetups(host, venue):
    group = make_group(make_member("gwen"), "Ipswich Dads")
    before = counts()
    with pytest.raises(PermissionDenied):
        attempt_group(host, venue, group.id)
    assert counts() == before


def test_a_host_not_in_a_private_group_may_not_start_its_meetups(host, venue):
    group = make_group(make_member("gwen"), "Bump Buddies March", privacy="private")
    before = counts()
    with pytest.raises(PermissionDenied):
        attempt_group(host, venue, group.id)
    assert counts() == before


@pytest.mark.parametrize("group_id", ["secret", 999_999, "nope"])
def test_a_secret_group_the_host_is_not_in_or_no_group_at_all_is_a_404(host, venue, group_id):
    secret = make_group(make_member("gwen"), "Loss support", privacy="secret")
    before = counts()
    with pytest.raises(Http404):
        attempt_group(host, venue, secret.id if group_id == "secret" else group_id)
    assert counts() == before


def attempt_group(host, venue, group_id):
    start = soon()
    do_create_meetup(host, title="Group picnic", venue_id=venue.id, starts_at=start,
                     ends_at=start + timedelta(hours=1), group_id=group_id)


def test_a_group_member_starts_a_group_meetup_whatever_audience_was_asked(host, venue):
    group = make_group(make_member("gwen"), "Ipswich Dads", members=(host,))
    start = soon()
    meetup = do_create_meetup(host, title="Dads and prams", venue_id=venue.id, starts_at=start,
                              ends_at=start + timedelta(hours=1), group_id=group.id, audience="followers")
    assert (meetup.group_id, meetup.audience) == (group.id, "group")


# --- Venues --------------------------------------------------------------------------


def venue_errors(member, **overrides) -> dict[str, list[str]]:
    fields = {"name": "Ipswich Library", "place_id": suffolk_place("Ipswich").id, "kind": "library",
              "address": "Northgate Street"}
    fields.update(overrides)
    before = counts()
    with pytest.raises(ValidationError) as caught:
        do_create_venue(member, **fields)
    assert counts() == before
    return caught.value.message_dict


def test_a_venue_with_no_name_is_refused_on_its_name(host):
    assert set(venue_errors(host, name="   ")) == {"name"}


def test_a_venue_name_too_long_is_refused_on_its_name(host):
    assert set(venue_errors(host, name="Cafe " * 40)) == {"name"}


def test_a_venue_without_a_town_or_with_an_unknown_one_is_refused_on_its_place(host):
    assert set(venue_errors(host, place_id=None)) == {"place_id"}
    assert set(venue_errors(host, place_id=123_456_789)) == {"place_id"}


def test_a_venue_of_no_known_kind_is_refused_on_its_kind(host):
    assert set(venue_errors(host, kind="nightclub")) == {"kind"}


def test_a_venue_for_an_organisation_the_member_is_not_part_of_is_refused(host):
    other = organisation_of(make_member("olu"), "Someone Else's Classes")
    assert set(venue_errors(host, organisation_id=other.id)) == {"organisation_id"}


def test_staff_adding_a_venue_for_an_organisation_keep_that_organisation(host):
    staff = make_member("stella", staff=True)
    org = organisation_of(host)
    venue = do_create_venue(staff, name="Suffolk Family Hub", place_id=suffolk_place("Ipswich").id,
                            kind="childrens_centre", organisation_id=org.id)
    assert venue.organisation_id == org.id


# --- Changing, answering and deciding --------------------------------------------------


def test_an_edit_with_bad_values_changes_nothing(host, venue):
    meetup = make_meetup(host, venue=venue, capacity=8)
    before = Meetup.objects.filter(id=meetup.id).values().get()
    with pytest.raises(ValidationError) as caught:
        do_update_meetup(host, meetup.id, title="New title", capacity=0,
                         ends_at=meetup.starts_at - timedelta(hours=1))
    assert set(caught.value.message_dict) == {"capacity", "ends_at"}
    assert Meetup.objects.filter(id=meetup.id).values().get() == before


def test_an_edit_naming_an_unknown_field_is_a_programming_error(host, venue):
    meetup = make_meetup(host, venue=venue)
    with pytest.raises(TypeError):
        do_update_meetup(host, meetup.id, host_id=7)


def test_an_edit_moving_a_meetup_into_the_past_is_refused_on_its_start(host, venue):
    meetup = make_meetup(host, venue=venue)
    past = timezone.now() - timedelta(hours=3)
    with pytest.raises(ValidationError) as caught:
        do_update_meetup(host, meetup.id, starts_at=past, ends_at=past + timedelta(hours=1))
    assert set(caught.value.message_dict) == {"starts_at"}


def test_a_meetup_that_is_not_a_class_run_by_an_organisation_cannot_become_a_class(host, venue):
    meetup = make_meetup(host, venue=venue)
    with pytest.raises(ValidationError) as caught:
        do_update_meetup(host, meetup.id, kind="class")
    assert set(caught.value.message_dict) == {"kind"}


def test_a_cancelled_meetup_cannot_be_changed(host, venue):
    meetup = make_meetup(host, venue=venue)
    do_cancel_meetup(host, meetup.id)
    with pytest.raises(ValidationError):
        do_update_meetup(host, meetup.id, title="Back on")
    assert Meetup.objects.get(id=meetup.id).title == meetup.title


def test_someone_else_changing_a_meetup_they_can_see_is_refused_and_one_they_cannot_is_a_404(host, venue):
    public = make_meetup(host, venue=venue)
    followers_only = make_meetup(host, "Quiet coffee", venue=venue, audience="followers")
    stranger = make_member("sam")
    with pytest.raises(PermissionDenied):
        do_update_meetup(stranger, public.id, title="Mine now")
    with pytest.raises(Http404):
        do_update_meetup(stranger, followers_only.id, title="Mine now")
    with pytest.raises(PermissionDenied):
        do_cancel_meetup(stranger, public.id)


def test_a_cancel_reason_that_is_too_long_is_refused_and_nothing_is_cancelled(host, venue):
    meetup = make_meetup(host, venue=venue)
    with pytest.raises(ValidationError) as caught:
        do_cancel_meetup(host, meetup.id, reason="Sorry. " * 100)
    assert set(caught.value.message_dict) == {"reason"}
    assert Meetup.objects.get(id=meetup.id).cancelled_at is None


@pytest.mark.parametrize("status", ["yes", "", "waitlisted", "requested"])
def test_an_rsvp_must_be_going_maybe_or_cant_go(host, venue, status):
    meetup = make_meetup(host, venue=venue)
    priya = parents("priya")
    before = counts()
    with pytest.raises(ValidationError) as caught:
        do_rsvp(priya, meetup.id, status)
    assert set(caught.value.message_dict) == {"status"}
    assert counts() == before


def test_an_rsvp_to_a_meetup_that_does_not_exist_is_a_404(host):
    with pytest.raises(Http404):
        do_rsvp(parents("priya"), 999_999, "going")


def test_a_host_decision_must_be_approve_decline_or_remove(host, venue):
    meetup = make_meetup(host, venue=venue, requires_approval=True)
    priya = parents("priya")
    do_rsvp(priya, meetup.id, "going")
    with pytest.raises(ValidationError) as caught:
        do_decide_rsvp(host, meetup.id, priya.id, "maybe later")
    assert set(caught.value.message_dict) == {"decision"}
    with pytest.raises(Http404):
        do_decide_rsvp(host, meetup.id, host.id, "approve")
