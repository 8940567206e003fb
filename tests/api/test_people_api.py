"""GET /api/v1/people/{handle}: someone's profile as the viewer may see it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from kettle.accounts import actions
from kettle.social.actions import do_follow
from tests.factories import make_member, months_ago


def people(client, handle: str = "bea"):
    return client.get(f"/api/v1/people/{handle}")


@pytest.fixture
def bea(db):
    today = timezone.localdate()
    return make_member("bea", place="Kesgrave", pronouns="she/her", role="mum", bio="Tea **lover**",
                       interests=["slings"], children_visibility="everyone",
                       children=[{"due_date": today + timedelta(days=40)}, months_ago(today, 30)])


def test_a_person_has_a_fixed_shape_with_nothing_private(bea, member, api_for):
    response = people(api_for(member))
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"id", "handle", "url", "display_name", "pronouns", "bio_html", "role", "avatar_url",
                         "interests", "place_name", "distance_band", "children"}
    assert (body["id"], body["handle"], body["url"], body["display_name"]) == (bea.id, "bea", "/@bea", "Bea")
    assert (body["pronouns"], body["role"], body["interests"]) == ("she/her", "mum", ["slings"])
    assert body["bio_html"] == "<p>Tea <strong>lover</strong></p>\n"
    assert body["place_name"] == "Kesgrave"
    assert body["distance_band"] == "5-15 km"  # amara is in Ipswich
    assert body["children"] == [
        {"stage": "expecting", "stage_words": f"expecting, due {bea.children.first().due_date:%B %Y}"},
        {"stage": "toddler", "stage_words": "toddler, 2 years"},
    ]
    text = response.content.decode()
    for private in ("bea@example.test", "due_date", "birth_year", "birth_month", "weeks_early", "loss",
                    "h3", "latitude", "discoverable", "is_public", "children_visibility"):
        assert private not in text


def test_children_in_the_api_carry_no_dates_or_ids(bea, member, api_for):
    for child in people(api_for(member)).json()["children"]:
        assert set(child) == {"stage", "stage_words"}


def test_handles_are_case_insensitive(bea, member, api_for):
    assert people(api_for(member), "BeA").json()["handle"] == "bea"


def test_an_unknown_handle_is_not_found_in_the_error_shape(member, api_for):
    response = people(api_for(member), "nobody")
    assert response.status_code == 404
    assert response.json() == {"error": "not_found", "message": "Not found.", "fields": {}}


def test_a_logged_out_visitor_gets_404_for_a_private_profile_and_no_children_on_a_public_one(bea, client):
    assert people(client).status_code == 404
    actions.do_update_profile(bea, is_public=True)
    body = people(client).json()
    assert body["handle"] == "bea" and body["children"] == [] and body["distance_band"] is None


def test_a_member_without_a_place_has_no_place_or_band(db, member, api_for):
    make_member("nomad")
    body = people(api_for(member), "nomad").json()
    assert body["place_name"] is None and body["distance_band"] is None


def test_a_viewer_without_a_place_sees_no_band(bea, api_for):
    viewer = make_member("drifter")
    body = people(api_for(viewer)).json()
    assert body["place_name"] == "Kesgrave" and body["distance_band"] is None


def test_followed_visibility_follows_who_the_member_follows_back(bea, member, api_for):
    actions.do_update_profile(bea, children_visibility="followed")
    do_follow(member, bea)
    assert people(api_for(member)).json()["children"] == []
    do_follow(bea, member)
    assert len(people(api_for(member)).json()["children"]) == 2


def test_a_recorded_loss_is_never_shown_to_others(bea, member, api_for):
    expected = bea.children.filter(due_date__isnull=False).get()
    actions.do_record_loss(bea, expected.id)
    assert [c["stage"] for c in people(api_for(member)).json()["children"]] == ["toddler"]
    assert [c["stage"] for c in people(api_for(bea)).json()["children"]] == ["toddler"]
    mine = api_for(bea).get("/api/v1/me").json()["children"]
    assert [(c["id"], c["loss_recorded"]) for c in mine if c["loss_recorded"]] == [(expected.id, True)]


def test_a_corrected_age_is_shown_to_others_as_the_parent_sees_it(db, member, api_for):
    make_member("pre", children_visibility="everyone",
                children=[{**months_ago(timezone.localdate(), 6), "weeks_early": 10}])
    [child] = people(api_for(member), "pre").json()["children"]
    assert child["stage"] == "baby" and "corrected" in child["stage_words"]


def test_an_inactive_member_is_gone(bea, member, api_for):
    type(bea).objects.filter(id=bea.id).update(is_active=False)
    assert people(api_for(member)).status_code == 404


def test_a_revoked_token_gets_401_not_a_logged_out_view(bea, member):
    token, raw = actions.do_create_token(member, name="old")
    actions.do_revoke_token(member, token.id)
    actions.do_update_profile(bea, is_public=True)
    from django.test import Client

    response = Client(headers={"Authorization": f"Bearer {raw}"}).get("/api/v1/people/bea")
    assert response.status_code == 401


@pytest.mark.parametrize("n", [1, 10])
def test_person_query_count_stays_flat_as_children_and_interests_grow(db, member, api_for, n,
                                                                      django_assert_max_num_queries):
    today = timezone.localdate()
    make_member("busy", place="Woodbridge", children_visibility="everyone",
                interests=[f"interest {i}" for i in range(n)], children=[months_ago(today, i * 5) for i in range(n)])
    client = api_for(member)
    with django_assert_max_num_queries(5):
        assert len(people(client, "busy").json()["children"]) == n
