"""RSVPs through the API: the meet-in-public guidance before a first answer, going, maybe and
can't go, the waitlist in order (and promotion when someone drops out), host approval, and who
may see who's going: the hosts and the people going, never anyone else. Also what is for the
people going: the hosts' messages, and the calendar feed of everything a member is going to."""

from __future__ import annotations

import pytest
from django.test import Client

from kettle.meetups.actions import do_cancel_meetup, do_rsvp
from kettle.meetups.models import Meetup, Rsvp, SafetyNote
from kettle.notifications.models import Notification
from kettle.social.actions import do_block
from tests.factories import make_meetup, make_member, make_venue
from tests.helpers import assert_error, committed, send

MEETUPS = "/api/v1/meetups"
GOING = {"status": "going", "safety_read": True}


@pytest.fixture
def meetup(hana, library):
    return make_meetup(hana, "Baby sensory", venue=library, capacity=2)


def parents(*handles: str):
    people = [make_member(handle) for handle in handles]
    SafetyNote.objects.bulk_create([SafetyNote(member=person) for person in people])
    return people


def rsvp(client, meetup, **body):
    return send(client, "put", f"{MEETUPS}/{meetup.id}/rsvp", {"status": "going", **body})


# --- answering -----------------------------------------------------------------------------

def test_a_first_answer_waits_for_the_safety_guidance_and_writes_nothing_until_then(meetup, api):
    newcomer = make_member("nell")

    refused = rsvp(api(newcomer), meetup)

    assert_error(refused, 400, "invalid", "safety_read")
    assert "public place" in refused.json()["fields"]["safety_read"][0]
    assert not Rsvp.objects.exists() and not SafetyNote.objects.exists()
    accepted = rsvp(api(newcomer), meetup, safety_read=True, first_timer=True)
    assert accepted.status_code == 200, accepted.content
    assert accepted.json() == {"meetup_id": meetup.id, "status": "going", "first_timer": True,
                               "waitlist_position": None, "going_count": 1, "waitlist_count": 0, "places_left": 1}
    assert SafetyNote.objects.filter(member=newcomer).exists()


def test_going_past_capacity_joins_the_waitlist_in_order_and_a_leaver_lets_the_first_in(meetup, hana, api):
    ann, ben, cat, dot = parents("ann", "ben", "cat", "dot")
    answers = [rsvp(api(person), meetup).json() for person in (ann, ben, cat, dot)]

    assert [(a["status"], a["waitlist_position"]) for a in answers] == [
        ("going", None), ("going", None), ("waitlisted", 1), ("waitlisted", 2)]
    assert answers[-1]["places_left"] == 0 and answers[-1]["waitlist_count"] == 2
    queue = api(hana).get(f"{MEETUPS}/{meetup.id}/waitlist").json()
    assert [(e["member"]["handle"], e["status"], e["position"]) for e in queue["items"]] == [
        ("cat", "waitlisted", 1), ("dot", "waitlisted", 2)]

    left = api(ben).delete(f"{MEETUPS}/{meetup.id}/rsvp")

    assert left.status_code == 200 and left.json()["status"] == "not_going"
    assert Rsvp.objects.get(member=cat).status == "going"
    assert rsvp(api(dot), meetup).json()["waitlist_position"] == 1  # pressing again keeps the place
    assert Notification.objects.filter(kind="meetup_promoted", recipient=cat).exists()
    meetup.refresh_from_db()
    assert (meetup.going_count, meetup.waitlist_count) == (2, 1)


def test_maybe_and_cant_go_take_no_place(meetup, api):
    ann, ben = parents("ann", "ben")
    assert rsvp(api(ann), meetup, status="maybe").json()["going_count"] == 0
    assert rsvp(api(ben), meetup, status="not_going").json()["status"] == "not_going"
    assert api(ann).get(f"{MEETUPS}/{meetup.id}").json()["my_rsvp"] == {"status": "maybe", "first_timer": False}


@pytest.mark.parametrize("body, status, field", [
    ({"status": "waitlisted"}, 422, "status"),
    ({"status": "going", "first_timer": "yes"}, 422, "first_timer"),
    ({"status": "going", "plus_ones": 2}, 422, "plus_ones"),
    ({}, 422, "status"),
])
def test_a_bad_answer_is_a_field_error(body, status, field, meetup, api):
    [ann] = parents("ann")
    assert_error(send(api(ann), "put", f"{MEETUPS}/{meetup.id}/rsvp", body), status, "invalid", field)
    assert not Rsvp.objects.exists()


def test_hosts_cant_answer_their_own_and_nobody_answers_a_cancelled_one(meetup, hana, api):
    assert_error(rsvp(api(hana), meetup, safety_read=True), 400, "invalid", "status")
    committed(do_cancel_meetup, hana, meetup.id)
    [ann] = parents("ann")
    assert_error(rsvp(api(ann), meetup), 400, "invalid", "status")
    assert_error(rsvp(api(), meetup), 401, "unauthenticated")
    assert not Rsvp.objects.exists()


def test_whole_course_answers_every_upcoming_session(hana, api):
    first = make_meetup(hana, "Baby yoga", venue=make_venue(hana), repeat_every_weeks=1, sessions=4)
    [ann] = parents("ann")
    rsvp(api(ann), first, whole_course=True)
    assert Rsvp.objects.filter(member=ann, status="going").count() == 4


# --- approval ------------------------------------------------------------------------------

def test_the_host_approves_or_declines_people_who_asked(hana, api):
    meetup = make_meetup(hana, "Dads' walk", venue=make_venue(hana), requires_approval=True, capacity=1)
    ann, ben, cat = parents("ann", "ben", "cat")
    assert [rsvp(api(p), meetup).json()["status"] for p in (ann, ben, cat)] == ["requested"] * 3
    assert [e["member"]["handle"] for e in api(hana).get(f"{MEETUPS}/{meetup.id}/waitlist").json()["items"]] == [
        "ann", "ben", "cat"]

    people = f"{MEETUPS}/{meetup.id}/people"
    approved = send(api(hana), "post", f"{people}/{ann.id}", {"decision": "approve"})
    assert approved.status_code == 200, approved.content
    assert approved.json()["status"] == "going" and approved.json()["going_count"] == 1
    assert send(api(hana), "post", f"{people}/{ben.id}", {"decision": "approve"}).json()["status"] == "waitlisted"
    assert send(api(hana), "post", f"{people}/{cat.id}", {"decision": "decline"}).json()["status"] == "not_going"
    queue = api(hana).get(f"{MEETUPS}/{meetup.id}/waitlist").json()["items"]
    assert [(e["member"]["handle"], e["status"], e["position"]) for e in queue] == [("ben", "waitlisted", 1)]

    removed = send(api(hana), "post", f"{people}/{ann.id}", {"decision": "remove"}).json()
    assert removed["status"] == "not_going" and Rsvp.objects.get(member=ben).status == "going"


def test_only_the_hosts_decide_or_see_the_queue(hana, api):
    meetup = make_meetup(hana, "Dads' walk", venue=make_venue(hana), requires_approval=True)
    ann, ben = parents("ann", "ben")
    rsvp(api(ann), meetup)
    people = f"{MEETUPS}/{meetup.id}/people"

    assert_error(send(api(ben), "post", f"{people}/{ann.id}", {"decision": "approve"}), 403, "forbidden")
    assert_error(api(ben).get(f"{MEETUPS}/{meetup.id}/waitlist"), 403, "forbidden")
    assert_error(api().get(f"{MEETUPS}/{meetup.id}/waitlist"), 401, "unauthenticated")
    assert_error(send(api(hana), "post", f"{people}/{ann.id}", {"decision": "maybe"}), 422, "invalid", "decision")
    assert_error(send(api(hana), "post", f"{people}/{ben.id}", {"decision": "approve"}), 404, "not_found")
    assert Rsvp.objects.get(member=ann).status == "requested"


def test_the_queue_pages_on_in_order_across_the_waitlist_and_requests(hana, api):
    meetup = make_meetup(hana, "Soft play", venue=make_venue(hana), capacity=1)
    people = parents("ann", "ben", "cat", "dot", "eve")
    for person in people:
        committed(do_rsvp, person, meetup.id, "going")
    Meetup.objects.filter(id=meetup.id).update(requires_approval=True)
    late = parents("fay", "gus")
    for person in late:
        committed(do_rsvp, person, meetup.id, "going")

    seen, after = [], ""
    for _ in range(5):
        page = api(hana).get(f"{MEETUPS}/{meetup.id}/waitlist?limit=2{after}").json()
        seen += [(e["member"]["handle"], e["status"], e["position"]) for e in page["items"]]
        if page["next_after"] is None:
            break
        after = f"&after={page['next_after']}"

    assert seen == [("ben", "waitlisted", 1), ("cat", "waitlisted", 2), ("dot", "waitlisted", 3),
                    ("eve", "waitlisted", 4), ("fay", "requested", None), ("gus", "requested", None)]
    assert_error(api(hana).get(f"{MEETUPS}/{meetup.id}/waitlist?after=x.1.2"), 400, "invalid", "after")


# --- who's going ---------------------------------------------------------------------------

def test_the_host_sees_who_is_going_with_their_first_timer_flags(meetup, hana, api):
    ann, ben = parents("ann", "ben")
    rsvp(api(ann), meetup, first_timer=True)
    rsvp(api(ben), meetup)

    body = api(hana).get(f"{MEETUPS}/{meetup.id}/attendees").json()

    assert [(a["member"]["handle"], a["first_timer"]) for a in body["items"]] == [("ann", True), ("ben", False)]
    assert body["next_after"] is None


def test_the_list_is_for_the_people_going_and_the_hosts_only(meetup, hana, api):
    ann, ben, cat, dot = parents("ann", "ben", "cat", "dot")
    rsvp(api(ann), meetup)
    rsvp(api(ben), meetup, status="maybe")
    rsvp(api(cat), meetup)
    rsvp(api(dot), meetup)  # waitlisted
    path = f"{MEETUPS}/{meetup.id}/attendees"

    assert [a["member"]["handle"] for a in api(ann).get(path).json()["items"]] == ["ann", "cat"]
    for outsider in (api(ben), api(dot), api(make_member("nosy")), api()):
        assert_error(outsider.get(path), 403, "forbidden")
        detail = outsider.get(f"{MEETUPS}/{meetup.id}").json()
        assert detail["attendees"] is None and detail["attendees_visible"] is False


def test_attendees_page_on_in_the_order_they_answered(hana, api):
    meetup = make_meetup(hana, "Big picnic", venue=make_venue(hana))
    people = parents("ann", "ben", "cat")
    for person in people:
        committed(do_rsvp, person, meetup.id, "going")
    first = api(hana).get(f"{MEETUPS}/{meetup.id}/attendees?limit=2").json()
    rest = api(hana).get(f"{MEETUPS}/{meetup.id}/attendees?limit=2&after={first['next_after']}").json()
    assert [a["member"]["handle"] for a in first["items"] + rest["items"]] == ["ann", "ben", "cat"]
    assert rest["next_after"] is None


def test_someone_blocked_either_way_is_left_off_the_list(meetup, api):
    ann, ben = parents("ann", "ben")
    rsvp(api(ann), meetup)
    rsvp(api(ben), meetup)
    committed(do_block, ben, ann)
    assert [a["member"]["handle"] for a in api(ann).get(f"{MEETUPS}/{meetup.id}/attendees").json()["items"]] == [
        "ann"]


# --- the hosts' messages and the calendar feed: for the people going ----------------------

def test_hosts_message_the_people_going_who_alone_read_it(hana, vic, library, api):
    meetup = make_meetup(hana, venue=library)
    maybe = make_member("mae")
    committed(do_rsvp, vic, meetup.id, "going", safety_read=True)
    committed(do_rsvp, maybe, meetup.id, "maybe", safety_read=True)

    sent = send(api(hana), "post", f"{MEETUPS}/{meetup.id}/messages", {"body": "We're in the back room"})
    assert sent.status_code == 201, sent.content

    assert [m["body_html"] for m in api(vic).get(f"{MEETUPS}/{meetup.id}/messages").json()["items"]] == [
        "<p>We're in the back room</p>\n"]
    assert_error(api(maybe).get(f"{MEETUPS}/{meetup.id}/messages"), 403, "forbidden")
    assert_error(api().get(f"{MEETUPS}/{meetup.id}/messages"), 401, "unauthenticated")
    assert_error(send(api(vic), "post", f"{MEETUPS}/{meetup.id}/messages", {"body": "Hi all"}), 403, "forbidden")


def test_the_calendar_feed_is_made_replaced_and_revoked(hana, vic, library, api):
    meetup = make_meetup(hana, "Rhyme time", venue=library)
    committed(do_rsvp, vic, meetup.id, "going", safety_read=True)
    client = api(vic)
    assert client.get("/api/v1/me/calendar").json() == {"url": None, "created_at": None, "last_fetched_at": None}

    made = client.post("/api/v1/me/calendar")
    assert made.status_code == 201
    first = made.json()["url"]
    assert first.startswith("http://testserver/meetups/calendar/") and first.endswith(".ics")
    fetched = Client().get(first)
    assert fetched.status_code == 200 and b"Rhyme time" in fetched.content
    assert client.get("/api/v1/me/calendar").json()["url"] == first

    second = client.post("/api/v1/me/calendar").json()["url"]
    assert second != first
    assert Client().get(first).status_code == 404 and Client().get(second).status_code == 200

    assert client.delete("/api/v1/me/calendar").status_code == 204
    assert client.get("/api/v1/me/calendar").json()["url"] is None
    assert Client().get(second).status_code == 404
    assert_error(api().get("/api/v1/me/calendar"), 401, "unauthenticated")
