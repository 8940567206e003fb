"""GET and PATCH /api/v1/me: the member's own profile, children, place and privacy."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from kettle.accounts import actions
from tests.factories import make_member, months_ago, suffolk_place

ME = "/api/v1/me"


def patch(client, body, raw: str | None = None):
    data = raw if raw is not None else json.dumps(body, default=str)
    return client.patch(ME, data=data, content_type="application/json")


@pytest.fixture
def parent(db):
    return make_member("amara", place="Ipswich", pronouns="she/her", bio="Hello *there*", role="mum",
                       interests=["slings", "running"], children=[months_ago(timezone.localdate(), 4)])


def test_get_me_has_a_fixed_shape(parent, api_for):
    response = api_for(parent).get(ME)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"id", "handle", "url", "email", "email_confirmed", "display_name", "pronouns", "bio",
                         "bio_html", "role", "avatar_url", "interests", "place", "children", "privacy"}
    assert (body["id"], body["handle"], body["url"], body["email"]) == (
        parent.id, "amara", "/@amara", "amara@example.test")
    assert body["bio_html"] == "<p>Hello <em>there</em></p>\n"
    assert sorted(body["interests"]) == ["running", "slings"]
    assert body["place"] == {"id": 2646057, "name": "Ipswich", "region": "England", "country": "United Kingdom",
                             "label": "Ipswich, England, United Kingdom"}
    assert body["privacy"] == {"children_visibility": "nobody", "discoverable": False, "is_public": False,
                               "is_locked": False}
    [child] = body["children"]
    assert set(child) == {"id", "due_date", "birth_year", "birth_month", "weeks_early", "stage", "stage_words",
                          "loss_recorded"}
    assert (child["stage"], child["stage_words"], child["loss_recorded"]) == ("baby", "4 months", False)


def test_me_needs_credentials(db, client):
    for response in (client.get(ME), patch(client, {"display_name": "x"})):
        assert response.status_code == 401
        assert response.json()["error"] == "unauthenticated"


def test_a_browser_session_patch_needs_the_csrf_token(parent, client_for):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(parent, backend="kettle.accounts.auth.MemberBackend")
    assert client.get(ME).status_code == 200
    assert patch(client, {"display_name": "Sneaky"}).status_code in (401, 403)
    parent.profile.refresh_from_db()
    assert parent.profile.display_name == "Amara"


def test_a_good_patch_updates_every_kind_of_field(parent, api_for):
    kesgrave = suffolk_place("Kesgrave")
    due = timezone.localdate() + timedelta(days=150)
    response = patch(api_for(parent), {
        "display_name": "Amara O", "pronouns": "", "bio": "**Hi**", "role": "parent", "interests": ["Baby Massage"],
        "place_id": kesgrave.id, "privacy": {"children_visibility": "followed", "discoverable": True},
        "children": [{"due_date": due}]})
    assert response.status_code == 200
    body = response.json()
    assert (body["display_name"], body["pronouns"], body["bio_html"], body["role"]) == (
        "Amara O", "", "<p><strong>Hi</strong></p>\n", "parent")
    assert body["interests"] == ["baby massage"]
    assert body["place"]["name"] == "Kesgrave"
    assert body["privacy"] == {"children_visibility": "followed", "discoverable": True, "is_public": False,
                               "is_locked": False}
    assert [c["stage_words"] for c in body["children"]] == ["4 months", f"expecting, due {due:%B %Y}"]
    assert api_for(parent).get(ME).json() == body


def test_a_patch_changes_only_what_it_sends(parent, api_for):
    before = api_for(parent).get(ME).json()
    after = patch(api_for(parent), {"pronouns": "they/them"}).json()
    assert after == {**before, "pronouns": "they/them"}


def test_null_place_clears_it_and_null_role_empties_it(parent, api_for):
    body = patch(api_for(parent), {"place_id": None, "role": None}).json()
    assert body["place"] is None and body["role"] == ""
    parent.profile.refresh_from_db()
    assert parent.profile.h3_cell == ""


DUE_IN_THREE_YEARS = (timezone.localdate() + timedelta(days=3 * 365)).isoformat()


@pytest.mark.parametrize("body, status, field", [
    ({"place_id": 999_999_999}, 400, "place_id"),
    ({"place_id": "Ipswich"}, 422, "place_id"),
    ({"children": [{"due_date": DUE_IN_THREE_YEARS}]}, 400, "children.0.due_date"),
    ({"children": [{"due_date": "2026-02-30"}]}, 422, "children.0.due_date"),
    ({"children": "x"}, 422, "children"),
    ({"children": [{"birth_year": "2024", "birth_month": 1}]}, 422, "children.0.birth_year"),
    ({"display_name": 123}, 422, "display_name"),
    ({"display_name": "   "}, 400, "display_name"),
    ({"display_name": "x" * 61}, 422, "display_name"),
    ({"privacy": {"discoverable": "yes"}}, 422, "privacy.discoverable"),
    ({"privacy": {"is_public": 1}}, 422, "privacy.is_public"),
    ({"privacy": {"children_visibility": "friends"}}, 422, "privacy.children_visibility"),
    ({"discoverable": "yes"}, 422, "discoverable"),
    ({"is_public": True}, 422, "is_public"),
    ({"role": "astronaut"}, 422, "role"),
    ({"interests": "slings"}, 422, "interests"),
    ({"interests": [f"i{n}" for n in range(21)]}, 422, "interests"),
    ({"bio": "b" * 2001}, 422, "bio"),
    ({"children": [{"id": 1, "remove": "yes"}]}, 422, "children.0.remove"),
])
def test_a_bad_patch_answers_field_errors_and_changes_nothing(parent, api_for, body, status, field):
    client = api_for(parent)
    before = client.get(ME).json()
    response = patch(client, {"pronouns": "changed", **body})
    assert response.status_code == status
    error = response.json()
    assert set(error) == {"error", "message", "fields"}
    assert error["error"] == "invalid" and error["message"]
    assert field in error["fields"], error["fields"]
    assert all(isinstance(m, str) and m for messages in error["fields"].values() for m in messages)
    assert client.get(ME).json() == before


def test_a_ten_megabyte_bio_is_refused_not_a_crash(parent, api_for):
    client = api_for(parent)
    before = client.get(ME).json()
    response = patch(client, {"bio": "x" * (10 * 1024 * 1024)})
    assert response.status_code == 422
    assert "bio" in response.json()["fields"]
    too_big = patch(client, {"bio": "x" * (13 * 1024 * 1024)})  # past the upload limit: refused unread
    assert 400 <= too_big.status_code < 500
    assert client.get(ME).json() == before


@pytest.mark.parametrize("raw", ["{not json", "[]", '"bio"', "null", ""])
def test_a_body_that_is_not_a_json_object_is_a_4xx(parent, api_for, raw):
    client = api_for(parent)
    before = client.get(ME).json()
    response = patch(client, None, raw=raw)
    assert 400 <= response.status_code < 500
    assert response.json()["error"]
    assert client.get(ME).json() == before


def test_place_changes_through_the_api_are_rate_limited(parent, api_for):
    client = api_for(parent)
    for name in ("Kesgrave", "Woodbridge", "Felixstowe"):
        assert patch(client, {"place_id": suffolk_place(name).id}).status_code == 200
    response = patch(client, {"place_id": suffolk_place("Lowestoft").id, "pronouns": "x"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response.json()["error"] == "rate_limited"
    body = client.get(ME).json()
    assert body["place"]["name"] == "Felixstowe" and body["pronouns"] == "she/her"


def test_setting_a_first_place_does_not_use_up_the_allowance(db, api_for):
    newcomer = make_member("nia")
    client = api_for(newcomer)
    for name in ("Ipswich", "Kesgrave", "Woodbridge", "Felixstowe"):
        assert patch(client, {"place_id": suffolk_place(name).id}).status_code == 200


def add_children_and_interests(member, n: int) -> None:
    today = timezone.localdate()
    actions.do_update_profile(member, interests=[f"interest {i}" for i in range(n)],
                              children=[months_ago(today, i * 5) for i in range(n)],
                              children_visibility="everyone")


@pytest.mark.parametrize("n", [1, 10])
def test_get_me_query_count_stays_flat_as_children_and_interests_grow(db, api_for, n,
                                                                        django_assert_max_num_queries):
    member = make_member("flat", place="Kesgrave")
    add_children_and_interests(member, n)
    client = api_for(member)
    with django_assert_max_num_queries(5):
        assert len(client.get(ME).json()["children"]) == n


@pytest.mark.parametrize("n", [1, 10])
def test_profile_page_query_count_stays_flat_as_children_and_interests_grow(db, client_for, n,
                                                                              django_assert_max_num_queries):
    member = make_member("flat", place="Kesgrave")
    add_children_and_interests(member, n)
    viewer = make_member("viewer", place="Ipswich")
    for who in (member, viewer):
        client = client_for(who)
        with django_assert_max_num_queries(9):
            assert client.get("/@flat").status_code == 200


@pytest.mark.parametrize("payload", [{"display_name": "Bea\u0000"}, {"bio": "night\u0000feeds"},
                                     {"interests": ["sl\u0000ings"]}])
def test_text_with_a_nul_character_is_refused_before_it_reaches_the_database(payload, member, api_for):
    before = api_for(member).get("/api/v1/me").json()
    response = api_for(member).patch("/api/v1/me", payload, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["error"] == "invalid"
    assert api_for(member).get("/api/v1/me").json() == before
