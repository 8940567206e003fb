"""The demo's meetups in Suffolk: public venues in the demo's towns, Little Steps Suffolk's
weekly and fortnightly baby courses (one session moved, one cancelled), members' playdates and
coffees (public, for followers, or inside a group), the Suffolk Dads' Saturday walk, and the
RSVPs, waitlist, approvals, questions and host message around them.

Everything goes through the meetup actions, like any other way in, after the demo's groups
(it needs Little Steps Suffolk and its groups). The plan is a fixed seed and today's date;
if the demo members have added venues before, nothing is added."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from kettle.accounts.models import Member
from kettle.core import demo_meetups_words as words
from kettle.core.models import Place
from kettle.core.places import km_between_places
from kettle.groups.models import Group, Membership, Organisation
from kettle.meetups.actions import (
    do_cancel_meetup,
    do_comment_on_meetup,
    do_create_meetup,
    do_create_venue,
    do_decide_rsvp,
    do_message_attendees,
    do_rsvp,
    do_update_meetup,
)
from kettle.meetups.ages import children_months
from kettle.meetups.models import HostMessage, Meetup, MeetupComment, Rsvp, Venue
from kettle.social.models import Follow

SEED = 2029
NEAR_KM = 25.0  # a featured host further than this from the venue hands it to a neighbour
# The actions' rate limits guard against floods; the demo writes a lot at once on purpose.
RATES = dict(MEETUP_CREATE_RATE="100000/1", VENUE_CREATE_RATE="100000/1", COMMENT_RATE="100000/1",
             MEETUP_MESSAGE_RATE="100000/1")


@dataclass
class MeetupsResult:
    venues: int = 0
    meetups: int = 0  # every session of a course counts
    series: int = 0  # courses and other weekly or fortnightly meetups
    rsvps: int = 0
    waitlisted: int = 0
    comments: int = 0
    messages: int = 0
    skipped: bool = False


def _holiday(day: date) -> bool:
    """Christmas Eve, the Christmas bank holidays and New Year's Day: no classes."""
    return (day.month, day.day) in ((12, 24), (12, 25), (12, 26), (1, 1))


def _next(today: date, weekday: int) -> date:
    """The first `weekday` at least two days away (and not over Christmas), so everything
    starts in the coming days."""
    day = today + timedelta(days=2)
    day += timedelta(days=(weekday - day.weekday()) % 7)
    while _holiday(day):
        day += timedelta(days=7)
    return day


def _times(today: date, plan: dict) -> tuple[datetime, datetime]:
    """Naive wall-clock times at the venue, as a host would type them."""
    start = datetime.combine(_next(today, plan["weekday"]), time(*plan["time"]))
    return start, start + timedelta(minutes=plan["minutes"])


class Builder:
    def __init__(self, members: list[Member], towns: dict[str, Place]) -> None:
        self.rng = random.Random(SEED)
        self.members = members
        self.by_local = {m.email.split("@")[0]: m for m in members}
        self.towns = towns
        self.today = timezone.localdate()
        self.venues: dict[str, Venue] = {}
        self.made: dict[str, Meetup] = {}  # plan key -> its (first) meetup
        self.answered: set[int] = set()  # a first-timer is only one the first time they answer

    # --- Who ---------------------------------------------------------------------------------

    def nearest(self, place: Place, pool: list[Member], n: int, *, besides=(), prefer=None) -> list[Member]:
        """The n nearest of the pool, preferred people first; inside a 5 km band, in a shuffled order."""
        skip = {m.id for m in besides}
        ranked = sorted((m for m in pool if m.id not in skip and m.profile.place_id),
                        key=lambda m: (not (prefer(m) if prefer else True),
                                       round(km_between_places(place, m.profile.place) / 5), self.rng.random()))
        return ranked[:n]

    def host_for(self, hint: str, place: Place, pool: list[Member]) -> Member | None:
        member = self.by_local.get(hint)
        if member is not None and member in pool and km_between_places(place, member.profile.place) <= NEAR_KM:
            return member
        found = self.nearest(place, pool, 1)
        return found[0] if found else None

    def group_members(self, name: str) -> tuple[Group | None, list[Member]]:
        group = Group.objects.filter(name=name).first()
        if group is None:
            return None, []
        ids = set(Membership.objects.filter(group=group, state=Membership.State.ACTIVE).values_list("member",
                                                                                                  flat=True))
        return group, [m for m in self.members if m.id in ids]

    def suits(self, ages: tuple[int, int] | None):
        if ages is None:
            return None
        low, high = ages
        return lambda m: any(low <= months <= high for months in children_months(m, self.today))

    # --- Where -------------------------------------------------------------------------------

    def add_venues(self, charity: Organisation, admin: Member) -> None:
        for key, spec in words.VENUES.items():
            place = self.towns.get(spec["town"])
            if place is None:
                continue
            by = admin if spec.get("org") else self.nearest(place, self.members, 1)[0]
            self.venues[key] = do_create_venue(
                by, name=spec["name"], place_id=place.id, kind=spec["kind"], address=spec["address"],
                notes=spec["notes"], organisation_id=charity.id if spec.get("org") else None,
                **{facility: True for facility in spec["facilities"]})

    def venue_for(self, plan: dict) -> Venue | None:
        return next((self.venues[key] for key in plan["venues"] if key in self.venues), None)

    # --- What --------------------------------------------------------------------------------

    def answer(self, meetup: Meetup, people: list[Member], *, statuses=None, whole_course: bool = False) -> None:
        for i, person in enumerate(people):
            status = statuses[i] if statuses else self.rng.choices(["going", "maybe", "not_going"], [65, 22, 13])[0]
            first_timer = (status != "not_going" and person.id not in self.answered
                           and (i == 1 or self.rng.random() < 0.2))
            self.answered.add(person.id)
            do_rsvp(person, meetup.id, status, first_timer=first_timer, safety_read=True, whole_course=whole_course)

    def courses(self, charity: Organisation) -> None:
        for plan in words.COURSES:
            venue, host = self.venue_for(plan), self.by_local.get(plan["host"])
            if venue is None or host is None:
                continue
            start, end = _times(self.today, plan)
            first = do_create_meetup(
                host, kind=Meetup.Kind.CLASS, organisation_id=charity.id, title=plan["title"],
                description=plan["description"], venue_id=venue.id, starts_at=start, ends_at=end,
                age_from_months=plan["ages"][0], age_to_months=plan["ages"][1], capacity=plan["capacity"],
                cost=plan["cost"], accessibility=plan["accessibility"], repeat_every_weeks=plan["every"],
                sessions=plan["sessions"])
            self.made[plan["key"]] = first
            people = self.nearest(venue.place, self.members, plan["people"], besides=[host],
                                  prefer=self.suits(plan["ages"]))
            statuses = ["maybe" if i == len(people) - 1 else "going" for i in range(len(people))]
            self.answer(first, people, statuses=statuses, whole_course=True)
            self.holidays(first)
        self.move_and_cancel()

    def holidays(self, first: Meetup) -> None:
        for session in Meetup.objects.filter(series=first.series_id).select_related("venue__place"):
            if _holiday(session.local_start.date()):
                do_cancel_meetup(session.host, session.id, reason=words.HOLIDAY_REASON)

    def move_and_cancel(self) -> None:
        first = self.made.get(words.MOVED["course"])
        if first is None:
            return
        plan = words.MOVED
        later = list(Meetup.objects.filter(series=first.series_id, cancelled_at=None,
                                           session_number__gte=plan["from_session"])
                     .select_related("venue__place").order_by("session_number"))
        for i, session in enumerate(later):
            start = (session.local_start + timedelta(days=plan["days_later"])).replace(
                tzinfo=None, hour=plan["time"][0], minute=plan["time"][1])
            if not _holiday(start.date()):
                do_update_meetup(session.host, session.id, starts_at=start,
                                 ends_at=start + (session.ends_at - session.starts_at))
                if i + 1 < len(later):
                    do_cancel_meetup(session.host, later[i + 1].id, reason=words.CANCEL_REASON)
                return

    def dads(self, charity: Organisation) -> None:
        plan = words.DADS
        group, dads = self.group_members("Suffolk Dads")
        venue, host = self.venue_for(plan), self.by_local.get(plan["host"])
        if group is None or venue is None or host is None:
            return
        start, end = _times(self.today, plan)
        first = do_create_meetup(
            host, kind=Meetup.Kind.PLAYDATE, group_id=group.id, organisation_id=charity.id, title=plan["title"],
            description=plan["description"], venue_id=venue.id, starts_at=start, ends_at=end, cost=plan["cost"],
            accessibility=plan["accessibility"], repeat_every_weeks=plan["every"], sessions=plan["sessions"])
        self.made["dads"] = first
        sessions = list(Meetup.objects.filter(series=first.series_id).order_by("session_number"))
        for number, session in enumerate(sessions):
            people = self.nearest(venue.place, dads, max(2, plan["people"] - number), besides=[host])
            self.answer(session, people)
        do_message_attendees(host, first.id, body=words.DADS_MESSAGE)

    def member_meetups(self) -> None:
        for plan in words.MEETUPS:
            venue = self.venue_for(plan)
            if venue is None:
                continue
            group, pool = (None, self.members) if plan["audience"] in ("public", "followers") else \
                self.group_members(plan["audience"])
            if plan["audience"] not in ("public", "followers") and group is None:
                continue
            host = self.host_for(plan["host"], venue.place, pool)
            if host is None:
                continue
            start, end = _times(self.today, plan)
            ages = plan.get("ages")
            meetup = do_create_meetup(
                host, kind=plan["kind"], title=plan["title"], description=plan["description"], venue_id=venue.id,
                starts_at=start, ends_at=end, audience=plan["audience"] if group is None else "group",
                group_id=group.id if group else None, capacity=plan.get("capacity"), cost=plan.get("cost", "Free"),
                age_from_months=ages[0] if ages else None, age_to_months=ages[1] if ages else None,
                requires_approval=plan.get("approval", False))
            self.made[plan["key"]] = meetup
            if plan["audience"] == "followers":
                followers = set(Follow.objects.filter(followee=host).values_list("follower", flat=True))
                pool = [m for m in pool if m.id in followers]
            people = self.nearest(venue.place, pool, plan["people"], besides=[host], prefer=self.suits(ages))
            if plan.get("full"):
                self.answer(meetup, people, statuses=["going"] * len(people))
                if people:  # someone drops out: the first on the waitlist gets the place
                    do_rsvp(people[0], meetup.id, "not_going")
            elif plan.get("approval"):
                self.answer(meetup, people, statuses=["going"] * len(people))
                requested = Rsvp.objects.filter(meetup=meetup, status=Rsvp.Status.REQUESTED).order_by("id")
                for rsvp in list(requested)[:max(0, len(people) - 1)]:  # the last one is still waiting
                    do_decide_rsvp(host, meetup.id, rsvp.member_id, "approve")
            else:
                self.answer(meetup, people)

    def questions(self) -> None:
        for key, who, question, reply in words.QUESTIONS:
            meetup = self.made.get(key)
            if meetup is None:
                continue
            rsvps = Rsvp.objects.filter(meetup=meetup).exclude(status=Rsvp.Status.NOT_GOING).select_related(
                "member").order_by("-id")
            wanted = rsvps.filter(first_timer=True) if who == "first_timer" else rsvps.filter(status=who) if who \
                else rsvps
            rsvp = wanted.first() or rsvps.first()
            if rsvp is None:
                continue
            do_comment_on_meetup(rsvp.member, meetup.id, body=question)
            do_comment_on_meetup(meetup.host, meetup.id, body=reply)


def build_meetups(people, towns: dict[str, Place], say: Callable[[str], None] = lambda text: None) -> MeetupsResult:
    """Build the demo's venues and meetups once; a second run finds them and does nothing."""
    emails = [p.email for p in people]
    if Venue.objects.filter(created_by__email__in=emails).exists():
        say("The demo meetups are already there.")
        return MeetupsResult(skipped=True)
    charity = Organisation.objects.filter(name="Little Steps Suffolk").first()
    admin = charity.team.filter(role="admin").select_related("member").order_by("id").first() if charity else None
    if admin is None:
        return MeetupsResult(skipped=True)  # the demo's groups weren't built (too few members)
    members = list(Member.objects.filter(email__in=emails, is_active=True)
                   .select_related("profile__place").prefetch_related("children").order_by("id"))
    say("Planning Suffolk meetups, classes and a dads' walk...")
    builder = Builder(members, towns)
    with override_settings(**RATES), transaction.atomic():
        builder.add_venues(charity, admin.member)
        builder.courses(charity)
        builder.dads(charity)
        builder.member_meetups()
        builder.questions()
    result = _count(list(builder.venues.values()))
    say(f"Added {result.venues} venues and {result.meetups} meetups ({result.series} of them weekly or fortnightly), "
        f"with {result.rsvps} RSVPs, {result.waitlisted} on a waitlist and {result.comments} questions and answers.")
    return result


def _count(venues: list[Venue]) -> MeetupsResult:
    meetups = Meetup.objects.filter(venue__in=venues)
    rsvps = Rsvp.objects.filter(meetup__in=meetups)
    return MeetupsResult(
        venues=len(venues), meetups=meetups.count(),
        series=meetups.exclude(series=None).values("series").distinct().count(), rsvps=rsvps.count(),
        waitlisted=rsvps.filter(status=Rsvp.Status.WAITLISTED).count(),
        comments=MeetupComment.objects.filter(meetup__in=meetups).count(),
        messages=HostMessage.objects.filter(meetup__in=meetups).count())


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def meetup_note(member: Member) -> str:
    """"hosting 2 meetups and going to 1" for the demo logins; a course counts once."""
    upcoming = Meetup.objects.filter(cancelled_at=None, ends_at__gt=timezone.now())

    def count(qs) -> int:
        return len({("series", s) if s else ("meetup", i) for s, i in qs.values_list("series_id", "id")})

    hosting = count(upcoming.filter(host=member))
    going = count(upcoming.filter(rsvps__member=member, rsvps__status=Rsvp.Status.GOING))
    if hosting and going:
        return f"hosting {_n(hosting, 'meetup')} and going to {going}"
    if hosting:
        return f"hosting {_n(hosting, 'meetup')}"
    return f"going to {_n(going, 'meetup')}" if going else ""
