"""Venues through the API: public places only (never a home, never a bare house address), found
by name or town by anyone, corrected by whoever added them, merged by staff; a venue's page
lists only the upcoming meetups the viewer may see."""

from __future__ import annotations

import pytest

from kettle.meetups.models import Meetup, Venue
from tests.factories import make_group, make_meetup, make_member, make_venue, suffolk_place
from tests.helpers import assert_error, send

VENUES = "/api/v1/venues"
VENUE_KEYS = {"id", "url", "name", "kind", "address", "place", "facilities", "place_id", "time_zone", "notes",
              "pram_access", "baby_changing", "breastfeeding_friendly", "step_free", "parking", "organisation",
              "can_edit", "upcoming"}


@pytest.fixture
def ipswich(db):
    return suffolk_place("Ipswich")


def test_a_member_adds_a_public_venue_with_its_facilities(hana, ipswich, api):
    response = send(api(hana), "post", VENUES, {
        "name": "Christchurch Mansion Cafe", "place_id": ipswich.id, "kind": "cafe", "address": "Soane Street",
        "pram_access": True, "baby_changing": True, "notes": "Buggy park by the door"})

    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == VENUE_KEYS
    venue = Venue.objects.get()
    assert (body["id"], body["name"], body["place"], body["place_id"]) == (venue.id, venue.name, "Ipswich",
                                                                           ipswich.id)
    assert body["facilities"] == ["Pram access", "Baby changing"] and body["pram_access"] is True
    assert body["parking"] is False and body["can_edit"] is True and body["upcoming"] == []
    assert body["time_zone"] == "Europe/London" and body["url"] == f"/venues/{venue.id}"


@pytest.mark.parametrize("sent, status, field", [
    ({"name": ""}, 400, "name"),
    ({"name": "   "}, 400, "name"),
    ({"name": "12 Acacia Avenue"}, 400, "name"),
    ({"name": "Flat 3, 41 Norwich Road"}, 400, "name"),
    ({"name": "Home"}, 400, "name"),
    ({"name": "My house"}, 400, "name"),
    ({"name": "Library", "address": "at mine"}, 400, "address"),
    ({"name": "Ipswich Library", "place_id": 987654}, 400, "place_id"),
    ({"name": "Ipswich Library", "kind": "house"}, 422, "kind"),
    ({"name": "Ipswich Library", "postcode": "IP1 1AA"}, 422, "postcode"),
    ({"name": "Ipswich Library", "parking": "yes"}, 422, "parking"),
    ({"place_id": None}, 422, "place_id"),
])
def test_a_home_or_bad_venue_is_a_field_error_and_adds_nothing(sent, status, field, hana, ipswich, api):
    body = {"name": "Ipswich Library", "place_id": ipswich.id, "kind": "library", **sent}
    if body.get("place_id") is None:
        del body["place_id"]

    assert_error(send(api(hana), "post", VENUES, body), status, "invalid", field)
    assert not Venue.objects.exists()


def test_a_venue_already_listed_in_the_town_is_pointed_to(hana, ipswich, api):
    make_venue(hana, "Ipswich Library")
    response = send(api(hana), "post", VENUES, {"name": "ipswich library", "place_id": ipswich.id})
    assert_error(response, 400, "invalid", "name")
    assert "already on Kettle" in response.json()["fields"]["name"][0]
    assert Venue.objects.count() == 1


def test_adding_a_venue_needs_a_member(ipswich, api):
    assert_error(send(api(), "post", VENUES, {"name": "Ipswich Library", "place_id": ipswich.id}), 401,
                 "unauthenticated")


def test_anyone_finds_venues_by_name_or_town(hana, api):
    library = make_venue(hana, "Ipswich Library")
    cafe = make_venue(hana, "Kesgrave Kitchen Cafe", place="Kesgrave", kind="cafe", address="Main Road")
    client = api()

    assert [v["id"] for v in client.get(VENUES).json()["items"]] == [cafe.id, library.id]
    assert [v["id"] for v in client.get(f"{VENUES}?q=kitchen").json()["items"]] == [cafe.id]
    assert [v["id"] for v in client.get(f"{VENUES}?place={suffolk_place('Ipswich').id}").json()["items"]] == [
        library.id]
    first = client.get(f"{VENUES}?limit=1").json()
    assert [v["id"] for v in client.get(f"{VENUES}?before={first['next_before']}").json()["items"]] == [library.id]
    assert [v["id"] for v in client.get(f"{VENUES}?q=kit%00chen").json()["items"]] == [cafe.id]  # NUL ignored


def test_a_venues_page_lists_only_the_upcoming_meetups_you_may_see(hana, api):
    library = make_venue(hana, "Ipswich Library")
    meg, nia = make_member("meg"), make_member("nia")
    group = make_group(hana, "Ipswich Dads", privacy="private", members=(meg,))
    open_one = make_meetup(hana, "Rhyme time", venue=library, in_days=2)
    members_only = make_meetup(hana, "Dads' walk", venue=library, in_days=1, group_id=group.id)
    cancelled = make_meetup(hana, "Cancelled one", venue=library)
    Meetup.objects.filter(id=cancelled.id).update(cancelled_at=cancelled.created_at)

    def upcoming(client) -> list[int]:
        return [m["id"] for m in client.get(f"{VENUES}/{library.id}").json()["upcoming"]]

    assert upcoming(api()) == [open_one.id] and upcoming(api(nia)) == [open_one.id]
    assert upcoming(api(meg)) == [members_only.id, open_one.id]
    assert api(nia).get(f"{VENUES}/{library.id}").json()["can_edit"] is False
    assert_error(api().get(f"{VENUES}/987654"), 404, "not_found")


def test_whoever_added_a_venue_corrects_it_and_others_cant(hana, api):
    venue = make_venue(hana, "Ipswich Library", notes="Ring the bell")
    changed = send(api(hana), "patch", f"{VENUES}/{venue.id}", {"name": "Ipswich County Library", "notes": None,
                                                                "step_free": True})
    assert changed.status_code == 200, changed.content
    body = changed.json()
    assert (body["name"], body["notes"], body["step_free"], body["address"]) == (
        "Ipswich County Library", "", True, "Northgate Street")

    assert_error(send(api(make_member("nia")), "patch", f"{VENUES}/{venue.id}", {"name": "Mine"}), 403, "forbidden")
    assert_error(send(api(), "patch", f"{VENUES}/{venue.id}", {"name": "Mine"}), 401, "unauthenticated")
    assert_error(send(api(hana), "patch", f"{VENUES}/{venue.id}", {"name": "Our house"}), 400, "invalid", "name")
    assert_error(send(api(hana), "patch", f"{VENUES}/987654", {"name": "Elsewhere"}), 404, "not_found")
    venue.refresh_from_db()
    assert venue.name == "Ipswich County Library"


def test_staff_merge_a_duplicate_and_its_meetups_move_across(hana, api):
    staff = make_member("sam", staff=True)
    keep = make_venue(hana, "Ipswich Library")
    duplicate = make_venue(hana, "Ipswich Town Library", pram_access=True)
    meetup = make_meetup(hana, venue=duplicate)

    assert_error(send(api(hana), "post", f"{VENUES}/{duplicate.id}/merge", {"into": keep.id}), 403, "forbidden")
    assert_error(send(api(staff), "post", f"{VENUES}/{duplicate.id}/merge", {"into": duplicate.id}), 400, "invalid",
                 "into")
    merged = send(api(staff), "post", f"{VENUES}/{duplicate.id}/merge", {"into": keep.id})

    assert merged.status_code == 200, merged.content
    assert merged.json()["id"] == keep.id and merged.json()["pram_access"] is True
    assert [m["id"] for m in merged.json()["upcoming"]] == [meetup.id]
    assert_error(api().get(f"{VENUES}/{duplicate.id}"), 404, "not_found")
    assert [v["id"] for v in api().get(VENUES).json()["items"]] == [keep.id]
