"""The meetup actions' own behaviour: what starting a meetup stores, when reminders and change
notices are queued, questions under a meetup and the host's answers, and the small words a
meetup page shows (ages, places left)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from kettle.meetups import tasks
from kettle.meetups.actions import (
    do_cancel_meetup,
    do_comment_on_meetup,
    do_create_meetup,
    do_decide_rsvp,
    do_delete_meetup_comment,
    do_message_attendees,
    do_rsvp,
    do_update_meetup,
)
from kettle.meetups.ages import age_range_words
from kettle.meetups.models import Meetup, MeetupComment
from kettle.notifications.models import Notification
from kettle.social.actions import do_block
from tests.factories import PlaceFactory, make_group, make_meetup, make_member, make_venue
from tests.helpers import committed
from tests.meetups.support import LONDON, frozen_at, notified, parents

pytestmark = pytest.mark.django_db


def days_ahead(days: int, hour: int, minute: int = 0) -> datetime:
    """A naive wall-clock time `days` from today: the venue's own time."""
    return datetime.combine(timezone.now().astimezone(LONDON).date() + timedelta(days=days), time(hour, minute))


# --- Starting a meetup ---------------------------------------------------------------------


def test_starting_a_meetup_stores_what_the_host_wrote_tidied_and_safe(host, venue):
    meetup = committed(do_create_meetup, host, title="  Coffee   and a walk ", venue_id=venue.id,
                       starts_at=days_ahead(3, 10), ends_at=days_ahead(3, 11, 30), kind="coffee",
                       description="**Bring** a pram.\n\n<script>alert(1)</script>", cost=" Free ",
                       accessibility="Step-free from the car park", capacity="8", age_from_months=0,
                       age_to_months="12")
    meetup = Meetup.objects.get(id=meetup.id)

    assert (meetup.title, meetup.kind, meetup.cost, meetup.capacity) == ("Coffee and a walk", "coffee", "Free", 8)
    assert (meetup.age_from_months, meetup.age_to_months, meetup.age_range) == (0, 12, "0-12 months")
    assert "<strong>Bring</strong>" in meetup.description_html and "<script" not in meetup.description_html
    assert (meetup.audience, meetup.group_id, meetup.series_id, meetup.session_number) == ("public", None, None, None)
    assert (meetup.local_start.time(), meetup.local_end.time()) == (time(10), time(11, 30))
    assert (meetup.going_count, meetup.waitlist_count, meetup.changes) == (0, 0, [])


def test_a_time_with_a_zone_is_taken_as_it_is_and_one_without_is_the_venues(host):
    paris = PlaceFactory(name="Paris", timezone="Europe/Paris", latitude=48.86, longitude=2.35)
    from kettle.meetups.actions import do_create_venue

    cafe = do_create_venue(host, name="Cafe de Flore", place_id=paris.id, kind="cafe")
    naive = committed(do_create_meetup, host, title="Cafe", venue_id=cafe.id, starts_at=days_ahead(5, 10),
                      ends_at=days_ahead(5, 11))
    assert naive.local_start.time() == time(10) and str(naive.tz) == "Europe/Paris"
    aware_start = datetime.combine(days_ahead(5, 0).date(), time(9), tzinfo=UTC)
    aware = committed(do_create_meetup, host, title="Cafe again", venue_id=cafe.id, starts_at=aware_start,
                      ends_at=aware_start + timedelta(hours=1))
    assert aware.starts_at == aware_start


def test_a_course_answers_its_first_session(host, venue):
    first = committed(do_create_meetup, host, title="Baby massage", venue_id=venue.id, starts_at=days_ahead(2, 10),
                      ends_at=days_ahead(2, 11), repeat_every_weeks=1, sessions=3)
    assert first.session_number == 1
    assert list(Meetup.objects.filter(series=first.series).order_by("starts_at").values_list(
        "session_number", flat=True)) == [1, 2, 3]
    assert str(first.series) == "Weekly, 3 sessions"


def test_starting_a_meetup_at_a_merged_venue_uses_the_venue_it_became(host, venue):
    from kettle.meetups.actions import do_merge_venues

    twin = make_venue(make_member("olu"), "Ipswich County Library")
    do_merge_venues(make_member("stella", staff=True), twin.id, venue.id)
    assert make_meetup(host, venue=twin).venue_id == venue.id


def test_meetups_are_limited_per_host_per_day(host, venue, settings):
    from kettle.core.ratelimit import RateLimited

    settings.MEETUP_CREATE_RATE = "2/86400"
    make_meetup(host, venue=venue)
    make_meetup(host, "Second", venue=venue)
    with pytest.raises(RateLimited):
        make_meetup(host, "Third", venue=venue)
    assert Meetup.objects.count() == 2


# --- Reminders and change notices are queued for later ---------------------------------------


def test_reminders_are_queued_for_a_day_and_an_hour_before_when_both_are_still_ahead(host, venue):
    with mock.patch.object(tasks, "_defer_or_skip") as defer:
        soon = make_meetup(host, "In five hours", venue=venue, in_days=5 / 24)
        later = make_meetup(host, "In three days", venue=venue, in_days=3)
        imminent = make_meetup(host, "In half an hour", venue=venue, in_days=1 / 48)
    queued = [(c.kwargs["meetup_id"], c.kwargs["which"], c.args[1]) for c in defer.call_args_list]
    assert queued == [
        (soon.id, "hour", soon.starts_at - timedelta(hours=1)),
        (later.id, "day", later.starts_at - timedelta(hours=24)),
        (later.id, "hour", later.starts_at - timedelta(hours=1)),
    ]
    assert all(c.kwargs["starts_at"] for c in defer.call_args_list)
    assert imminent.id not in {c.kwargs["meetup_id"] for c in defer.call_args_list}


def test_moving_a_meetup_queues_its_reminders_for_the_new_time(host, venue):
    meetup = make_meetup(host, venue=venue, in_days=3)
    with mock.patch.object(tasks, "_defer_or_skip") as defer:
        committed(do_update_meetup, host, meetup.id, starts_at=days_ahead(4, 15), ends_at=days_ahead(4, 16))
        committed(do_update_meetup, host, meetup.id, title="Same time, new title")
    meetup.refresh_from_db()
    assert [(c.kwargs["which"], c.kwargs["starts_at"]) for c in defer.call_args_list] == [
        ("day", meetup.starts_at.isoformat()), ("hour", meetup.starts_at.isoformat())]


def test_a_backend_that_can_wait_gets_the_change_notice_for_after_the_quiet_spell(host, venue, settings):
    meetup = make_meetup(host, venue=venue)
    moment = timezone.now()
    fake = mock.MagicMock()
    fake.get_backend.return_value.supports_defer = True
    with mock.patch.object(tasks, "send_change_notice", fake), frozen_at(moment):
        committed(do_update_meetup, host, meetup.id, starts_at=days_ahead(5, 9), ends_at=days_ahead(5, 10))
    fake.using.assert_called_once_with(run_after=moment + timedelta(seconds=settings.MEETUP_CHANGE_QUIET))
    fake.using.return_value.enqueue.assert_called_once_with(meetup_id=meetup.id)
    assert Meetup.objects.get(id=meetup.id).changes == ["time"]


def test_changes_add_up_until_the_notice_goes(host, venue):
    meetup = make_meetup(host, venue=venue)
    hall = make_venue(host, "St Mary's Church Hall", kind="church_hall")
    do_update_meetup(host, meetup.id, starts_at=days_ahead(5, 9), ends_at=days_ahead(5, 10))
    do_update_meetup(host, meetup.id, venue_id=hall.id)
    do_update_meetup(host, meetup.id, starts_at=days_ahead(5, 11), ends_at=days_ahead(5, 12))
    assert Meetup.objects.get(id=meetup.id).changes == ["time", "venue"]


# --- Answers the rules depend on ------------------------------------------------------------


def test_when_the_host_stops_approving_someone_who_asked_gets_in_by_pressing_going_again(host, venue):
    meetup = make_meetup(host, venue=venue, requires_approval=True, capacity=1)
    ana, ben = parents("ana", "ben")
    committed(do_rsvp, ana, meetup.id, "going")
    committed(do_rsvp, ben, meetup.id, "going")
    committed(do_update_meetup, host, meetup.id, requires_approval=False)

    assert committed(do_rsvp, ana, meetup.id, "going").status == "going"
    assert committed(do_rsvp, ben, meetup.id, "going").status == "waitlisted"


def test_nobody_is_approved_into_a_cancelled_meetup(host, venue):
    meetup = make_meetup(host, venue=venue, requires_approval=True)
    ana = parents("ana")
    committed(do_rsvp, ana, meetup.id, "going")
    committed(do_cancel_meetup, host, meetup.id)
    with pytest.raises(ValidationError) as caught:
        do_decide_rsvp(host, meetup.id, ana.id, "approve")
    assert set(caught.value.message_dict) == {"decision"}
    assert notified("meetup_approved") == []
    assert meetup.rsvps.get(member=ana).status == "requested"


def test_someone_the_host_blocked_cannot_find_or_answer_the_meetup(host, venue):
    meetup = make_meetup(host, venue=venue)
    ana = parents("ana")
    committed(do_block, host, ana)
    with pytest.raises(Http404):
        do_rsvp(ana, meetup.id, "going")
    with pytest.raises(Http404):
        do_comment_on_meetup(ana, meetup.id, body="Can I come?")


def test_cancelling_twice_tells_people_once(host, venue):
    meetup = make_meetup(host, venue=venue)
    ana = parents("ana")
    committed(do_rsvp, ana, meetup.id, "going")
    committed(do_cancel_meetup, host, meetup.id, reason="Rain")
    committed(do_cancel_meetup, host, meetup.id, reason="Still rain")
    assert Meetup.objects.get(id=meetup.id).cancel_reason == "Rain"
    notices = Notification.objects.filter(kind="meetup_cancelled", recipient=ana)
    assert [n.detail for n in notices] == ["Rain"]


def test_a_meetup_that_has_happened_cannot_be_cancelled(host, venue):
    meetup = make_meetup(host, venue=venue)
    with frozen_at(meetup.ends_at + timedelta(minutes=1)):
        with pytest.raises(ValidationError):
            do_cancel_meetup(host, meetup.id)
        with pytest.raises(ValidationError) as caught:
            do_update_meetup(host, meetup.id, starts_at=days_ahead(9, 10), ends_at=days_ahead(9, 11))
    assert "already started" in caught.value.message_dict["starts_at"][0]


# --- Questions and the host's messages ------------------------------------------------------


def test_a_question_tells_the_host_and_the_hosts_answer_tells_everyone_who_asked(host, venue):
    meetup = make_meetup(host, venue=venue)
    ana, ben = make_member("ana"), make_member("ben")

    committed(do_comment_on_meetup, ana, meetup.id, body="Is there parking?")
    committed(do_comment_on_meetup, ben, meetup.id, body="And baby changing?")
    committed(do_comment_on_meetup, ana, meetup.id, body="Oh, and is it step-free?")
    assert notified("meetup_comment") == [host.id, host.id]  # one notice per person asking

    committed(do_comment_on_meetup, host, meetup.id, body="Yes to both, **round the back**.")

    assert notified("meetup_comment") == sorted([host.id, host.id, ana.id, ben.id])
    assert Meetup.objects.get(id=meetup.id).comment_count == 4
    answer = MeetupComment.objects.get(author=host)
    assert "<strong>round the back</strong>" in answer.body_html


def test_an_empty_question_is_refused_and_nothing_is_written(host, venue):
    meetup = make_meetup(host, venue=venue)
    with pytest.raises(ValidationError) as caught:
        do_comment_on_meetup(make_member("ana"), meetup.id, body="   ")
    assert set(caught.value.message_dict) == {"body"}
    assert not MeetupComment.objects.exists() and Meetup.objects.get(id=meetup.id).comment_count == 0


def test_a_group_meetup_takes_questions_from_the_groups_members_only(host, venue):
    group = make_group(make_member("gwen"), "Ipswich Dads", members=(host,))
    meetup = make_meetup(host, venue=venue, group_id=group.id)
    with pytest.raises(PermissionDenied):
        do_comment_on_meetup(make_member("ana"), meetup.id, body="Can I come?")


def test_authors_delete_their_own_questions_and_hosts_tidy_any(host, venue):
    meetup = make_meetup(host, venue=venue)
    ana, ben = make_member("ana"), make_member("ben")
    first = do_comment_on_meetup(ana, meetup.id, body="Is there parking?")
    second = do_comment_on_meetup(ana, meetup.id, body="Selling prams, DM me")

    with pytest.raises(PermissionDenied):
        do_delete_meetup_comment(ben, first.id)
    do_delete_meetup_comment(ana, first.id)
    do_delete_meetup_comment(host, second.id)
    with pytest.raises(Http404):
        do_delete_meetup_comment(ana, first.id)  # gone already

    assert MeetupComment.objects.filter(deleted_at=None).count() == 0
    assert Meetup.objects.get(id=meetup.id).comment_count == 0


def test_only_the_host_messages_attendees_and_not_once_cancelled(host, venue):
    meetup = make_meetup(host, venue=venue)
    with pytest.raises(PermissionDenied):
        do_message_attendees(make_member("ana"), meetup.id, body="Hello all")
    committed(do_cancel_meetup, host, meetup.id)
    with pytest.raises(ValidationError) as caught:
        do_message_attendees(host, meetup.id, body="Hello all")
    assert set(caught.value.message_dict) == {"body"}


# --- Words on the page ----------------------------------------------------------------------


@pytest.mark.parametrize("age_from, age_to, words", [
    (None, None, "All ages"),
    (0, None, "All ages"),
    (0, 6, "0-6 months"),
    (None, 6, "0-6 months"),
    (0, 1, "0-1 month"),
    (0, 24, "0-2 years"),
    (6, 12, "6-12 months"),
    (6, 24, "6-24 months"),
    (12, 36, "1-3 years"),
    (6, None, "From 6 months"),
    (24, None, "From 2 years"),
    (12, 12, "12 months"),
    (36, 36, "3 years"),
])
def test_childrens_ages_read_naturally(age_from, age_to, words):
    assert age_range_words(age_from, age_to) == words


def test_places_left_and_full_follow_the_count(host, venue):
    meetup = make_meetup(host, venue=venue, capacity=2)
    assert (meetup.places_left, meetup.is_full) == (2, False)
    for person in parents("ana", "ben"):
        committed(do_rsvp, person, meetup.id, "going")
    meetup.refresh_from_db()
    assert (meetup.places_left, meetup.is_full) == (0, True)
    unlimited = make_meetup(host, "No limit", venue=venue)
    assert (unlimited.places_left, unlimited.is_full) == (None, False)


def test_a_venue_says_where_it_is_and_what_it_has(host):
    venue = make_venue(host, "Ipswich Library", address="Northgate Street", pram_access=True, baby_changing=True)
    assert venue.where == "Ipswich Library, Northgate Street, Ipswich"
    assert venue.facilities == ["Pram access", "Baby changing"]
    assert str(venue) == "Ipswich Library, Ipswich" and venue.timezone_name == "Europe/London"
