"""In-app notifications through the API: what arrives, its shape, the unread count, marking
read, and that blocks, mutes and deletes take notifications away."""

from __future__ import annotations

import pytest

from kettle.notifications.models import Notification
from kettle.social import actions
from tests.factories import make_member
from tests.helpers import committed, send

NOTES = "/api/v1/notifications"
NOTE_KEYS = {"id", "kind", "text", "actor", "post", "comment_id", "reaction", "created_at", "read", "group",
             "meetup", "detail"}


# Overrides tests/api/conftest.py, whose Bea and Cal have public profiles: these tests want the
# default (private) ones that tests/conftest.py gives everywhere else. `post` is the API one's.
@pytest.fixture
def bea(db):
    return make_member("bea")


@pytest.fixture
def cal(db):
    return make_member("cal")


def test_reactions_comments_mentions_and_follows_arrive_newest_first(bea, cal, post, api):
    as_cal = api(cal)
    as_cal.post("/api/v1/people/bea/follow")
    send(as_cal, "post", f"/api/v1/posts/{post.id}/reactions", {"kind": "hug"})
    comment = send(as_cal, "post", f"/api/v1/posts/{post.id}/comments", {"body": "Well done @bea"}).json()

    body = api(bea).get(NOTES).json()
    assert set(body) == {"items", "next_before", "unread"}
    assert body["unread"] == 3 and body["next_before"] is None
    kinds = [(n["kind"], n["text"], n["read"]) for n in body["items"]]
    assert kinds == [("comment", "Cal commented on your post", False), ("reaction", "Cal sent a hug", False),
                     ("follow", "Cal followed you", False)]
    newest = body["items"][0]
    assert set(newest) == NOTE_KEYS
    assert newest["actor"] == {"id": cal.id, "handle": "cal", "display_name": "Cal", "url": "/@cal",
                               "avatar_url": ""}
    assert newest["post"] == {"id": post.id, "url": f"/@bea/posts/{post.id}"}
    assert newest["comment_id"] == comment["id"]
    assert body["items"][1]["reaction"] == "hug"
    assert body["items"][2]["post"] is None


def test_a_mention_in_a_post_notifies_only_if_the_mentioned_may_see_it(bea, cal, api):
    send(api(bea), "post", "/api/v1/posts", {"body": "Hi @cal", "audience": "followers"})
    assert api(cal).get(NOTES).json()["items"] == []
    send(api(bea), "post", "/api/v1/posts", {"body": "Hi again @cal"})
    assert [n["kind"] for n in api(cal).get(NOTES).json()["items"]] == ["mention"]


def test_marking_some_read_then_all(bea, cal, post, api):
    for kind in ("hug", "me_too", "helpful"):
        committed(actions.do_react, cal, post.id, kind)
    client = api(bea)
    items = client.get(NOTES).json()["items"]

    response = send(client, "post", f"{NOTES}/read", {"ids": [items[0]["id"]]})
    assert response.status_code == 200 and response.json() == {"marked": 1, "unread": 2}
    assert [n["read"] for n in client.get(NOTES).json()["items"]] == [True, False, False]

    assert send(client, "post", f"{NOTES}/read", {"all": True}).json() == {"marked": 2, "unread": 0}
    assert send(client, "post", f"{NOTES}/read", {"all": True}).json() == {"marked": 0, "unread": 0}


def test_you_cannot_mark_someone_elses_notifications(bea, cal, post, api):
    committed(actions.do_react, cal, post.id, "hug")
    theirs = Notification.objects.get()
    assert send(api(cal), "post", f"{NOTES}/read", {"ids": [theirs.id]}).json() == {"marked": 0, "unread": 0}
    theirs.refresh_from_db()
    assert theirs.read_at is None


@pytest.mark.parametrize("payload", [
    {}, {"ids": [1], "all": True}, {"all": False}, {"ids": "all"}, {"ids": ["one"]}, {"all": "yes"},
    {"everything": True},
])
def test_marking_read_needs_ids_or_all(bea, cal, post, api, payload):
    committed(actions.do_react, cal, post.id, "hug")
    response = send(api(bea), "post", f"{NOTES}/read", payload)
    assert response.status_code == 422
    assert set(response.json()) == {"error", "message", "fields"}
    assert Notification.objects.filter(read_at=None).count() == 1


def test_the_ids_or_all_message_is_plain(bea, api):
    response = send(api(bea), "post", f"{NOTES}/read", {})
    assert response.json()["fields"] == {"body": ['Send either "ids": [...] or "all": true.']}


def test_notifications_page_without_overlap(bea, post, api, settings):
    for n in range(5):
        committed(actions.do_react, make_member(f"fan{n}"), post.id, "hug")
    client = api(bea)
    first = client.get(NOTES, {"limit": 3}).json()
    second = client.get(NOTES, {"limit": 3, "before": first["next_before"]}).json()
    seen = [n["id"] for n in first["items"] + second["items"]]
    assert seen == sorted(Notification.objects.values_list("id", flat=True), reverse=True)
    assert second["next_before"] is None and first["unread"] == second["unread"] == 5


def test_muting_hides_their_notifications_and_deleting_a_post_removes_its_own(bea, cal, post, api):
    dee = make_member("dee")
    committed(actions.do_react, cal, post.id, "hug")
    committed(actions.do_react, dee, post.id, "hug")
    client = api(bea)
    send(client, "post", "/api/v1/mutes", {"handle": "cal"})
    assert [n["actor"]["handle"] for n in client.get(NOTES).json()["items"]] == ["dee"]
    assert client.get(NOTES).json()["unread"] == 1

    client.delete(f"/api/v1/posts/{post.id}")
    assert client.get(NOTES).json() == {"items": [], "next_before": None, "unread": 0}


def test_notifications_need_an_account(db, api):
    assert api().get(NOTES).status_code == 401
    assert send(api(), "post", f"{NOTES}/read", {"all": True}).status_code == 401
