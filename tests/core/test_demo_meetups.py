from __future__ import annotations

from collections import Counter

import pytest
from django.db.models import Count, F
from django.utils import timezone

from kettle.core import demo_meetups_words as words
from kettle.core.demo import build_demo, demo_logins
from kettle.groups.models import Membership
from kettle.meetups.models import HostMessage, Meetup, MeetupComment, Rsvp, Venue
from kettle.meetups.venues import home_address_problem
from tests.core import test_demo
from tests.core.test_demo import SIZE

built = test_demo.built  # one demo community per test class, as in test_demo.py


@pytest.fixture
def demo(built, db):
    return built


class TestTheDemoMeetups:
    """Read-only checks on the meetups of the one demo community built for this class."""

    def test_the_demo_has_public_venues_in_several_towns_none_of_them_a_home(self, demo):
        venues = Venue.objects.select_related("place")
        assert venues.values("place").distinct().count() >= 3
        for venue in venues:
            assert home_address_problem(venue.name, venue.address) == {}
            assert venue.address and not venue.address[0].isdigit()  # a street, never a house number
        assert venues.filter(organisation__name="Little Steps Suffolk").exists()
        assert venues.filter(pram_access=True, baby_changing=True).exists()
        assert demo.meetups.venues == venues.count()

    def test_little_steps_runs_weekly_courses_of_several_sessions_and_one_fortnightly(self, demo):
        classes = Meetup.objects.filter(kind="class", organisation__name="Little Steps Suffolk")
        assert classes.exists() and not classes.filter(series=None).exists()
        weekly = classes.filter(series__every_weeks=1).values("series").annotate(n=Count("id"))
        assert len(weekly) >= 2 and all(row["n"] >= 5 for row in weekly)
        assert classes.filter(series__every_weeks=2).exists()
        massage = classes.filter(title__startswith="Baby massage").first()
        assert (massage.age_from_months, massage.age_to_months) == (0, 6)
        assert "£" in massage.cost and 8 <= massage.capacity <= 12
        for course in classes.values("series").distinct():
            starts = list(classes.filter(series=course["series"]).order_by("session_number")
                          .values_list("starts_at", flat=True))
            assert starts == sorted(starts)
        assert not Meetup.objects.filter(starts_at__lte=timezone.now()).exists()
        running = classes.filter(cancelled_at=None).select_related("venue__place")
        assert not [c for c in running if (c.local_start.month, c.local_start.day) in ((12, 25), (1, 1))]

    def test_one_course_has_a_moved_session_and_a_cancelled_one(self, demo):
        moved = Meetup.objects.get(moved_from__isnull=False)
        assert moved.series_id and moved.moved_from != moved.starts_at
        cancelled = Meetup.objects.get(cancel_reason=words.CANCEL_REASON)
        assert cancelled.series_id == moved.series_id and cancelled.cancelled_at is not None
        assert cancelled.session_number > moved.session_number

    def test_the_suffolk_dads_meet_on_saturday_mornings_for_a_few_weeks(self, demo):
        walks = Meetup.objects.filter(group__name="Suffolk Dads").select_related("venue__place")
        assert walks.count() >= 3 and walks.values("series").distinct().count() == 1
        assert all(walk.local_start.weekday() == 5 and walk.local_start.hour < 12 for walk in walks)
        going = Rsvp.objects.filter(meetup__in=walks, status="going").values_list("member", flat=True)
        assert going and Membership.objects.filter(group__name="Suffolk Dads", member__in=going).count() == len(
            set(going))
        assert HostMessage.objects.filter(meetup__in=walks).exists()

    def test_a_full_meetup_has_a_waitlist_and_counts_that_match_the_rsvps(self, demo):
        full = Meetup.objects.filter(waitlist_count__gt=0).first()
        assert full is not None and full.going_count == full.capacity
        for meetup in Meetup.objects.all():
            counts = Counter(meetup.rsvps.values_list("status", flat=True))
            assert (meetup.going_count, meetup.waitlist_count) == (counts["going"], counts["waitlisted"])
            assert meetup.capacity is None or meetup.going_count <= meetup.capacity
            assert meetup.comment_count == meetup.comments.filter(deleted_at=None).count()

    def test_members_answer_going_maybe_and_cant_go_some_for_the_first_time(self, demo):
        assert {"going", "maybe", "not_going", "waitlisted", "requested"} <= set(
            Rsvp.objects.values_list("status", flat=True))
        assert Rsvp.objects.filter(first_timer=True).exists()
        approval = Meetup.objects.get(requires_approval=True)
        assert approval.rsvps.filter(status="requested").exists() and approval.rsvps.filter(status="going").exists()
        assert not Rsvp.objects.filter(member=F("meetup__host")).exists()

    def test_playdates_and_coffees_are_public_for_followers_or_in_a_group(self, demo):
        mine = Meetup.objects.filter(kind__in=("playdate", "coffee"), organisation=None)
        assert {"public", "followers", "group"} <= set(mine.values_list("audience", flat=True))
        assert mine.filter(group__name="Ipswich Parents").exists()
        assert mine.exclude(age_from_months=None).exists()

    def test_people_ask_questions_and_hosts_answer_them(self, demo):
        asked = MeetupComment.objects.filter(body="Is there parking?").select_related("meetup").first()
        assert asked is not None
        assert MeetupComment.objects.filter(meetup=asked.meetup, author=asked.meetup.host, id__gt=asked.id).exists()
        assert MeetupComment.objects.filter(body="Can I bring my 2-year-old too?").exists()
        assert demo.meetups.comments == MeetupComment.objects.count() >= 6

    def test_the_demo_logins_say_who_is_hosting_meetups(self, demo):
        descriptions = dict(demo_logins())
        assert "hosting" in descriptions["amara@demo.kettle.test"]

    def test_running_the_demo_again_adds_no_meetups(self, demo):
        counts = (Venue.objects.count(), Meetup.objects.count(), Rsvp.objects.count(), MeetupComment.objects.count())
        again = build_demo(size=SIZE)
        assert again.meetups.skipped
        assert counts == (Venue.objects.count(), Meetup.objects.count(), Rsvp.objects.count(),
                          MeetupComment.objects.count())
