"""The posts API: publishing, reading, editing and deleting posts and their earlier versions;
who may do each; and bad input that changes nothing. Comments, reactions and bookmarks are in
test_comments_and_reactions_api.py."""

from __future__ import annotations

import pytest
from django.test import Client

from kettle.social import actions
from kettle.social.models import Post, PostRevision
from tests.factories import make_member
from tests.helpers import assert_error, committed, send

POSTS = "/api/v1/posts"
POST_KEYS = {"id", "url", "kind", "title", "body", "body_html", "audience", "content_note", "vent_mode", "author",
             "images", "cover", "counts", "my_reactions", "bookmarked", "created_at", "edited_at", "anonymous",
             "group", "held", "pinned", "poll"}
COMMENT_KEYS = {"id", "url", "post_id", "parent_id", "author", "body", "body_html", "deleted", "hidden",
                "created_at", "edited_at", "anonymous"}


# --- publishing ------------------------------------------------------------------------------

def test_publishing_an_update_answers_201_with_the_whole_post(bea, api):
    response = send(api(bea), "post", POSTS, {"body": "Night three. *Tired* but ok.", "content_note": "feeding",
                                              "vent_mode": True, "audience": "followers"})

    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == POST_KEYS
    saved = Post.objects.get()
    assert body["id"] == saved.id and body["url"] == f"/@bea/posts/{saved.id}"
    assert (body["kind"], body["title"], body["audience"]) == ("update", "", "followers")
    assert body["body"] == "Night three. *Tired* but ok."
    assert body["body_html"] == "<p>Night three. <em>Tired</em> but ok.</p>\n"
    assert (body["content_note"], body["vent_mode"]) == ("feeding", True)
    assert body["author"] == {"id": bea.id, "handle": "bea", "display_name": "Bea", "url": "/@bea",
                              "avatar_url": ""}
    assert body["counts"] == {"comments": 0, "hug": 0, "me_too": 0, "helpful": 0}
    assert (body["images"], body["cover"], body["my_reactions"], body["bookmarked"]) == ([], None, [], False)
    assert body["edited_at"] is None and body["created_at"]


def test_a_blog_post_has_a_title_and_may_run_long(bea, api):
    response = send(api(bea), "post", POSTS, {"kind": "blog", "title": "  Our  birth story ", "body": "x" * 5000})
    assert response.status_code == 201
    assert (response.json()["kind"], response.json()["title"]) == ("blog", "Our birth story")


def test_hashtags_and_mentions_are_linked(bea, cal, api):
    response = send(api(bea), "post", POSTS, {"body": "Thanks @cal! #NightFeeds"})
    html = response.json()["body_html"]
    assert 'href="/@cal"' in html and 'href="/tags/nightfeeds' in html


def test_only_the_author_gets_the_markdown_source(post, bea, cal, api, client):
    assert api(bea).get(f"{POSTS}/{post.id}").json()["body"] == "Is anyone else *up*?"
    for other in (api(cal), client):
        body = other.get(f"{POSTS}/{post.id}").json()
        assert body["body"] is None and body["body_html"] == "<p>Is anyone else <em>up</em>?</p>\n"


@pytest.mark.parametrize("payload, status, field", [
    ({"body": ""}, 400, "body"),
    ({"body": "   \n "}, 400, "body"),
    ({"body": "x" * 2001}, 400, "body"),
    ({"kind": "blog", "body": "No title"}, 400, "title"),
    ({"kind": "poem", "body": "Roses"}, 422, "kind"),
    ({"audience": "friends", "body": "Hi"}, 422, "audience"),
    ({"body": 5}, 422, "body"),
    ({"body": ["a"]}, 422, "body"),
    ({"body": "Hi", "vent_mode": "yes"}, 422, "vent_mode"),
    ({"body": "Hi", "title": 7}, 422, "title"),
    ({"body": "Hi", "content_note": "x" * 81}, 422, "content_note"),
    ({"body": "Hi", "group": 3}, 422, "group"),
    ({}, 422, "body"),
    ({"body": "x" * 50_001, "kind": "blog", "title": "Long"}, 422, "body"),
    ({"body": "Hi\u0000there"}, 422, "body"),
])
def test_bad_posts_answer_the_error_shape_and_publish_nothing(bea, api, payload, status, field):
    response = send(api(bea), "post", POSTS, payload)
    assert_error(response, status, "invalid", field)
    assert not Post.objects.exists()


def test_a_2001_character_update_is_told_about_blog_posts(bea, api):
    response = send(api(bea), "post", POSTS, {"body": "x" * 2001})
    assert "blog post" in response.json()["fields"]["body"][0]


@pytest.mark.parametrize("raw", ["not json", "[]", '"a string"', "null"])
def test_a_post_that_is_not_a_json_object_is_refused(bea, api, raw):
    response = send(api(bea), "post", POSTS, raw=raw)
    assert response.status_code in (400, 422)
    assert set(response.json()) == {"error", "message", "fields"}
    assert not Post.objects.exists()


def test_publishing_needs_credentials(db, api):
    assert_error(send(api(), "post", POSTS, {"body": "Hello"}), 401, "unauthenticated")


def test_posting_too_fast_is_a_429_with_retry_after(bea, api, settings):
    settings.POST_RATE = "2/3600"
    client = api(bea)
    for _ in range(2):
        assert send(client, "post", POSTS, {"body": "Hello"}).status_code == 201
    response = send(client, "post", POSTS, {"body": "Hello"})
    assert_error(response, 429, "rate_limited")
    assert int(response["Retry-After"]) > 0
    assert Post.objects.count() == 2


# --- reading ---------------------------------------------------------------------------------

@pytest.mark.parametrize("viewer, audience, status", [
    ("author", "public", 200), ("author", "followers", 200),
    ("follower", "public", 200), ("follower", "followers", 200),
    ("stranger", "public", 200), ("stranger", "followers", 404),
    ("blocked", "public", 404), ("blocked", "followers", 404),
    ("logged_out", "public", 200), ("logged_out", "followers", 404),
])
def test_who_can_open_a_post(bea, api, viewer, audience, status):
    follower, stranger, blocked = make_member("fay"), make_member("sam"), make_member("bob")
    committed(actions.do_follow, follower, bea)
    committed(actions.do_block, bea, blocked)
    post = committed(actions.do_create_post, bea, body="Hello", audience=audience)
    clients = {"author": api(bea), "follower": api(follower), "stranger": api(stranger), "blocked": api(blocked),
               "logged_out": api()}

    response = clients[viewer].get(f"{POSTS}/{post.id}")

    assert response.status_code == status
    if status == 404:
        assert response.json() == {"error": "not_found", "message": "Not found.", "fields": {}}


def test_a_logged_out_visitor_cannot_open_a_public_post_on_a_private_profile(api):
    hidden = make_member("hid", is_public=False)
    post = committed(actions.do_create_post, hidden, body="Hello")
    assert api().get(f"{POSTS}/{post.id}").status_code == 404
    assert api(make_member("sam")).get(f"{POSTS}/{post.id}").status_code == 200


@pytest.mark.parametrize("path", ["abc", "0", "-3", "99999999999999999999999"])
def test_a_post_id_that_is_not_a_positive_number_is_a_422(bea, api, path):
    assert_error(api(bea).get(f"{POSTS}/{path}"), 422, "invalid")


def test_an_unknown_post_is_a_404(bea, api):
    assert_error(api(bea).get(f"{POSTS}/12345"), 404, "not_found")


def test_a_bad_token_is_a_401_even_for_public_reads(post, api):
    client = Client(headers={"Authorization": "Bearer kettle_nope"})
    assert_error(client.get(f"{POSTS}/{post.id}"), 401, "unauthenticated")


# --- editing and deleting --------------------------------------------------------------------

def test_editing_keeps_the_earlier_version_for_readers(post, bea, cal, api):
    response = send(api(bea), "patch", f"{POSTS}/{post.id}", {"body": "Is anyone else awake?",
                                                              "content_note": "sleep"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["body"] == "Is anyone else awake?" and body["content_note"] == "sleep"
    assert body["edited_at"] is not None

    revisions = api(cal).get(f"{POSTS}/{post.id}/revisions").json()
    assert [r["body_html"] for r in revisions["items"]] == ["<p>Is anyone else <em>up</em>?</p>\n"]
    assert set(revisions["items"][0]) == {"id", "title", "body_html", "content_note", "created_at"}
    assert revisions["next_before"] is None


def test_a_patch_may_change_only_the_vent_mode(post, bea, api):
    response = send(api(bea), "patch", f"{POSTS}/{post.id}", {"vent_mode": True})
    assert response.status_code == 200
    assert response.json()["vent_mode"] is True and response.json()["body"] == "Is anyone else *up*?"


@pytest.mark.parametrize("payload, status, field", [
    ({"body": ""}, 400, "body"),
    ({"body": "x" * 2001}, 400, "body"),
    ({"body": 12}, 422, "body"),
    ({"audience": "followers"}, 422, "audience"),
    ({"kind": "blog"}, 422, "kind"),
    ({"vent_mode": "please"}, 422, "vent_mode"),
    ({"title": "x" * 201}, 422, "title"),
    ({"content_note": "\u0000"}, 422, "content_note"),
])
def test_a_bad_edit_changes_nothing(post, bea, api, payload, status, field):
    response = send(api(bea), "patch", f"{POSTS}/{post.id}", payload)
    assert_error(response, status, "invalid", field)
    post.refresh_from_db()
    assert (post.body, post.audience, post.edited_at, post.vent_mode) == ("Is anyone else *up*?", "public", None,
                                                                          False)
    assert not PostRevision.objects.exists()


def test_editing_or_deleting_someone_elses_post_is_a_404_and_changes_nothing(post, cal, api):
    client = api(cal)
    assert_error(send(client, "patch", f"{POSTS}/{post.id}", {"body": "Mine now"}), 404, "not_found")
    assert_error(client.delete(f"{POSTS}/{post.id}"), 404, "not_found")
    post.refresh_from_db()
    assert post.body == "Is anyone else *up*?" and post.deleted_at is None


def test_a_deleted_post_is_gone_from_the_api(post, bea, cal, api):
    send(api(cal), "post", f"{POSTS}/{post.id}/comments", {"body": "Me too"})
    response = api(bea).delete(f"{POSTS}/{post.id}")
    assert response.status_code == 204

    for client in (api(bea), api(cal), api()):
        assert client.get(f"{POSTS}/{post.id}").status_code == 404
        assert client.get(f"{POSTS}/{post.id}/comments").status_code == 404
        assert client.get(f"{POSTS}/{post.id}/reactions").status_code == 404
    assert api(bea).delete(f"{POSTS}/{post.id}").status_code == 404
    assert post.id not in [p["id"] for p in api(bea).get("/api/v1/timelines/home").json()["items"]]


def test_staff_can_delete_any_post(post, api):
    staff = make_member("staffer", staff=True)
    assert api(staff).delete(f"{POSTS}/{post.id}").status_code == 204


def test_a_browser_session_must_send_the_csrf_token_to_publish(bea):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(bea, backend="kettle.accounts.auth.MemberBackend")
    assert browser.get("/api/v1/timelines/home").status_code == 200
    response = send(browser, "post", POSTS, {"body": "Hello"})
    assert response.status_code in (401, 403)
    assert not Post.objects.exists()


# --- the answer to publishing is the post as it reads back -----------------------------------

@pytest.fixture
def shapes(bea):
    """Ways to publish: each a (body, setup) pair whose setup may make a group first."""
    from kettle.groups.models import Group
    from tests.factories import make_group

    def in_group(**fields):
        owner = make_member("olive")
        group = make_group(owner, "Night Feeds", members=(bea,), **fields)
        return group.slug

    return {
        "update": lambda: {"body": "Hello #sleep @cal", "content_note": "sleep", "vent_mode": True},
        "followers": lambda: {"body": "Just for you", "audience": "followers"},
        "blog": lambda: {"kind": "blog", "title": "Week one", "body": "Long story"},
        "poll": lambda: {"body": "Tea or coffee?", "poll": {"options": ["Tea", "Coffee"], "show_voters": True}},
        "group": lambda: {"body": "Hi all", "group": in_group()},
        "anonymous": lambda: {"body": "I'm struggling", "anonymous": True,
                              "group": in_group(allow_anonymous=True)},
        "held": lambda: {"body": "First post", "group": in_group(post_approval=Group.Approval.ALL)},
        "group poll": lambda: {"body": "Which day?", "group": in_group(), "poll": {"options": ["Mon", "Tue"]}},
    }


@pytest.mark.parametrize("shape", ["update", "followers", "blog", "poll", "group", "anonymous", "held",
                                   "group poll"])
def test_the_answer_to_publishing_is_the_post_as_its_author_then_reads_it(shape, shapes, bea, cal, api):
    client = api(bea)
    response = send(client, "post", POSTS, shapes[shape]())
    assert response.status_code == 201, response.content
    read_back = client.get(f"{POSTS}/{response.json()['id']}")
    assert read_back.status_code == 200
    assert response.json() == read_back.json()
