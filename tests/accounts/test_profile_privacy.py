"""Who sees a member's profile and children: a matrix of viewer x children_visibility x surface."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from kettle.accounts import actions
from kettle.accounts.models import Member
from kettle.social.actions import do_follow
from tests.factories import SUFFOLK, make_member, months_ago


class World:
    def __init__(self, visibility: str, *, is_public: bool = True):
        today = timezone.localdate()
        self.due = today + timedelta(days=100)
        self.bea = make_member("bea", place="Kesgrave", is_public=is_public, children_visibility=visibility,
                               children=[{"due_date": self.due}, months_ago(today, 4)])
        self.viewers = {
            "logged_out": None,
            "stranger": make_member("sam", place="Woodbridge"),
            "follower": make_member("fola", place="Ipswich"),
            "followed": make_member("finn", place="Felixstowe"),
            "self": self.bea,
            "staff": make_member("stella", staff=True),
        }
        do_follow(self.viewers["follower"], self.bea)  # fola follows bea
        do_follow(self.bea, self.viewers["followed"])  # bea follows finn

    @property
    def stage_words(self) -> list[str]:
        return [f"due {self.due:%B %Y}", "4 months"]


def get_profile(client, surface: str):
    if surface == "html":
        response = client.get("/@bea")
        return response, response.content.decode()
    response = client.get("/api/v1/people/bea")
    return response, response.content.decode()


@pytest.mark.parametrize("surface", ["html", "api"])
@pytest.mark.parametrize("viewer, visibility, sees_children", [
    ("logged_out", "everyone", False),
    ("logged_out", "followed", False),
    ("logged_out", "nobody", False),
    ("stranger", "everyone", True),
    ("stranger", "followed", False),
    ("stranger", "nobody", False),
    ("follower", "everyone", True),
    ("follower", "followed", False),  # "followed" means people bea follows back, not her followers
    ("follower", "nobody", False),
    ("followed", "everyone", True),
    ("followed", "followed", True),
    ("followed", "nobody", False),
    ("self", "everyone", True),
    ("self", "followed", True),
    ("self", "nobody", True),
    ("staff", "everyone", True),
    ("staff", "followed", False),  # staff get no peek at children
    ("staff", "nobody", False),
])
def test_who_sees_a_members_children(db, client_for, viewer, visibility, sees_children, surface):
    world = World(visibility)
    response, text = get_profile(client_for(world.viewers[viewer]), surface)
    assert response.status_code == 200
    for words in world.stage_words:
        assert (words in text) is sees_children
    if surface == "api":
        assert len(response.json()["children"]) == (2 if sees_children else 0)
    else:
        assert ("Family" in text) is sees_children


@pytest.mark.parametrize("surface", ["html", "api"])
@pytest.mark.parametrize("viewer, expected", [
    ("logged_out", 404),
    ("stranger", 200),
    ("follower", 200),
    ("followed", 200),
    ("self", 200),
    ("staff", 200),
])
def test_who_can_open_a_profile_that_is_not_public(db, client_for, viewer, expected, surface):
    world = World("everyone", is_public=False)
    response, _ = get_profile(client_for(world.viewers[viewer]), surface)
    assert response.status_code == expected
    if surface == "api" and expected == 404:
        assert response.json()["error"] == "not_found"


def test_a_deactivated_member_is_seen_by_nobody(db, client_for):
    world = World("everyone")
    Member.objects.filter(id=world.bea.id).update(is_active=False)
    stranger = client_for(world.viewers["stranger"])
    assert stranger.get("/@bea").status_code == 404
    assert stranger.get("/api/v1/people/bea").status_code == 404


def test_an_unknown_handle_is_404_on_page_and_api(member, client_for):
    assert client_for(member).get("/@nobody_here").status_code == 404
    assert client_for(member).get("/api/v1/people/nobody_here").json()["error"] == "not_found"


@pytest.mark.parametrize("surface", ["html", "api"])
def test_a_profile_shows_the_place_name_and_nothing_more_precise(db, client_for, surface):
    world = World("everyone")
    profile = world.bea.profile
    _, lat, lng, _ = SUFFOLK["Kesgrave"]
    for viewer in ("stranger", "self", "logged_out"):
        response, text = get_profile(client_for(world.viewers[viewer]), surface)
        assert "Kesgrave" in text
        for secret in (str(lat), str(lng), f"{lat:.3f}", f"{lng:.3f}", profile.h3_cell,
                       "latitude", "longitude"):
            assert secret not in text
    if surface == "api":
        body = client_for(world.viewers["stranger"]).get("/api/v1/people/bea").json()
        assert body["place_name"] == "Kesgrave"
        assert body["distance_band"] == "5-15 km"
        assert not {"place", "email", "privacy", "h3_cell"} & set(body)


def test_a_profile_page_shows_the_distance_band_but_not_to_yourself_or_logged_out(db, client_for):
    world = World("everyone")
    assert "Kesgrave · 5-15 km from you" in client_for(world.viewers["stranger"]).get("/@bea").content.decode()
    for viewer in ("self", "logged_out"):
        assert "from you" not in client_for(world.viewers[viewer]).get("/@bea").content.decode()
    assert client_for(world.bea).get("/api/v1/people/bea").json()["distance_band"] is None


def test_new_members_are_private_by_default(db):
    member = actions.do_create_member(email="new@example.test", handle="newbie", password=None)
    profile = member.profile
    assert (profile.discoverable, profile.is_public, profile.children_visibility) == (False, False, "nobody")
    signed_up = actions.do_sign_up(email="su@example.test", handle="signedup", display_name="Su",
                                   password="a kettle of fish 99")
    profile = signed_up.profile
    assert (profile.discoverable, profile.is_public, profile.children_visibility) == (False, False, "nobody")


def test_a_new_members_children_are_hidden_until_they_choose_otherwise(db, client_for):
    parent = make_member("pat", children=[months_ago(timezone.localdate(), 4)])
    stranger = make_member("sam")
    assert "4 months" not in client_for(stranger).get("/@pat").content.decode()
    assert client_for(stranger).get("/api/v1/people/pat").json()["children"] == []
    assert "4 months" in client_for(parent).get("/@pat").content.decode()


def test_the_privacy_page_changes_children_visibility(db, client_for):
    parent = make_member("pat", children=[months_ago(timezone.localdate(), 4)])
    stranger = make_member("sam")
    response = client_for(parent).post("/settings/privacy/", {"children_visibility": "everyone"})
    assert response.status_code == 302
    assert "4 months" in client_for(stranger).get("/@pat").content.decode()
    response = client_for(parent).post("/settings/privacy/", {"children_visibility": "sideways"})
    assert response.status_code == 200
    parent.profile.refresh_from_db()
    assert parent.profile.children_visibility == "everyone"


def test_a_bad_token_is_refused_even_for_a_public_profile(db, client):
    World("everyone")
    response = client.get("/api/v1/people/bea", headers={"Authorization": "Bearer kettle_nope"})
    assert response.status_code == 401
    assert json.loads(response.content)["error"] == "unauthenticated"
