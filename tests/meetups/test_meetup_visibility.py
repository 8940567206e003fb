"""Who may see a meetup: viewer x meetup x operation, every cell written out; who may see its
attendee list; and the calendar files, which follow the same read policy.

The viewers, all relative to the host Hollie (whose profile is public):
- logged_out: no account at all.
- stranger:   a member with no relationship to Hollie or her groups.
- follower:   follows Hollie.
- member:     an active member of each of Hollie's groups, not a follower.
- host:       Hollie herself.
- blocked:    followed Hollie and joined her groups; Hollie then blocked them.
- blocker:    followed Hollie and joined her groups, then blocked Hollie.

The meetups: public; followers-only; and one in each of a public, a private and a secret
group of Hollie's.

The operations:
- view: Meetup.objects.visible_to(viewer) holds it.
- find: finding.find_meetups lists it (this week, no place).
- ics:  GET /meetups/<id>.ics answers 200 with a calendar (else 404, never 403)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from kettle.meetups.actions import (
    do_cancel_meetup,
    do_create_calendar_feed,
    do_decide_rsvp,
    do_revoke_calendar_feed,
    do_rsvp,
)
from kettle.meetups.finding import Filters, find_meetups
from kettle.meetups.models import CalendarFeed, Meetup
from kettle.meetups.queries import attendees_visible, can_manage
from kettle.social.actions import do_block, do_follow
from tests.factories import make_group, make_meetup, make_member, make_venue
from tests.helpers import committed
from tests.meetups.support import organisation_of, parents

pytestmark = pytest.mark.django_db

VIEWERS = ["logged_out", "stranger", "follower", "member", "host", "blocked", "blocker"]
MEETUPS = ["public", "followers", "public_group", "private_group", "secret_group"]
OPERATIONS = ["view", "find", "ics"]
Y, N = True, False

# viewer: what they may see of (public, followers, public_group, private_group, secret_group)
EXPECTED: dict[str, tuple[bool, ...]] = {
    "logged_out": (Y, N, Y, N, N),
    "stranger":   (Y, N, Y, N, N),
    "follower":   (Y, Y, Y, N, N),
    "member":     (Y, N, Y, Y, Y),
    "host":       (Y, Y, Y, Y, Y),
    "blocked":    (N, N, N, N, N),
    "blocker":    (N, N, N, N, N),
}

CELLS = [
    pytest.param(viewer, meetup, operation, EXPECTED[viewer][index], id=f"{viewer}-{meetup}-{operation}")
    for viewer in VIEWERS for index, meetup in enumerate(MEETUPS) for operation in OPERATIONS
]


class World:
    def __init__(self) -> None:
        self.host = make_member("hollie", is_public=True, place="Ipswich")
        self.people = {
            "host": self.host,
            "stranger": make_member("sam"),
            "follower": make_member("fern"),
            "member": make_member("moe"),
            "blocked": make_member("bex"),
            "blocker": make_member("bob"),
        }
        insiders = (self.people["member"], self.people["blocked"], self.people["blocker"])
        groups = {privacy: make_group(self.host, f"Hollie's {privacy} group", privacy=privacy, members=insiders)
                  for privacy in ("public", "private", "secret")}
        for who in ("follower", "blocked", "blocker"):
            committed(do_follow, self.people[who], self.host)
        venue = make_venue(self.host)
        self.meetups = {
            "public": make_meetup(self.host, "Park walk", venue=venue),
            "followers": make_meetup(self.host, "Coffee with friends", venue=venue, audience="followers"),
            **{f"{privacy}_group": make_meetup(self.host, f"{privacy.title()} group picnic", venue=venue,
                                               group_id=group.id) for privacy, group in groups.items()},
        }
        committed(do_block, self.host, self.people["blocked"])
        committed(do_block, self.people["blocker"], self.host)

    def viewer(self, name: str):
        return self.people.get(name)  # logged_out -> None


@pytest.fixture
def world() -> World:
    return World()


def client_of(viewer) -> Client:
    client = Client()
    if viewer is not None:
        client.force_login(viewer, backend="kettle.accounts.auth.MemberBackend")
    return client


def can(operation: str, viewer, meetup: Meetup) -> bool:
    if operation == "view":
        return Meetup.objects.visible_to(viewer).filter(id=meetup.id).exists()
    if operation == "find":
        page = find_meetups(viewer, Filters(when="week"), limit=40)
        return meetup.id in {card.meetup.id for card in page.cards}
    response = client_of(viewer).get(f"/meetups/{meetup.id}.ics")
    assert response.status_code in (200, 404), response.status_code
    if response.status_code == 404:
        return False
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(e["UID"]) for e in events] == [f"meetup-{meetup.id}@kettle"]
    return True


def test_the_matrix_has_every_cell():
    assert set(EXPECTED) == set(VIEWERS)
    assert all(len(row) == len(MEETUPS) for row in EXPECTED.values())


@pytest.mark.parametrize("viewer_name, meetup_name, operation, expected", CELLS)
def test_who_may_see_a_meetup(world, viewer_name, meetup_name, operation, expected):
    assert can(operation, world.viewer(viewer_name), world.meetups[meetup_name]) is expected


def test_leaving_a_private_group_takes_its_meetups_out_of_sight():
    from kettle.groups.actions import do_leave_group

    world = World()
    member = world.people["member"]
    private = world.meetups["private_group"]
    assert Meetup.objects.visible_to(member).filter(id=private.id).exists()
    committed(do_leave_group, member, private.group_id)
    assert not Meetup.objects.visible_to(member).filter(id=private.id).exists()
    assert client_of(member).get(f"/meetups/{private.id}.ics").status_code == 404


# --- Logged-out visitors ------------------------------------------------------------------


def test_logged_out_visitors_see_public_meetups_only_of_public_profiles_and_organisations():
    quiet = make_member("quinn")  # profiles are private by default
    venue = make_venue(quiet)
    playdate = make_meetup(quiet, "Quiet playdate", venue=venue)
    org = organisation_of(quiet)
    class_ = make_meetup(quiet, "Baby yoga", venue=venue, kind="class", organisation_id=org.id)
    followers_class = make_meetup(quiet, "Baby yoga for friends", venue=venue, kind="class",
                                  organisation_id=org.id, audience="followers")

    for_visitors = set(Meetup.objects.visible_to(None).values_list("id", flat=True))
    for_members = set(Meetup.objects.visible_to(make_member("sam")).values_list("id", flat=True))

    assert for_visitors == {class_.id}
    assert for_members == {playdate.id, class_.id}
    assert followers_class.id not in for_members


def test_a_host_who_leaves_takes_their_meetups_out_of_sight():
    host = make_member("hollie", is_public=True)
    meetup = make_meetup(host)
    type(host).objects.filter(id=host.id).update(is_active=False)
    assert not Meetup.objects.visible_to(None).filter(id=meetup.id).exists()
    assert not Meetup.objects.visible_to(make_member("sam")).filter(id=meetup.id).exists()


# --- Attendee lists ------------------------------------------------------------------------


def test_the_attendee_list_is_for_hosts_managers_and_those_going_only():
    host = make_member("hollie", is_public=True)
    org = organisation_of(host)
    from kettle.groups.actions import do_set_team_member

    admin, team = make_member("ada"), make_member("tam")
    do_set_team_member(host, org.id, admin.handle, role="admin")
    do_set_team_member(host, org.id, team.handle, role="team")
    meetup = make_meetup(host, "Baby yoga", kind="class", organisation_id=org.id, capacity=1,
                         requires_approval=True)
    going, waiting, asking, maybe, left, stranger = parents("gia", "wes", "ash", "may", "lee", "sam")
    for person in (going, waiting, asking, left):
        committed(do_rsvp, person, meetup.id, "going")
    committed(do_decide_rsvp, host, meetup.id, going.id, "approve")
    committed(do_decide_rsvp, host, meetup.id, waiting.id, "approve")
    committed(do_decide_rsvp, host, meetup.id, left.id, "decline")
    committed(do_rsvp, maybe, meetup.id, "maybe")

    expected = {host: True, admin: True, going: True, team: False, waiting: False, asking: False, maybe: False,
                left: False, stranger: False, None: False}
    seen = {viewer: attendees_visible(viewer, meetup) for viewer in expected}
    assert seen == expected
    assert can_manage(admin, meetup) and not can_manage(team, meetup)


def test_a_group_moderator_manages_the_groups_meetups_and_sees_who_is_going():
    owner, host, moderator = make_member("gwen"), make_member("hollie"), make_member("modi")
    group = make_group(owner, "Ipswich Dads", members=(host,), moderators=(moderator,))
    meetup = make_meetup(host, group_id=group.id)
    assert can_manage(moderator, meetup) and attendees_visible(moderator, meetup)
    assert Meetup.objects.managed_by(moderator).filter(id=meetup.id).exists()
    assert not Meetup.objects.managed_by(host).exclude(id=meetup.id).exists()


# --- The personal calendar feed --------------------------------------------------------------


@pytest.fixture
def calendar_world():
    """Ana's meetups in every state; only the first and the one she hosts belong in her feed."""
    host = make_member("hollie", is_public=True)
    venue = make_venue(host)
    ana, bea = parents("ana", "bea")
    titles = ["Going", "Maybe", "Waitlisted", "Cancelled", "Left", "Requested", "Not mine", "Blocked host"]
    meetups = {title: make_meetup(host, title, venue=venue) for title in titles[:-1]}
    Meetup.objects.filter(id=meetups["Waitlisted"].id).update(capacity=1)
    Meetup.objects.filter(id=meetups["Requested"].id).update(requires_approval=True)
    committed(do_rsvp, bea, meetups["Waitlisted"].id, "going")
    for title in ("Going", "Waitlisted", "Cancelled", "Left", "Requested"):
        committed(do_rsvp, ana, meetups[title].id, "going")
    committed(do_rsvp, ana, meetups["Maybe"].id, "maybe")
    committed(do_rsvp, ana, meetups["Left"].id, "not_going")
    committed(do_rsvp, bea, meetups["Not mine"].id, "going")
    committed(do_cancel_meetup, host, meetups["Cancelled"].id)
    other_host = make_member("olu", is_public=True)
    meetups["Blocked host"] = make_meetup(other_host, "Blocked host", venue=venue)
    committed(do_rsvp, ana, meetups["Blocked host"].id, "going")
    committed(do_block, ana, other_host)
    meetups["Hosting"] = make_meetup(ana, "Hosting", venue=venue)
    return ana, meetups


def feed_ids(response) -> set[int]:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    return {int(str(e["UID"]).removeprefix("meetup-").removesuffix("@kettle")) for e in cal.walk("VEVENT")}


def test_the_personal_feed_holds_exactly_what_the_member_is_going_to_or_hosting(calendar_world):
    ana, meetups = calendar_world
    feed = do_create_calendar_feed(ana)

    response = Client().get(feed.url)  # calendar apps have no session: the token is the key

    assert feed_ids(response) == {meetups["Going"].id, meetups["Hosting"].id}
    assert CalendarFeed.objects.get(id=feed.id).last_fetched_at is not None
    assert response["Cache-Control"] == "private, no-store"


def test_a_new_feed_address_turns_the_old_one_off_and_revoking_turns_it_off(calendar_world):
    ana, meetups = calendar_world
    old = do_create_calendar_feed(ana)
    new = do_create_calendar_feed(ana)
    assert old.token != new.token
    assert Client().get(old.url).status_code == 404
    assert feed_ids(Client().get(new.url)) == {meetups["Going"].id, meetups["Hosting"].id}

    assert do_revoke_calendar_feed(ana) == 1
    assert Client().get(new.url).status_code == 404
    assert Client().get("/meetups/calendar/not-a-real-token.ics").status_code == 404


def test_a_feed_of_a_member_who_has_left_is_gone(calendar_world):
    ana, _ = calendar_world
    feed = do_create_calendar_feed(ana)
    type(ana).objects.filter(id=ana.id).update(is_active=False)
    assert Client().get(feed.url).status_code == 404


def test_the_feed_keeps_a_month_of_past_meetups_then_lets_them_go(calendar_world):
    from tests.meetups.support import frozen_at

    ana, meetups = calendar_world
    feed = do_create_calendar_feed(ana)
    going = meetups["Going"]
    with frozen_at(going.ends_at + timedelta(days=29)):
        assert going.id in feed_ids(Client().get(feed.url))
    with frozen_at(going.ends_at + timedelta(days=31)):
        assert going.id not in feed_ids(Client().get(feed.url))


def test_the_meetup_calendar_file_of_a_private_group_meetup_is_a_404_outside_the_group():
    host = make_member("hollie", is_public=True)
    member = make_member("moe")
    group = make_group(host, "Bump Buddies March", privacy="private", members=(member,))
    meetup = make_meetup(host, "Bump walk", group_id=group.id,
                         starts_at=(timezone.now() + timedelta(days=4)).replace(microsecond=0))
    assert client_of(make_member("sam")).get(f"/meetups/{meetup.id}.ics").status_code == 404
    assert client_of(None).get(f"/meetups/{meetup.id}.ics").status_code == 404
    response = client_of(member).get(f"/meetups/{meetup.id}.ics")
    assert response.status_code == 200
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Bump walk"
    assert response["Content-Disposition"] == f'attachment; filename="kettle-meetup-{meetup.id}.ics"'


def test_the_attendee_list_leaves_out_anyone_blocked_either_way_and_anyone_who_left():
    from kettle.meetups.queries import attendees_of

    host = make_member("hollie", is_public=True)
    meetup = make_meetup(host, capacity=3)
    gia, bex, bob, wes = parents("gia", "bex", "bob", "wes")
    for person in (gia, bex, bob, wes):
        committed(do_rsvp, person, meetup.id, "going")
    committed(do_block, gia, bex)  # gia blocked bex
    committed(do_block, bob, gia)  # bob blocked gia

    def names(viewer, statuses=("going",)):
        return [r.member.handle for r in attendees_of(viewer, meetup, statuses=statuses)]

    assert names(host) == ["gia", "bex", "bob"]
    assert names(gia) == ["gia"]  # the two others going are on either side of a block
    assert names(bex, ("going", "waitlisted")) == ["bex", "bob", "wes"]
    type(bob).objects.filter(id=bob.id).update(is_active=False)
    assert names(host) == ["gia", "bex"]
