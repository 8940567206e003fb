"""Reminders go to the people going, once per start time; change notices wait until the host
has stopped editing and then go once to everyone involved; a cancellation is told at once;
and nobody hears anything from a host they have blocked.

Tasks run with django-tasks' ImmediateBackend here, which cannot defer, so the tests call the
task bodies (remind, tell_of_changes) themselves at the moment they would run."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from kettle.meetups.actions import do_cancel_meetup, do_decide_rsvp, do_message_attendees, do_rsvp, do_update_meetup
from kettle.meetups.models import Meetup
from kettle.meetups.tasks import remind, tell_of_changes
from kettle.notifications.models import Notification
from kettle.social.actions import do_block
from tests.factories import make_meetup, make_member, make_venue
from tests.helpers import committed
from tests.meetups.support import frozen_at, notified, parents

pytestmark = pytest.mark.django_db

QUIET = timedelta(seconds=settings.MEETUP_CHANGE_QUIET)


class Cast:
    """A meetup needing approval with one place, and someone in every state:
    ana going, ben maybe, cas waitlisted, dev asked (requested), eve can't go."""

    def __init__(self) -> None:
        self.host = make_member("hollie", place="Ipswich")
        self.library = make_venue(self.host)
        start = (timezone.now() + timedelta(days=5)).replace(microsecond=0)
        self.meetup = make_meetup(self.host, "Rhyme time", venue=self.library, capacity=1, requires_approval=True,
                                  starts_at=start, ends_at=start + timedelta(hours=1))
        self.ana, self.ben, self.cas, self.dev, self.eve = parents("ana", "ben", "cas", "dev", "eve")
        for person in (self.ana, self.cas, self.dev):
            committed(do_rsvp, person, self.meetup.id, "going")
        committed(do_decide_rsvp, self.host, self.meetup.id, self.ana.id, "approve")
        committed(do_decide_rsvp, self.host, self.meetup.id, self.cas.id, "approve")
        committed(do_rsvp, self.ben, self.meetup.id, "maybe")
        committed(do_rsvp, self.eve, self.meetup.id, "not_going")
        self.involved = sorted(p.id for p in (self.ana, self.ben, self.cas, self.dev))
        Notification.objects.all().delete()  # start each test with no notices

    def fresh(self) -> Meetup:
        return Meetup.objects.select_related("venue__place").get(id=self.meetup.id)


@pytest.fixture
def cast():
    return Cast()


def test_the_cast_is_in_every_state(cast):
    statuses = dict(cast.meetup.rsvps.values_list("member__handle", "status"))
    assert statuses == {"ana": "going", "ben": "maybe", "cas": "waitlisted", "dev": "requested", "eve": "not_going"}


# --- Reminders ---------------------------------------------------------------------------


def remind_at(moment, meetup_id, which="day", starts_at=None) -> int:
    with frozen_at(moment):
        return committed(remind, meetup_id, which, starts_at)


def test_the_day_before_reminder_goes_to_exactly_those_going(cast):
    meetup = cast.fresh()
    told = remind_at(meetup.starts_at - timedelta(hours=24), meetup.id, "day", meetup.starts_at.isoformat())

    assert told == 1
    assert notified("meetup_tomorrow", meetup) == [cast.ana.id]
    notice = Notification.objects.get(kind="meetup_tomorrow")
    assert notice.detail == f"{meetup.when} at Ipswich Library"
    assert meetup.when.startswith(f"{meetup.local_start:%a} {meetup.local_start.day} ")
    assert notice.actor_id is None


def test_a_reminder_is_sent_once_per_start_time_however_often_it_runs(cast):
    meetup = cast.fresh()
    moment = meetup.starts_at - timedelta(hours=24)
    assert remind_at(moment, meetup.id, "day") == 1
    assert remind_at(moment + timedelta(minutes=1), meetup.id, "day") == 0
    assert Notification.objects.filter(kind="meetup_tomorrow").count() == 1
    # The hour-before reminder is its own reminder.
    assert remind_at(meetup.starts_at - timedelta(hours=1), meetup.id, "hour") == 1
    assert remind_at(meetup.starts_at - timedelta(minutes=59), meetup.id, "hour") == 0
    assert notified("meetup_soon", meetup) == [cast.ana.id]


def test_a_moved_meetup_is_due_its_reminder_again_and_the_old_one_does_nothing(cast):
    meetup = cast.fresh()
    old_start = meetup.starts_at
    assert remind_at(old_start - timedelta(hours=24), meetup.id, "day", old_start.isoformat()) == 1
    Notification.objects.update(read_at=timezone.now())

    new_day = (old_start + timedelta(days=2)).astimezone(meetup.tz).date()
    committed(do_update_meetup, cast.host, meetup.id, starts_at=datetime.combine(new_day, time(15)),
              ends_at=datetime.combine(new_day, time(16)))
    moved = cast.fresh()

    # The reminder queued for the old time finds the meetup moved.
    assert remind_at(old_start - timedelta(hours=24), meetup.id, "day", old_start.isoformat()) == 0
    assert remind_at(moved.starts_at - timedelta(hours=24), meetup.id, "day", moved.starts_at.isoformat()) == 1
    notice = Notification.objects.get(kind="meetup_tomorrow", recipient=cast.ana)
    assert notice.read_at is None  # brought back as new
    assert f"{moved.local_start.day} " in notice.detail and "15:00" in notice.detail


def test_a_cancelled_meetup_sends_no_reminders(cast):
    meetup = cast.fresh()
    committed(do_cancel_meetup, cast.host, meetup.id)
    assert remind_at(meetup.starts_at - timedelta(hours=24), meetup.id, "day") == 0
    assert remind_at(meetup.starts_at - timedelta(hours=1), meetup.id, "hour") == 0
    assert not Notification.objects.filter(kind__in=("meetup_tomorrow", "meetup_soon")).exists()


def test_a_reminder_running_late_after_the_start_sends_nothing(cast):
    meetup = cast.fresh()
    assert remind_at(meetup.starts_at + timedelta(minutes=1), meetup.id, "hour") == 0
    assert remind(999_999, "day") == 0
    assert not Notification.objects.exists()


def test_someone_going_who_blocked_the_host_gets_no_reminder(cast):
    committed(do_block, cast.ana, cast.host)
    meetup = cast.fresh()
    remind_at(meetup.starts_at - timedelta(hours=24), meetup.id, "day")
    assert notified("meetup_tomorrow") == []


# --- Change notices ------------------------------------------------------------------------


def edit_at(moment, cast, **changes) -> None:
    """The host edits at `moment`. After-commit work is not run: the deferred notice is the
    test's to send, by calling tell_of_changes when it would run."""
    with frozen_at(moment):
        do_update_meetup(cast.host, cast.meetup.id, **changes)


def tell_at(moment, meetup_id, *, wait=True) -> int:
    with frozen_at(moment):
        return committed(tell_of_changes, meetup_id, wait=wait)


def test_a_spree_of_edits_sends_one_notice_to_everyone_involved_once_the_editing_stops(cast):
    meetup = cast.fresh()
    hall = make_venue(cast.host, "St Mary's Church Hall", kind="church_hall", address="Church Lane")
    new_day = (meetup.starts_at + timedelta(days=1)).astimezone(meetup.tz).date()
    t0 = timezone.now()

    edit_at(t0, cast, starts_at=datetime.combine(new_day, time(13, 30)), ends_at=datetime.combine(new_day, time(15)))
    assert tell_at(t0 + timedelta(minutes=1), meetup.id) == 0
    edit_at(t0 + timedelta(minutes=2), cast, venue_id=hall.id)
    # The first edit's notice comes due, but the editing went on: it waits for the later one.
    assert tell_at(t0 + QUIET, meetup.id) == 0
    assert tell_at(t0 + timedelta(minutes=2) + QUIET - timedelta(seconds=1), meetup.id) == 0
    assert not Notification.objects.filter(kind="meetup_changed").exists()

    assert tell_at(t0 + timedelta(minutes=2) + QUIET, meetup.id) == 4

    notices = Notification.objects.filter(kind="meetup_changed", meetup=meetup)
    assert sorted(notices.values_list("recipient_id", flat=True)) == cast.involved
    moved = cast.fresh()
    start = moved.local_start
    for notice in notices:
        assert f"New time: {start:%a} {start.day} {start:%B}, 13:30-15:00" in notice.detail
        assert "New place: St Mary's Church Hall, Church Lane, Ipswich" in notice.detail
        assert notice.actor_id == cast.host.id
    assert Meetup.objects.get(id=meetup.id).changes == []
    # Sent: running again (a retry, or the first edit's queued task) tells nobody twice.
    assert tell_at(t0 + timedelta(hours=1), meetup.id) == 0
    assert notices.count() == 4


def test_a_later_edit_brings_the_same_notice_back_rather_than_adding_another(cast):
    meetup = cast.fresh()
    hall = make_venue(cast.host, "St Mary's Church Hall", kind="church_hall", address="Church Lane")
    park = make_venue(cast.host, "Christchurch Park", kind="park", address="")
    t0 = timezone.now()
    edit_at(t0, cast, venue_id=hall.id)
    assert tell_at(t0 + QUIET, meetup.id) == 4
    Notification.objects.update(read_at=t0)
    edit_at(t0 + timedelta(hours=1), cast, venue_id=park.id)
    assert tell_at(t0 + timedelta(hours=1) + QUIET, meetup.id) == 4

    notices = Notification.objects.filter(kind="meetup_changed")
    assert notices.count() == 4
    assert {n.detail for n in notices} == {"New place: Christchurch Park, Ipswich"}
    assert not notices.filter(read_at__isnull=False).exists()


def test_changing_only_the_words_sends_no_notice(cast):
    t0 = timezone.now()
    edit_at(t0, cast, title="Rhyme time and biscuits", description="Bring a blanket.", capacity=4)
    assert Meetup.objects.get(id=cast.meetup.id).changes == []
    assert tell_at(t0 + QUIET, cast.meetup.id) == 0
    assert not Notification.objects.filter(kind="meetup_changed").exists()


def test_a_backend_that_cannot_wait_sends_the_notice_as_the_edit_commits(cast):
    hall = make_venue(cast.host, "St Mary's Church Hall", kind="church_hall", address="Church Lane")
    committed(do_update_meetup, cast.host, cast.meetup.id, venue_id=hall.id)
    assert notified("meetup_changed", cast.meetup) == cast.involved


def test_a_cancellation_tells_everyone_involved_at_once_with_the_reason(cast):
    t0 = timezone.now()
    edit_at(t0, cast, venue_id=make_venue(cast.host, "Christchurch Park", kind="park", address="").id)

    with frozen_at(t0 + timedelta(seconds=30)):
        committed(do_cancel_meetup, cast.host, cast.meetup.id, reason="Poorly toddler, so sorry!")

    notices = Notification.objects.filter(kind="meetup_cancelled", meetup=cast.meetup)
    assert sorted(notices.values_list("recipient_id", flat=True)) == cast.involved
    assert {n.detail for n in notices} == {"Poorly toddler, so sorry!"}
    # The pending change notice is dropped: a cancelled meetup has nothing more to say.
    assert tell_at(t0 + QUIET, cast.meetup.id) == 0
    assert not Notification.objects.filter(kind="meetup_changed").exists()


def test_someone_who_blocked_the_host_hears_of_no_change_cancellation_or_message(cast):
    committed(do_block, cast.ben, cast.host)
    committed(do_block, cast.cas, cast.host)
    t0 = timezone.now()
    edit_at(t0, cast, venue_id=make_venue(cast.host, "Christchurch Park", kind="park", address="").id)
    tell_at(t0 + QUIET, cast.meetup.id)
    committed(do_message_attendees, cast.host, cast.meetup.id, body="We're by the bandstand.")
    committed(do_cancel_meetup, cast.host, cast.meetup.id, reason="Rain")

    hearing = sorted([cast.ana.id, cast.dev.id])
    assert notified("meetup_changed") == hearing
    assert notified("meetup_message") == [cast.ana.id]  # messages go to those going and waiting
    assert notified("meetup_cancelled") == hearing


def test_the_host_messages_those_going_and_waiting_only(cast):
    committed(do_message_attendees, cast.host, cast.meetup.id, body="We're in the back room today.")
    assert notified("meetup_message", cast.meetup) == sorted([cast.ana.id, cast.cas.id])
    assert Notification.objects.get(recipient=cast.ana, kind="meetup_message").detail == (
        "We're in the back room today.")
