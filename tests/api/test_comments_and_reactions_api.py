"""Comments (with replies, editing, deleting and hiding), reactions and bookmarks through the
API: who may do each, and bad input that changes nothing."""

from __future__ import annotations

import pytest

from kettle.social import actions
from kettle.social.models import Comment, Reaction
from tests.factories import make_member
from tests.helpers import assert_error, committed, send

POSTS = "/api/v1/posts"
POST_KEYS = {"id", "url", "kind", "title", "body", "body_html", "audience", "content_note", "vent_mode", "author",
             "images", "cover", "counts", "my_reactions", "bookmarked", "created_at", "edited_at",
             "anonymous", "group", "held", "pinned", "poll"}
COMMENT_KEYS = {"id", "url", "post_id", "parent_id", "author", "body", "body_html", "deleted", "hidden", "anonymous",
                "created_at", "edited_at"}


# --- comments --------------------------------------------------------------------------------

def test_commenting_and_replying(post, bea, cal, api):
    first = send(api(cal), "post", f"{POSTS}/{post.id}/comments", {"body": "Yes, *me*!"})
    assert first.status_code == 201, first.content
    comment = first.json()
    assert set(comment) == COMMENT_KEYS
    assert comment["url"] == f"/@bea/posts/{post.id}#comment-{comment['id']}"
    assert (comment["post_id"], comment["parent_id"], comment["body"]) == (post.id, None, "Yes, *me*!")
    assert comment["author"]["handle"] == "cal" and comment["body_html"] == "<p>Yes, <em>me</em>!</p>\n"

    reply = send(api(bea), "post", f"{POSTS}/{post.id}/comments", {"body": "Hugs", "parent_id": comment["id"]})
    assert reply.status_code == 201 and reply.json()["parent_id"] == comment["id"]

    listed = api().get(f"{POSTS}/{post.id}/comments").json()
    assert [c["body_html"] for c in listed["items"]] == ["<p>Hugs</p>\n", "<p>Yes, <em>me</em>!</p>\n"]
    assert all(c["body"] is None for c in listed["items"])
    assert api(bea).get(f"{POSTS}/{post.id}").json()["counts"]["comments"] == 2


@pytest.mark.parametrize("payload, status, field", [
    ({"body": ""}, 400, "body"),
    ({"body": "x" * 2001}, 422, "body"),
    ({"body": None}, 422, "body"),
    ({"body": "Hi", "parent_id": "first"}, 422, "parent_id"),
    ({"body": "Hi", "parent_id": 999999}, 400, "parent_id"),
    ({"text": "Hi"}, 422, "text"),
])
def test_bad_comments_change_nothing(post, cal, api, payload, status, field):
    assert_error(send(api(cal), "post", f"{POSTS}/{post.id}/comments", payload), status, "invalid", field)
    assert not Comment.objects.exists()
    post.refresh_from_db()
    assert post.comment_count == 0


def test_comments_on_a_post_you_may_not_see_are_a_404(bea, cal, api):
    private = committed(actions.do_create_post, bea, body="Just followers", audience="followers")
    client = api(cal)
    assert client.get(f"{POSTS}/{private.id}/comments").status_code == 404
    assert send(client, "post", f"{POSTS}/{private.id}/comments", {"body": "Hi"}).status_code == 404
    assert not Comment.objects.exists()


def test_comments_page_by_id_without_overlap(post, cal, api, settings):
    settings.COMMENT_RATE = "1000/3600"
    for n in range(7):
        committed(actions.do_comment, cal, post.id, body=f"Comment {n}")
    client = api()
    seen, before = [], None
    while True:
        page = client.get(f"{POSTS}/{post.id}/comments", {"limit": 3, **({"before": before} if before else {})})
        body = page.json()
        seen += [c["id"] for c in body["items"]]
        before = body["next_before"]
        if before is None:
            break
    assert seen == sorted(Comment.objects.values_list("id", flat=True), reverse=True)
    assert len(seen) == len(set(seen)) == 7


def test_editing_and_deleting_a_comment(post, bea, cal, api):
    comment = committed(actions.do_comment, cal, post.id, body="Frist")
    client = api(cal)
    edited = send(client, "patch", f"/api/v1/comments/{comment.id}", {"body": "First!"})
    assert edited.status_code == 200 and edited.json()["body"] == "First!" and edited.json()["edited_at"]

    assert_error(send(api(bea), "patch", f"/api/v1/comments/{comment.id}", {"body": "Hijack"}), 404, "not_found")
    assert_error(api(bea).delete(f"/api/v1/comments/{comment.id}"), 404, "not_found")
    assert_error(send(client, "patch", f"/api/v1/comments/{comment.id}", {"body": ""}), 400, "invalid", "body")
    comment.refresh_from_db()
    assert comment.body == "First!"

    assert client.delete(f"/api/v1/comments/{comment.id}").status_code == 204
    [tombstone] = api(bea).get(f"{POSTS}/{post.id}/comments").json()["items"]
    assert tombstone["deleted"] is True and tombstone["author"] is None and tombstone["body_html"] == ""


def test_the_author_of_a_vent_post_can_hide_a_reply(bea, cal, api):
    post = committed(actions.do_create_post, bea, body="Just need to vent", vent_mode=True)
    comment = committed(actions.do_comment, cal, post.id, body="Have you tried...")
    other = make_member("dee")

    assert_error(api(cal).post(f"/api/v1/comments/{comment.id}/hide"), 403, "forbidden")
    assert_error(api(other).post(f"/api/v1/comments/{comment.id}/hide"), 403, "forbidden")
    hidden = api(bea).post(f"/api/v1/comments/{comment.id}/hide")
    assert hidden.status_code == 200 and hidden.json()["hidden"] is True

    def listed(client) -> list[int]:
        return [c["id"] for c in client.get(f"{POSTS}/{post.id}/comments").json()["items"]]

    assert listed(api(bea)) == listed(api(cal)) == [comment.id]
    assert listed(api(other)) == listed(api()) == []

    assert api(bea).post(f"/api/v1/comments/{comment.id}/unhide").json()["hidden"] is False
    assert listed(api(other)) == [comment.id]


# --- reactions -------------------------------------------------------------------------------

def test_reacting_twice_with_the_same_kind_counts_once(post, cal, api):
    client = api(cal)
    first = send(client, "post", f"{POSTS}/{post.id}/reactions", {"kind": "hug"})
    second = send(client, "post", f"{POSTS}/{post.id}/reactions", {"kind": "hug"})

    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json() == {"counts": {"comments": 0, "hug": 1, "me_too": 0, "helpful": 0}, "my_reactions": ["hug"]}
    assert Reaction.objects.filter(post=post, member=cal).count() == 1


def test_one_of_each_kind_and_taking_one_back(post, cal, api):
    client = api(cal)
    for kind in ("helpful", "hug", "me_too"):
        send(client, "post", f"{POSTS}/{post.id}/reactions", {"kind": kind})
    response = client.delete(f"{POSTS}/{post.id}/reactions?kind=me_too")
    assert response.status_code == 200
    assert response.json() == {"counts": {"comments": 0, "hug": 1, "me_too": 0, "helpful": 1},
                               "my_reactions": ["hug", "helpful"]}
    assert client.get(f"{POSTS}/{post.id}").json()["my_reactions"] == ["hug", "helpful"]


@pytest.mark.parametrize("payload, field", [
    ({"kind": "love"}, "kind"), ({"kind": 1}, "kind"), ({}, "kind"), ({"kind": "hug", "extra": 1}, "extra"),
])
def test_an_unknown_reaction_is_refused(post, cal, api, payload, field):
    assert_error(send(api(cal), "post", f"{POSTS}/{post.id}/reactions", payload), 422, "invalid", field)
    assert not Reaction.objects.exists()


def test_taking_back_needs_a_known_kind(post, cal, api):
    assert_error(api(cal).delete(f"{POSTS}/{post.id}/reactions"), 422, "invalid", "kind")
    assert_error(api(cal).delete(f"{POSTS}/{post.id}/reactions?kind=love"), 422, "invalid", "kind")


def test_who_reacted_is_shown_only_to_those_who_may_see_the_post(bea, cal, api):
    post = committed(actions.do_create_post, bea, body="Followers only", audience="followers")
    committed(actions.do_follow, cal, bea)
    committed(actions.do_react, cal, post.id, "hug")
    stranger = make_member("sam")

    response = api(bea).get(f"{POSTS}/{post.id}/reactions")
    assert response.status_code == 200
    body = response.json()
    assert body["counts"]["hug"] == 1
    assert [(r["kind"], r["member"]["handle"]) for r in body["items"]] == [("hug", "cal")]
    for client in (api(stranger), api()):
        assert_error(client.get(f"{POSTS}/{post.id}/reactions"), 404, "not_found")
    assert_error(send(api(stranger), "post", f"{POSTS}/{post.id}/reactions", {"kind": "hug"}), 404, "not_found")
    assert_error(send(api(), "post", f"{POSTS}/{post.id}/reactions", {"kind": "hug"}), 401, "unauthenticated")
    assert Reaction.objects.count() == 1


def test_reactions_by_people_you_blocked_are_not_listed(post, bea, cal, api):
    dee = make_member("dee")
    for member in (cal, dee):
        committed(actions.do_react, member, post.id, "me_too")
    committed(actions.do_block, bea, dee)
    items = api(bea).get(f"{POSTS}/{post.id}/reactions?kind=me_too").json()["items"]
    assert [r["member"]["handle"] for r in items] == ["cal"]


# --- bookmarks -------------------------------------------------------------------------------

def test_bookmarks_are_private(post, cal, api):
    client = api(cal)
    assert client.post(f"{POSTS}/{post.id}/bookmark").json() == {"bookmarked": True}
    assert client.post(f"{POSTS}/{post.id}/bookmark").json() == {"bookmarked": True}
    assert [p["id"] for p in client.get("/api/v1/bookmarks").json()["items"]] == [post.id]
    assert client.get(f"{POSTS}/{post.id}").json()["bookmarked"] is True
    assert api(make_member("bea2")).get(f"{POSTS}/{post.id}").json()["bookmarked"] is False
    assert api(make_member("dee")).get("/api/v1/bookmarks").json()["items"] == []

    assert client.delete(f"{POSTS}/{post.id}/bookmark").json() == {"bookmarked": False}
    assert client.get("/api/v1/bookmarks").json() == {"items": [], "next_before": None}


def test_you_cannot_bookmark_a_post_you_may_not_see(bea, cal, api):
    private = committed(actions.do_create_post, bea, body="Followers only", audience="followers")
    assert_error(api(cal).post(f"{POSTS}/{private.id}/bookmark"), 404, "not_found")
    assert api(cal).get("/api/v1/bookmarks").json()["items"] == []
