"""Follows (and requests to follow a locked profile), follower lists that respect privacy,
blocks and mutes, through the API."""

from __future__ import annotations

import pytest

from kettle.social import actions
from kettle.social.models import Block, Follow, FollowRequest, Mute
from tests.factories import make_member
from tests.helpers import committed, send

PEOPLE = "/api/v1/people"


def handles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [person["handle"] for person in response.json()["items"]]


@pytest.fixture
def amara(db):
    return make_member("amara", display_name="Amara", is_public=True)


# --- following ---------------------------------------------------------------------------------

def test_following_and_unfollowing(amara, bea, api):
    client = api(amara)
    assert client.get(f"{PEOPLE}/bea/follow").json() == {"state": "none"}
    assert client.post(f"{PEOPLE}/bea/follow").json() == {"state": "following"}
    assert client.post(f"{PEOPLE}/@BEA/follow").json() == {"state": "following"}
    assert Follow.objects.filter(follower=amara, followee=bea).count() == 1
    assert client.get(f"{PEOPLE}/bea/follow").json() == {"state": "following"}

    assert client.delete(f"{PEOPLE}/bea/follow").json() == {"state": "none"}
    assert not Follow.objects.exists()


def test_following_backfills_recent_posts_into_home(amara, bea, api):
    earlier = committed(actions.do_create_post, bea, body="Before you followed").id
    client = api(amara)
    client.post(f"{PEOPLE}/bea/follow")
    assert [p["id"] for p in client.get("/api/v1/timelines/home").json()["items"]] == [earlier]


def test_a_locked_profile_approves_followers(amara, api):
    locked = make_member("lou", is_locked=True)
    as_amara, as_lou = api(amara), api(locked)

    assert as_amara.post(f"{PEOPLE}/lou/follow").json() == {"state": "requested"}
    assert as_amara.get(f"{PEOPLE}/lou/follow").json() == {"state": "requested"}
    assert not Follow.objects.exists()

    requests = as_lou.get("/api/v1/me/follow-requests").json()
    assert [(r["member"]["handle"], set(r)) for r in requests["items"]] == [("amara", {"id", "member", "created_at"})]
    assert as_lou.post("/api/v1/me/follow-requests/amara/approve").status_code == 204
    assert as_amara.get(f"{PEOPLE}/lou/follow").json() == {"state": "following"}
    assert as_lou.get("/api/v1/me/follow-requests").json() == {"items": [], "next_before": None}
    assert as_lou.post("/api/v1/me/follow-requests/amara/approve").status_code == 404


def test_declining_and_withdrawing_a_follow_request(amara, api):
    lou_client = api(make_member("lou", is_locked=True))
    dee = make_member("dee")
    api(dee).post(f"{PEOPLE}/lou/follow")
    api(amara).post(f"{PEOPLE}/lou/follow")

    assert lou_client.post("/api/v1/me/follow-requests/dee/decline").status_code == 204
    assert api(amara).delete(f"{PEOPLE}/lou/follow").json() == {"state": "none"}
    assert not FollowRequest.objects.exists() and not Follow.objects.exists()
    assert lou_client.post("/api/v1/me/follow-requests/dee/decline").status_code == 404


def test_following_yourself_or_nobody_is_refused(amara, api):
    response = api(amara).post(f"{PEOPLE}/amara/follow")
    assert response.status_code == 400 and response.json()["error"] == "invalid"
    assert api(amara).post(f"{PEOPLE}/nobody/follow").status_code == 404
    assert not Follow.objects.exists()


def test_following_needs_an_account(bea, api):
    assert api().post(f"{PEOPLE}/bea/follow").status_code == 401


def test_removing_a_follower(amara, bea, api):
    committed(actions.do_follow, amara, bea)
    assert api(bea).delete("/api/v1/me/followers/amara").status_code == 204
    assert not Follow.objects.exists()


# --- follower lists ----------------------------------------------------------------------------

def test_follower_lists_page_by_follow_id_without_overlap(bea, api):
    fans = [make_member(f"fan{n}", is_public=True) for n in range(7)]
    for fan in fans:
        committed(actions.do_follow, fan, bea)
    client = api()
    seen, before = [], None
    while True:
        body = client.get(f"{PEOPLE}/bea/followers", {"limit": 3, **({"before": before} if before else {})}).json()
        seen += [person["handle"] for person in body["items"]]
        before = body["next_before"]
        if before is None:
            break
    assert seen == [fan.handle for fan in reversed(fans)]

    following = api().get(f"{PEOPLE}/fan0/following").json()
    assert [p["handle"] for p in following["items"]] == ["bea"]
    assert set(following["items"][0]) == {"id", "handle", "display_name", "url", "avatar_url"}


def test_follower_lists_leave_out_people_the_viewer_may_not_see(amara, bea, api):
    shy = make_member("shy", is_public=False)
    blocker = make_member("bob", is_public=True)
    for member in (amara, shy, blocker):
        committed(actions.do_follow, member, bea)
    viewer = make_member("vic")
    committed(actions.do_block, blocker, viewer)

    assert handles(api().get(f"{PEOPLE}/bea/followers")) == ["bob", "amara"]
    assert handles(api(viewer).get(f"{PEOPLE}/bea/followers")) == ["shy", "amara"]
    assert handles(api(bea).get(f"{PEOPLE}/bea/followers")) == ["bob", "shy", "amara"]


def test_a_locked_profiles_lists_are_for_its_followers_only(amara, api):
    lou = make_member("lou", is_locked=True, is_public=True)
    committed(actions.do_follow, amara, lou)
    committed(actions.do_approve_follow_request, lou, amara.id)

    assert handles(api(lou).get(f"{PEOPLE}/lou/followers")) == ["amara"]
    assert handles(api(amara).get(f"{PEOPLE}/lou/followers")) == ["amara"]
    for outsider in (api(), api(make_member("sam"))):
        assert outsider.get(f"{PEOPLE}/lou/followers").status_code == 404
        assert outsider.get(f"{PEOPLE}/lou/following").status_code == 404


def test_a_private_profiles_lists_are_hidden_from_logged_out_visitors(db, api):
    make_member("shy", is_public=False)
    assert api().get(f"{PEOPLE}/shy/followers").status_code == 404


# --- blocks ------------------------------------------------------------------------------------

def test_blocking_ends_follows_both_ways_and_is_listed(amara, bea, api):
    committed(actions.do_follow, amara, bea)
    committed(actions.do_follow, bea, amara)
    client = api(amara)

    response = send(client, "post", "/api/v1/blocks", {"handle": "@Bea"})
    assert response.status_code == 201
    assert response.json()["handle"] == "bea"
    assert not Follow.objects.exists()
    assert handles(client.get("/api/v1/blocks")) == ["bea"]
    assert api(bea).get(f"{PEOPLE}/amara").status_code == 404
    assert api(bea).post(f"{PEOPLE}/amara/follow").status_code == 404

    assert client.delete("/api/v1/blocks/bea").status_code == 204
    assert not Block.objects.exists()
    assert handles(client.get("/api/v1/blocks")) == []
    assert api(bea).get(f"{PEOPLE}/amara").status_code == 200


def test_you_can_block_someone_who_blocked_you_first(amara, bea, api):
    committed(actions.do_block, bea, amara)
    assert send(api(amara), "post", "/api/v1/blocks", {"handle": "bea"}).status_code == 201
    assert Block.objects.count() == 2


@pytest.mark.parametrize("payload, status", [
    ({"handle": "amara"}, 400),
    ({"handle": "nobody"}, 404),
    ({"handle": ""}, 422),
    ({"handle": 3}, 422),
    ({}, 422),
    ({"handle": "bea", "forever": True}, 422),
])
def test_bad_blocks_change_nothing(amara, bea, api, payload, status):
    response = send(api(amara), "post", "/api/v1/blocks", payload)
    assert response.status_code == status
    assert set(response.json()) == {"error", "message", "fields"}
    assert not Block.objects.exists()


def test_unblocking_someone_unknown_is_a_404(amara, api):
    assert api(amara).delete("/api/v1/blocks/nobody").status_code == 404


# --- mutes -------------------------------------------------------------------------------------

def test_muting_is_one_way_and_silent(amara, bea, api):
    committed(actions.do_follow, amara, bea)
    post = committed(actions.do_create_post, bea, body="Hello").id
    client = api(amara)
    assert send(client, "post", "/api/v1/mutes", {"handle": "bea"}).status_code == 201
    assert handles(client.get("/api/v1/mutes")) == ["bea"]
    assert client.get("/api/v1/timelines/home").json()["items"] == []
    assert client.get(f"/api/v1/posts/{post}").status_code == 200  # muting hides from feeds, not from view
    assert api(bea).get(f"{PEOPLE}/amara").status_code == 200  # bea isn't told and still sees amara
    assert Follow.objects.filter(follower=amara, followee=bea).exists()

    assert client.delete("/api/v1/mutes/bea").status_code == 204
    assert not Mute.objects.exists()
    assert [p["id"] for p in client.get("/api/v1/timelines/home").json()["items"]] == [post]


@pytest.mark.parametrize("payload, status", [({"handle": "amara"}, 400), ({"handle": "nobody"}, 404), ({}, 422)])
def test_bad_mutes_change_nothing(amara, api, payload, status):
    assert send(api(amara), "post", "/api/v1/mutes", payload).status_code == status
    assert not Mute.objects.exists()


def test_relationship_lists_need_an_account(db, api):
    for path in ("/api/v1/blocks", "/api/v1/mutes", "/api/v1/me/follow-requests"):
        assert api().get(path).status_code == 401
