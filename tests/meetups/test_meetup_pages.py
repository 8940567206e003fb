"""The meetup pages as a parent uses them: the list near me, a meetup's page (going, the
waitlist, first-timers, safety guidance, questions), the forms, the calendar settings, and the
privacy rules on every page: a private group's meetup is a 404 outside it, and nobody but the
hosts and those going ever sees who is going."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kettle.meetups.actions import do_create_calendar_feed, do_rsvp
from kettle.meetups.forms import MeetupForm
from kettle.meetups.models import CalendarFeed, Meetup, Rsvp, SafetyNote, Venue
from tests.factories import make_group, make_meetup, make_member, make_venue
from tests.helpers import CommittingClient, committed, text_of
from tests.meetups.support import parents

pytestmark = pytest.mark.django_db


def logged_in(member) -> CommittingClient:
    client = CommittingClient()
    client.force_login(member, backend="kettle.accounts.auth.MemberBackend")
    return client


@pytest.fixture
def host():
    return make_member("hollie", place="Ipswich", is_public=True, display_name="Hollie Host")


@pytest.fixture
def meetup(host):
    return make_meetup(host, "Coffee in Christchurch Park", capacity=2)


def test_the_meetup_page_shows_who_is_going_only_to_the_host_and_those_going(host, meetup):
    going, maybe, stranger = parents("gina", "mabel", "stan", place="Kesgrave")
    committed(do_rsvp, going, meetup.id, "going")
    committed(do_rsvp, maybe, meetup.id, "maybe")
    name = going.profile.display_name

    assert name in text_of(logged_in(host).get(meetup.url))
    assert name in text_of(logged_in(going).get(meetup.url))
    for viewer in (maybe, stranger):
        page = text_of(logged_in(viewer).get(meetup.url))
        assert "Coffee in Christchurch Park" in page and name not in page
    anonymous = CommittingClient().get(meetup.url)
    assert anonymous.status_code == 200
    assert name not in text_of(anonymous) and 'id="people"' not in text_of(anonymous)


def test_a_private_groups_meetup_is_a_404_outside_the_group_on_every_page(host):
    insider, outsider = parents("ivy", "otto")
    group = make_group(host, "Ipswich Night Feeds", privacy="private", members=(insider,))
    secret = make_meetup(host, "Walk and talk for night owls", group_id=group.id)
    feed = committed(do_create_calendar_feed, outsider)

    assert logged_in(insider).get(secret.url).status_code == 200
    for client in (logged_in(outsider), CommittingClient()):
        assert client.get(secret.url).status_code == 404
        assert client.get(secret.ics_url).status_code == 404
        assert "night owls" not in text_of(client.get("/meetups?when=week&near=anywhere"))
        assert "night owls" not in text_of(client.get("/search?q=owls"))
    outside = logged_in(outsider)
    assert outside.post(f"/meetups/{secret.id}/rsvp", {"status": "going"}).status_code == 404
    assert outside.post(f"/meetups/{secret.id}/comments", {"body": "Can I come?"}).status_code == 404
    assert outside.get(f"/meetups/{secret.id}/edit").status_code == 404
    assert not Rsvp.objects.filter(meetup=secret).exists()
    assert b"night owls" not in CommittingClient().get(feed.url).content
    assert "night owls" in text_of(logged_in(insider).get("/search?q=owls"))


def test_the_first_rsvp_waits_for_the_safety_guidance_then_welcomes_a_first_timer(host, meetup):
    newcomer = make_member("nell", place="Ipswich")
    client = logged_in(newcomer)
    page = text_of(client.get(meetup.url))
    assert "Meeting safely" in page and "never at someone's home" in page

    refused = client.post(f"/meetups/{meetup.id}/rsvp", {"status": "going", "first_timer": "1"}, follow=True)
    assert "Tick the box" in text_of(refused)
    assert not Rsvp.objects.filter(meetup=meetup, member=newcomer).exists()

    done = client.post(f"/meetups/{meetup.id}/rsvp", {"status": "going", "first_timer": "1", "safety_read": "1"},
                       follow=True)
    assert "You're going" in text_of(done)
    assert "It's your first meetup: welcome!" in text_of(done)
    assert "Meeting safely" not in text_of(done)
    assert SafetyNote.objects.filter(member=newcomer).exists()
    assert "First meetup: say hi!" in text_of(logged_in(host).get(meetup.url))


def test_past_capacity_the_page_offers_the_waitlist_and_leaving_lets_the_first_in(host, meetup):
    first, second, third = parents("fay", "sid", "tom")
    for person in (first, second):
        committed(do_rsvp, person, meetup.id, "going")
    client = logged_in(third)
    assert "Join the waitlist" in text_of(client.get(meetup.url))
    answered = client.post(f"/meetups/{meetup.id}/rsvp", {"status": "going"}, follow=True)
    assert "you're on the waitlist" in text_of(answered).lower()
    assert "Waitlist, in order" in text_of(logged_in(host).get(meetup.url))

    logged_in(first).post(f"/meetups/{meetup.id}/rsvp", {"status": "not_going"})

    assert Rsvp.objects.get(meetup=meetup, member=third).status == "going"
    notes = text_of(logged_in(third).get("/notifications/"))
    assert "A place came up at Coffee in Christchurch Park" in notes


def test_bad_input_on_the_new_meetup_form_answers_field_errors_and_saves_nothing(host):
    venue = make_venue(host, "Ipswich Library")
    client = logged_in(host)
    before = Meetup.objects.count()
    response = client.post("/meetups/new", {
        "title": "Rhyme time", "kind": "playdate", "venue_id": str(venue.id), "day": "2020-01-01",
        "starts_at": "10:00", "ends_at": "09:00", "capacity": "10000", "audience": "public",
        "repeat_every_weeks": "0"})
    page = text_of(response)
    assert response.status_code == 400
    assert "That time has already passed" in page
    assert "It ends before it starts" in page
    assert "between 1 and 1,000" in page
    assert Meetup.objects.count() == before


def test_the_venue_form_says_public_places_only_and_refuses_a_home(host):
    client = logged_in(host)
    assert "Never a home address" in text_of(client.get("/venues/new"))
    place = host.profile.place
    response = client.post("/venues/new", {"name": "12 Acacia Avenue", "kind": "other", "place_id": str(place.id),
                                           "place_q": place.name})
    assert response.status_code == 400
    assert not Venue.objects.filter(name__icontains="Acacia").exists()
    made = client.post("/venues/new", {"name": "Ipswich Library", "kind": "library", "address": "Northgate Street",
                                       "place_id": str(place.id), "place_q": place.name, "pram_access": "on",
                                       "next": "/meetups/new"})
    venue = Venue.objects.get(name="Ipswich Library")
    assert made.status_code == 302 and made["Location"] == f"/meetups/new?venue={venue.id}"
    assert venue.pram_access and not venue.parking


def test_starting_a_weekly_course_from_the_form_makes_each_session(host):
    from kettle.groups.actions import do_create_organisation

    organisation = do_create_organisation(host, name="Little Steps Suffolk")
    venue = make_venue(host, "Kesgrave Children's Centre", place="Kesgrave", kind="childrens_centre")
    client = logged_in(host)
    response = client.post("/meetups/new", {
        "title": "Baby massage", "kind": "class", "venue_id": str(venue.id), "day": "2027-01-05",
        "starts_at": "10:00", "ends_at": "11:00", "capacity": "8", "cost": "£6 a session",
        "age_from_months": "0", "age_to_months": "6", "audience": "public",
        "organisation_id": str(organisation.id), "repeat_every_weeks": "1", "sessions": "5"})
    assert response.status_code == 302
    sessions = list(Meetup.objects.filter(title="Baby massage").order_by("starts_at"))
    assert [s.local_start.strftime("%a %d %b %H:%M") for s in sessions] == [
        "Tue 05 Jan 10:00", "Tue 12 Jan 10:00", "Tue 19 Jan 10:00", "Tue 26 Jan 10:00", "Tue 02 Feb 10:00"]
    page = text_of(client.get(sessions[0].url))
    assert "The course: 5 sessions, weekly" in page and "Book the whole course" not in page  # hosts don't book
    assert "Baby massage" in text_of(CommittingClient().get(organisation.url))


def test_the_calendar_page_makes_and_revokes_the_secret_feed(host, meetup):
    client = logged_in(host)
    client.post("/meetups/calendar/change", {"do": "new"})
    feed = CalendarFeed.objects.get(member=host, revoked_at=None)
    assert feed.token in text_of(client.get("/meetups/calendar"))
    fetched = CommittingClient().get(feed.url)
    assert fetched.status_code == 200 and fetched["Content-Type"].startswith("text/calendar")
    assert b"Coffee in Christchurch Park" in fetched.content

    client.post("/meetups/calendar/change", {"do": "revoke"})
    assert CommittingClient().get(feed.url).status_code == 404


def test_a_groups_meetups_show_on_its_page(host):
    member = parents("gwen")
    group = make_group(host, "Suffolk Dads", privacy="public", members=(member,))
    make_meetup(host, "Saturday park walk", group_id=group.id)
    assert "Saturday park walk" in text_of(logged_in(member).get(group.url))


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_list_and_a_meetup_page_keep_a_flat_query_count(host):
    viewer = parents("vera", place="Ipswich")
    venue = make_venue(host, "Ipswich Library")
    few = [make_meetup(host, f"Meetup {i}", venue=venue, in_days=1 + i / 10) for i in range(2)]
    client = logged_in(viewer)
    list_few = _queries(client, "/meetups")
    people = parents(*[f"goer{i}" for i in range(8)])
    for person in people[:2]:
        committed(do_rsvp, person, few[0].id, "going")
    page_few = _queries(logged_in(host), few[0].url)

    more = [make_meetup(host, f"Later {i}", venue=make_venue(host, f"Cafe {i}", kind="cafe",
                                                             place=("Ipswich", "Kesgrave", "Woodbridge")[i % 3]),
                        in_days=2 + i / 10) for i in range(9)]
    for person in people:
        committed(do_rsvp, person, more[0].id, "going")
        committed(do_rsvp, person, few[0].id, "going")
        logged_in(person).post(f"/meetups/{few[0].id}/comments", {"body": "See you there!"})
    assert _queries(client, "/meetups") == list_few
    assert _queries(logged_in(host), few[0].url) == page_few


def test_the_host_approves_a_request_and_edits_a_course_from_the_pages(host):
    asker = parents("amy")
    meetup = make_meetup(host, "Bump and baby coffee", requires_approval=True, repeat_every_weeks=1, sessions=3)
    committed(do_rsvp, asker, meetup.id, "going")
    client = logged_in(host)
    assert "Asking to come" in text_of(client.get(meetup.url))
    assert logged_in(asker).post(f"/meetups/{meetup.id}/people/{asker.id}", {"decision": "approve"}).status_code \
        == 302
    assert Rsvp.objects.get(meetup=meetup, member=asker).status == "requested"  # only hosts decide

    client.post(f"/meetups/{meetup.id}/people/{asker.id}", {"decision": "approve"})
    assert Rsvp.objects.get(meetup=meetup, member=asker).status == "going"

    assert client.get(f"/meetups/{meetup.id}/edit").status_code == 200
    form = MeetupForm.initial_for(meetup)
    later = {**{k: v for k, v in form.items() if v is not None}, "title": "Bump, baby and cake", "starts_at": "14:00",
             "ends_at": "15:00", "day": form["day"].isoformat(), "whole_series": "1"}
    assert client.post(f"/meetups/{meetup.id}/edit", later).status_code == 302
    sessions = list(Meetup.objects.filter(series_id=meetup.series_id).order_by("session_number"))
    assert [s.title for s in sessions] == ["Bump, baby and cake"] * 3
    assert sessions[0].local_start.strftime("%H:%M") == "14:00" and sessions[0].moved_from is not None
    assert {s.local_start.strftime("%H:%M") for s in sessions[1:]} == {meetup.local_start.strftime("%H:%M")}
