"""Meetups through the API: starting one (times in the venue's local time), finding them (filters,
distance bands, pages), reading one, changing and cancelling it, my meetups and comments. A
private group's meetup is a 404 to outsiders everywhere, the logged-out never see who's going,
and whatever is sent gets an answer, never a crash."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from kettle.groups.actions import do_create_organisation
from kettle.meetups.actions import do_comment_on_meetup, do_rsvp
from kettle.meetups.models import Meetup, MeetupComment
from kettle.social.actions import do_block
from tests.factories import make_group, make_meetup, make_member, make_venue
from tests.helpers import assert_error, committed, send
from tests.meetups.support import local, new_meetup

LONDON = ZoneInfo("Europe/London")
MEETUPS = "/api/v1/meetups"
CARD_KEYS = {
    "id", "url", "ics_url", "title", "kind", "starts_at", "ends_at", "starts_at_utc", "ends_at_utc", "time_zone",
    "venue", "host", "organisation", "group", "audience", "age_from_months", "age_to_months", "age_range",
    "capacity", "places_left", "going_count", "waitlist_count", "cost", "accessibility", "requires_approval",
    "series", "moved_from", "cancelled", "cancel_reason", "distance", "my_rsvp"}
DETAIL_KEYS = CARD_KEYS | {"description", "description_html", "comment_count", "can_manage", "attendees_visible",
                           "attendees", "safety_guidance"}


# --- starting a meetup ---------------------------------------------------------------------

def test_a_member_starts_a_meetup_given_in_the_venues_local_time(hana, library, api):
    response = send(api(hana), "post", MEETUPS, new_meetup(library))

    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == DETAIL_KEYS
    meetup = Meetup.objects.get()
    start = local().replace(tzinfo=LONDON)
    assert meetup.starts_at == start.astimezone(UTC) and meetup.ends_at == local(hour=12).replace(tzinfo=LONDON)
    assert datetime.fromisoformat(body["starts_at"]) == start and body["starts_at"].startswith(
        local().isoformat(timespec="minutes"))
    assert datetime.fromisoformat(body["starts_at_utc"]).utcoffset() == timedelta(0)
    assert body["time_zone"] == "Europe/London"
    assert (body["id"], body["url"], body["ics_url"]) == (meetup.id, meetup.url, meetup.ics_url)
    assert body["venue"] == {"id": library.id, "url": f"/venues/{library.id}", "name": "Ipswich Library",
                             "kind": "library", "address": "Northgate Street", "place": "Ipswich", "facilities": []}
    assert body["host"]["handle"] == "hana" and body["host"]["display_name"] == "Hana"
    assert (body["capacity"], body["places_left"], body["going_count"], body["age_range"]) == (12, 12, 0,
                                                                                              "0-12 months")
    assert body["description_html"] == "<p>Tea and <em>cake</em></p>\n" and body["description"] == "Tea and *cake*"
    assert body["can_manage"] is True and body["attendees_visible"] is True and body["attendees"] == []
    assert body["my_rsvp"] is None and body["series"] is None and body["cancelled"] is False


def test_a_time_with_an_offset_is_taken_as_it_is(hana, library, api):
    start = local().replace(tzinfo=ZoneInfo("Asia/Kolkata"))
    body = send(api(hana), "post", MEETUPS, new_meetup(library, starts_at=start.isoformat(),
                                                       ends_at=(start + timedelta(hours=1)).isoformat())).json()
    assert datetime.fromisoformat(body["starts_at_utc"]) == start
    assert Meetup.objects.get().starts_at == start


def test_a_weekly_course_makes_a_session_each_week_at_the_same_local_time(hana, library, api):
    body = send(api(hana), "post", MEETUPS, new_meetup(library, repeat_every_weeks=1, sessions=3)).json()

    assert body["series"] == {"every_weeks": 1, "sessions": 3, "session_number": 1}
    sessions = list(Meetup.objects.order_by("starts_at"))
    assert [s.session_number for s in sessions] == [1, 2, 3]
    assert {s.starts_at.astimezone(LONDON).time() for s in sessions} == {time(10, 30)}


@pytest.mark.parametrize("changes, status, field", [
    ({"ends_at": local(hour=9).isoformat()}, 400, "ends_at"),
    ({"capacity": 0}, 400, "capacity"),
    ({"capacity": 10000}, 400, "capacity"),
    ({"starts_at": local(days=-2).isoformat(), "ends_at": local(days=-2, hour=12).isoformat()}, 400, "starts_at"),
    ({"starts_at": local(days=400).isoformat(), "ends_at": local(days=400, hour=12).isoformat()}, 400, "starts_at"),
    ({"ends_at": local(hour=23, minute=59).isoformat(), "starts_at": local(hour=0).isoformat()}, 400, "ends_at"),
    ({"title": "   "}, 400, "title"),
    ({"venue_id": 987654}, 400, "venue_id"),
    ({"age_from_months": 24, "age_to_months": 6}, 400, "age_to_months"),
    ({"age_to_months": 100}, 400, "age_to_months"),
    ({"kind": "class"}, 400, "organisation_id"),
    ({"repeat_every_weeks": 1, "sessions": 40}, 400, "sessions"),
    ({"kind": "party"}, 422, "kind"),
    ({"capacity": "12"}, 422, "capacity"),
    ({"starts_at": "2030-01-01"}, 422, "starts_at"),
    ({"starts_at": 1900000000}, 422, "starts_at"),
    ({"title": ...}, 422, "title"),
    ({"where": "my house"}, 422, "where"),
])
def test_bad_input_is_a_field_error_and_starts_nothing(changes, status, field, hana, library, api):
    response = send(api(hana), "post", MEETUPS, new_meetup(library, **changes))

    assert_error(response, status, "invalid", field)
    assert not Meetup.objects.exists()


def test_an_organisation_runs_classes_and_logged_out_visitors_find_them(hana, library, api):
    trust = committed(do_create_organisation, hana, name="Suffolk Baby Classes")
    body = send(api(hana), "post", MEETUPS, new_meetup(library, kind="class", organisation_id=trust.id)).json()
    assert body["kind"] == "class" and body["organisation"]["slug"] == trust.slug

    nia = make_member("nia")
    assert_error(send(api(nia), "post", MEETUPS, new_meetup(library, organisation_id=trust.id)), 400, "invalid",
                 "organisation_id")
    assert Meetup.objects.count() == 1


def test_starting_a_meetup_needs_a_member(library, api):
    assert_error(send(api(), "post", MEETUPS, new_meetup(library)), 401, "unauthenticated")


# --- finding meetups -----------------------------------------------------------------------

def test_the_list_shows_upcoming_meetups_with_the_viewers_distance_and_answer(hana, vic, library, api):
    soon = make_meetup(hana, "Coffee and a walk", venue=library, in_days=1)
    later = make_meetup(hana, "Rhyme time", venue=library, in_days=2)
    committed(do_rsvp, vic, later.id, "maybe", safety_read=True, first_timer=True)

    body = api(vic).get(MEETUPS).json()

    assert [item["id"] for item in body["items"]] == [soon.id, later.id] and body["next_after"] is None
    first, second = body["items"]
    assert set(first) == CARD_KEYS
    assert first["distance"] == "same town" and first["my_rsvp"] is None
    assert second["my_rsvp"] == {"status": "maybe", "first_timer": True}


def test_logged_out_visitors_see_public_hosts_meetups_without_distance(hana, library, api):
    shown = make_meetup(hana, "Coffee and a walk", venue=library)
    make_meetup(make_member("priya"), "Private host's playdate", venue=library)  # a private profile

    body = api().get(MEETUPS).json()

    assert [item["id"] for item in body["items"]] == [shown.id]
    assert body["items"][0]["distance"] is None and body["items"][0]["my_rsvp"] is None


def test_filters_narrow_the_list(hana, vic, library, api):
    trust = committed(do_create_organisation, hana, name="Suffolk Baby Classes")
    coffee = make_meetup(hana, "Coffee and a walk", venue=library, kind="coffee")
    baby = make_meetup(hana, "Baby massage", venue=library, kind="class", organisation_id=trust.id,
                       age_from_months=0, age_to_months=6)
    toddlers = make_meetup(hana, "Toddler football", venue=library, in_days=10, age_from_months=24,
                           age_to_months=48)
    client = api(vic)

    def ids(query: str) -> list[int]:
        response = client.get(f"{MEETUPS}?{query}")
        assert response.status_code == 200, response.content
        return [item["id"] for item in response.json()["items"]]

    assert ids("") == [coffee.id, baby.id]
    assert ids("when=later") == [toddlers.id]
    assert ids("kind=class") == [baby.id]
    assert ids("age=0-6m") == [coffee.id, baby.id]
    assert ids("when=later&age=2-3y") == [toddlers.id]
    assert ids("q=massage") == [baby.id]
    assert ids(f"day={baby.starts_at.astimezone(LONDON).date().isoformat()}") == [coffee.id, baby.id]
    assert ids(f"day={baby.starts_at.astimezone(LONDON):%a}".lower()) == [coffee.id, baby.id]
    assert ids("near=none") == [coffee.id, baby.id]


@pytest.mark.parametrize("query, field", [
    ("when=tomorrow", "when"), ("day=someday", "day"), ("day=2026-02-30", "day"), ("age=teens", "age"),
    ("kind=party", "kind"), ("near=far", "near"), ("after=nonsense", "after"),
])
def test_a_filter_that_means_nothing_is_a_400_naming_it(query, field, hana, vic, library, api):
    make_meetup(hana, venue=library)
    assert_error(api(vic).get(f"{MEETUPS}?{query}"), 400, "invalid", field)
    assert_error(api().get(f"{MEETUPS}?{query}"), 400, "invalid", field)


def test_near_me_needs_a_place(library, hana, api):
    make_meetup(hana, venue=library)
    assert_error(api().get(f"{MEETUPS}?near=me"), 400, "invalid", "near")
    assert_error(api(make_member("nomad")).get(f"{MEETUPS}?near=me"), 400, "invalid", "near")
    assert len(api(make_member("nomad2")).get(MEETUPS).json()["items"]) == 1  # no place: everywhere


def test_near_me_leaves_out_far_away_meetups_and_shows_the_band(hana, vic, library, api):
    here = make_meetup(hana, "Ipswich coffee", venue=library)
    far = make_meetup(hana, "Lowestoft coffee", venue=make_venue(hana, "Lowestoft Library", place="Lowestoft"))

    near = api(vic).get(MEETUPS).json()["items"]
    everywhere = api(vic).get(f"{MEETUPS}?near=none").json()["items"]

    assert [item["id"] for item in near] == [here.id]
    assert {item["id"]: item["distance"] for item in everywhere} == {here.id: "same town", far.id: "over 30 km"}


def test_pages_follow_on_without_repeats(hana, vic, library, api, settings):
    settings.MEETUP_CREATE_RATE = "100/86400"
    made = [make_meetup(hana, f"Playdate {i}", venue=library, in_days=1 + i / 10).id for i in range(23)]

    first = api(vic).get(MEETUPS).json()
    second = api(vic).get(f"{MEETUPS}?after={first['next_after']}").json()

    assert len(first["items"]) == 20 and second["next_after"] is None
    assert [item["id"] for item in first["items"] + second["items"]] == made


# --- one meetup, and a private group's meetup ----------------------------------------------

def test_logged_out_visitors_read_a_public_meetup_but_never_who_is_going(hana, vic, library, api):
    meetup = make_meetup(hana, venue=library)
    committed(do_rsvp, vic, meetup.id, "going", safety_read=True, first_timer=True)

    response = api().get(f"{MEETUPS}/{meetup.id}")

    assert response.status_code == 200
    body = response.json()
    assert body["attendees"] is None and body["attendees_visible"] is False and body["can_manage"] is False
    assert body["going_count"] == 1 and body["safety_guidance"] is None and body["description"] is None
    assert "vic" not in response.content.decode()
    assert_error(api().get(f"{MEETUPS}/{meetup.id}/attendees"), 403, "forbidden")


def test_the_host_sees_who_is_going_with_first_timers(hana, vic, library, api):
    meetup = make_meetup(hana, venue=library)
    committed(do_rsvp, vic, meetup.id, "going", safety_read=True, first_timer=True)

    body = api(hana).get(f"{MEETUPS}/{meetup.id}").json()

    assert [(a["member"]["handle"], a["first_timer"]) for a in body["attendees"]] == [("vic", True)]


def test_a_new_member_is_shown_the_safety_guidance(hana, vic, library, api):
    meetup = make_meetup(hana, venue=library)
    guidance = api(vic).get(f"{MEETUPS}/{meetup.id}").json()["safety_guidance"]
    assert "public place" in guidance

    committed(do_rsvp, vic, meetup.id, "maybe", safety_read=True)
    assert api(vic).get(f"{MEETUPS}/{meetup.id}").json()["safety_guidance"] is None


@pytest.fixture
def private_meetup(hana, library):
    """A meetup for the members of a private group (Hana owns it, Meg is in it)."""
    meg = make_member("meg", place="Ipswich")
    group = make_group(hana, "Ipswich Dads", privacy="private", members=(meg,))
    meetup = make_meetup(hana, "Dads walk secret", venue=library, group_id=group.id)
    committed(do_rsvp, meg, meetup.id, "going", safety_read=True)
    committed(do_comment_on_meetup, meg, meetup.id, body="See you there")
    return meetup


def test_a_private_groups_meetup_is_a_404_to_outsiders_everywhere(private_meetup, vic, api):
    path = f"{MEETUPS}/{private_meetup.id}"
    comment = MeetupComment.objects.get()
    for client in (api(), api(vic)):
        for url in (path, f"{path}/comments", f"{path}/attendees"):
            assert_error(client.get(url), 404, "not_found")
        for query in ("", "?q=secret", "?q=dads", "?near=none&q=walk"):
            assert client.get(f"{MEETUPS}{query}").json()["items"] == []
        assert client.get(f"/api/v1/venues/{private_meetup.venue_id}").json()["upcoming"] == []
    outsider = api(vic)
    for method, url, body in (("put", f"{path}/rsvp", {"status": "going", "safety_read": True}),
                              ("delete", f"{path}/rsvp", None), ("post", f"{path}/comments", {"body": "Hi"}),
                              ("get", f"{path}/messages", None), ("post", f"{path}/messages", {"body": "Hi"}),
                              ("get", f"{path}/waitlist", None), ("patch", path, {"title": "Mine now"}),
                              ("post", f"{path}/cancel", {}), ("post", f"{path}/people/{vic.id}",
                                                               {"decision": "approve"}),
                              ("delete", f"/api/v1/meetups/comments/{comment.id}", None)):
        response = send(outsider, method, url, body) if body is not None else getattr(outsider, method)(url)
        assert_error(response, 404, "not_found")
    private_meetup.refresh_from_db()
    assert (private_meetup.title, private_meetup.going_count, private_meetup.is_cancelled) == (
        "Dads walk secret", 1, False)
    assert MeetupComment.objects.filter(deleted_at=None).count() == 1


def test_a_private_groups_members_find_its_meetup(private_meetup, api):
    meg = private_meetup.rsvps.get().member
    assert [i["id"] for i in api(meg).get(f"{MEETUPS}?q=secret").json()["items"]] == [private_meetup.id]
    body = api(meg).get(f"{MEETUPS}/{private_meetup.id}").json()
    assert body["group"]["name"] == "Ipswich Dads" and body["audience"] == "group"
    assert [a["member"]["handle"] for a in body["attendees"]] == ["meg"]


def test_a_hosts_meetups_vanish_for_someone_they_blocked(hana, vic, library, api):
    meetup = make_meetup(hana, venue=library)
    committed(do_block, hana, vic)
    assert_error(api(vic).get(f"{MEETUPS}/{meetup.id}"), 404, "not_found")
    assert api(vic).get(MEETUPS).json()["items"] == []


# --- changing and cancelling ---------------------------------------------------------------

def test_the_host_changes_a_meetup_and_null_clears_what_may_be_cleared(hana, library, api):
    meetup = make_meetup(hana, venue=library, capacity=10, cost="£2")
    response = send(api(hana), "patch", f"{MEETUPS}/{meetup.id}", {
        "title": "Coffee, cake and a walk", "capacity": None, "cost": None,
        "starts_at": local(days=5, hour=9).isoformat(), "ends_at": local(days=5, hour=10).isoformat()})

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["title"], body["capacity"], body["cost"]) == ("Coffee, cake and a walk", None, "")
    assert datetime.fromisoformat(body["starts_at"]) == local(days=5, hour=9).replace(tzinfo=LONDON)


def test_whole_series_changes_every_upcoming_session(hana, library, api):
    first = make_meetup(hana, "Baby yoga", venue=library, repeat_every_weeks=2, sessions=3)
    send(api(hana), "patch", f"{MEETUPS}/{first.id}", {"title": "Baby yoga (bring a mat)", "whole_series": True})
    assert set(Meetup.objects.values_list("title", flat=True)) == {"Baby yoga (bring a mat)"}


@pytest.mark.parametrize("changes, status, field", [
    ({"capacity": 0}, 400, "capacity"),
    ({"ends_at": local(days=3, hour=1).isoformat(), "starts_at": local(days=3, hour=2).isoformat()}, 400, "ends_at"),
    ({"venue_id": 987654}, 400, "venue_id"),
    ({"title": ""}, 400, "title"),
    ({"audience": "followers"}, 422, "audience"),
    ({"whole_series": "yes"}, 422, "whole_series"),
])
def test_a_bad_change_is_a_field_error_and_changes_nothing(changes, status, field, hana, library, api):
    meetup = make_meetup(hana, venue=library, capacity=10)
    assert_error(send(api(hana), "patch", f"{MEETUPS}/{meetup.id}", changes), status, "invalid", field)
    meetup.refresh_from_db()
    assert (meetup.title, meetup.capacity) == ("Coffee and a walk", 10)


def test_only_the_hosts_change_or_cancel_a_meetup(hana, vic, library, api):
    meetup = make_meetup(hana, venue=library)
    assert_error(send(api(vic), "patch", f"{MEETUPS}/{meetup.id}", {"title": "Mine"}), 403, "forbidden")
    assert_error(send(api(vic), "post", f"{MEETUPS}/{meetup.id}/cancel", {}), 403, "forbidden")
    assert_error(send(api(), "patch", f"{MEETUPS}/{meetup.id}", {"title": "Mine"}), 401, "unauthenticated")
    meetup.refresh_from_db()
    assert meetup.title == "Coffee and a walk" and not meetup.is_cancelled


def test_cancelling_keeps_the_page_with_its_reason_and_leaves_the_list(hana, vic, library, api):
    meetup = make_meetup(hana, venue=library)
    body = send(api(hana), "post", f"{MEETUPS}/{meetup.id}/cancel", {"reason": "Venue flooded"}).json()

    assert body["cancelled"] is True and body["cancel_reason"] == "Venue flooded"
    assert api(vic).get(MEETUPS).json()["items"] == []
    assert api(vic).get(f"{MEETUPS}/{meetup.id}").json()["cancelled"] is True
    assert_error(send(api(hana), "patch", f"{MEETUPS}/{meetup.id}", {"title": "Back on"}), 400, "invalid")


# --- mine ----------------------------------------------------------------------------------

def test_my_meetups_are_the_ones_i_host_or_answered_and_past_ones_apart(hana, vic, library, api):
    hosting = make_meetup(vic, "Vic's coffee", venue=library, in_days=2)
    going = make_meetup(hana, "Hana's walk", venue=library, in_days=1)
    make_meetup(hana, "Not for Vic", venue=library)
    over = make_meetup(hana, "Last week's", venue=library, in_days=1)
    committed(do_rsvp, vic, going.id, "going", safety_read=True)
    committed(do_rsvp, vic, over.id, "going")
    Meetup.objects.filter(id=over.id).update(starts_at=timezone.now() - timedelta(days=7),
                                             ends_at=timezone.now() - timedelta(days=7, hours=-1))

    upcoming = api(vic).get(f"{MEETUPS}/mine").json()["items"]
    past = api(vic).get(f"{MEETUPS}/mine?past=true").json()["items"]

    assert [(i["id"], (i["my_rsvp"] or {}).get("status")) for i in upcoming] == [(going.id, "going"),
                                                                                  (hosting.id, None)]
    assert [i["id"] for i in past] == [over.id]
    assert_error(api().get(f"{MEETUPS}/mine"), 401, "unauthenticated")


# --- comments ------------------------------------------------------------------------------

def test_comments_are_read_by_whoever_sees_the_meetup_and_written_by_members(hana, vic, library, api):
    meetup = make_meetup(hana, venue=library)
    posted = send(api(vic), "post", f"{MEETUPS}/{meetup.id}/comments", {"body": "Is there *parking*?"})
    assert posted.status_code == 201, posted.content
    assert posted.json()["body_html"] == "<p>Is there <em>parking</em>?</p>\n" and posted.json()["can_delete"]

    listed = api().get(f"{MEETUPS}/{meetup.id}/comments").json()
    assert [(c["author"]["handle"], c["body"], c["can_delete"]) for c in listed["items"]] == [("vic", None, False)]
    assert api(hana).get(f"{MEETUPS}/{meetup.id}/comments").json()["items"][0]["can_delete"] is True
    assert api(vic).get(f"{MEETUPS}/{meetup.id}").json()["comment_count"] == 1
    assert_error(send(api(), "post", f"{MEETUPS}/{meetup.id}/comments", {"body": "Hi"}), 401, "unauthenticated")
    assert_error(send(api(vic), "post", f"{MEETUPS}/{meetup.id}/comments", {"body": "  "}), 400, "invalid", "body")


def test_authors_and_hosts_delete_comments_and_nobody_else(hana, vic, library, api):
    meetup = make_meetup(hana, venue=library)
    first = committed(do_comment_on_meetup, vic, meetup.id, body="Is there parking?")
    second = committed(do_comment_on_meetup, vic, meetup.id, body="Found it")
    other = make_member("otto")

    assert_error(api(other).delete(f"{MEETUPS}/comments/{first.id}"), 403, "forbidden")
    assert api(vic).delete(f"{MEETUPS}/comments/{first.id}").status_code == 204
    assert api(hana).delete(f"{MEETUPS}/comments/{second.id}").status_code == 204
    assert_error(api(vic).delete(f"{MEETUPS}/comments/{first.id}"), 404, "not_found")
    assert api().get(f"{MEETUPS}/{meetup.id}/comments").json()["items"] == []
