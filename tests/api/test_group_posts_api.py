"""Group posts through the API: posting in a group (members only), anonymous posts that never
name their author to anyone but the author and the group's moderators, held posts and the
moderators' queue, pins, the group feed (404 to those who may not read it) and its flat query
count."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kettle.accounts.models import Profile
from kettle.groups import actions
from kettle.notifications.models import Notification
from kettle.social.actions import do_comment
from kettle.social.models import Post
from tests.factories import make_member
from tests.groups import conftest as group_fixtures
from tests.helpers import assert_error, committed, posted, send

olive, mo, meg, nia, group_of, pending_in, banned_from = (
    group_fixtures.olive, group_fixtures.mo, group_fixtures.meg, group_fixtures.nia, group_fixtures.group_of,
    group_fixtures.pending_in, group_fixtures.banned_from)

POSTS = "/api/v1/posts"
GROUPS = "/api/v1/groups"


def feed(client, group) -> dict:
    response = client.get(f"{GROUPS}/{group.slug}/posts")
    assert response.status_code == 200, response.content
    return response.json()


def ids(items) -> list[int]:
    return [item["id"] for item in items]


# --- posting in a group ------------------------------------------------------------------------

def test_a_member_posts_in_a_group_by_its_slug(group_of, meg, api):
    group = group_of("private")

    response = send(api(meg), "post", POSTS, {"body": "Anyone at the Tuesday class?", "group": group.slug})

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["audience"] == "group" and body["group"] == {"slug": group.slug, "name": group.name, "url": group.url}
    assert body["url"] == f"/groups/{group.slug}/posts/{body['id']}"
    assert (body["anonymous"], body["held"], body["pinned"], body["author"]["handle"]) == (False, False, False, "meg")
    assert Post.objects.get().group_id == group.id


@pytest.mark.parametrize("who, privacy, status, code", [
    ("outsider", "public", 403, "forbidden"),
    ("outsider", "private", 403, "forbidden"),
    ("outsider", "secret", 400, "invalid"),
    ("pending", "private", 403, "forbidden"),
    ("banned", "public", 403, "forbidden"),
    ("banned", "secret", 400, "invalid"),
])
def test_only_members_post_in_a_group(who, privacy, status, code, group_of, nia, pending_in, banned_from, api):
    group = group_of(privacy)
    if who == "pending":
        pending_in(nia, group)
    if who == "banned":
        banned_from(nia, group)

    response = send(api(nia), "post", POSTS, {"body": "Hello!", "group": group.slug})

    assert_error(response, status, code)
    assert not Post.objects.exists()


@pytest.mark.parametrize("sent, field", [
    ({"body": "Hi", "group": "no-such-group"}, "group"),
    ({"body": "Hi", "group": "ipswich-public-parents", "audience": "followers"}, "audience"),
    ({"body": "Hi", "anonymous": True}, "anonymous"),
    ({"body": "Hi", "group": "ipswich-public-parents", "anonymous": True}, "anonymous"),
    ({"body": "Hi", "group": "ipswich-public-parents", "kind": "blog", "title": "T"}, "kind"),
    ({"body": "Hi", "group": 7}, "group"),
    ({"body": "Hi", "group": ""}, "group"),
    ({"body": "Hi", "group": "ipswich-public-parents", "anonymous": "yes"}, "anonymous"),
])
def test_bad_group_input_is_a_field_error_and_posts_nothing(sent, field, group_of, meg, api):
    group_of("public")  # no anonymous posts here
    response = send(api(meg), "post", POSTS, sent)
    assert response.status_code in (400, 422), response.content
    assert_error(response, response.status_code, "invalid", field)
    assert not Post.objects.exists()


# --- anonymous posts ---------------------------------------------------------------------------

def test_an_anonymous_post_names_its_author_only_to_them_and_the_groups_moderators(group_of, olive, mo, meg, nia,
                                                                                   api):
    group = group_of("public", allow_anonymous=True)
    made = send(api(meg), "post", POSTS, {"body": "I'm finding this so hard", "group": group.slug,
                                          "anonymous": True})
    assert made.status_code == 201 and made.json()["author"]["handle"] == "meg" and made.json()["anonymous"]
    post_id = made.json()["id"]
    committed(actions.do_join_group, nia, group.id)
    committed(do_comment, nia, post_id, body="Sending love")

    for person, sees in ((meg, True), (mo, True), (olive, True), (nia, False), (None, False)):
        client = api(person)
        single = client.get(f"{POSTS}/{post_id}")
        listed = feed(client, group)["items"]
        if person is not None:  # logged out, only public profiles' posts show at all
            assert single.status_code == 200 and ids(listed) == [post_id]
        assert single.status_code == 404 or (single.json()["author"] is not None) == sees
        assert all((item["author"] is not None) == sees for item in listed)
        if not sees:
            raw = b"".join(client.get(path).content for path in (
                f"{POSTS}/{post_id}", f"{GROUPS}/{group.slug}/posts", f"{POSTS}/{post_id}/comments",
                "/api/v1/search?q=hard", "/api/v1/timelines/local"))
            assert b"meg" not in raw.replace(b"Sending love", b"")
    assert api(meg).get("/api/v1/people/meg/posts").json()["items"] == []
    notes = Notification.objects.filter(post_id=post_id)
    assert all(note.actor_id != meg.id for note in notes)


# --- held posts and the queue ------------------------------------------------------------------

def test_a_held_post_waits_in_the_queue_until_a_moderator_approves_it(group_of, mo, meg, nia, api):
    group = group_of("public", post_approval="all")

    made = send(api(meg), "post", POSTS, {"body": "My first post", "group": group.slug})
    assert made.status_code == 201 and made.json()["held"] is True
    post_id = made.json()["id"]

    assert ids(feed(api(meg), group)["items"]) == [post_id]  # its author sees it, marked held
    assert feed(api(nia), group)["items"] == [] and feed(api(mo), group)["items"] == []
    assert api(nia).get(f"{POSTS}/{post_id}").status_code == 404
    assert ids(api(mo).get(f"{GROUPS}/{group.slug}/queue").json()["items"]) == [post_id]

    approved = api(mo).post(f"{GROUPS}/{group.slug}/posts/{post_id}/approve")
    assert approved.status_code == 200 and approved.json()["held"] is False
    assert ids(feed(api(nia), group)["items"]) == [post_id]
    assert api(mo).get(f"{GROUPS}/{group.slug}/queue").json()["items"] == []
    assert_error(api(mo).post(f"{GROUPS}/{group.slug}/posts/{post_id}/approve"), 404, "not_found")


def test_a_declined_post_is_deleted(group_of, mo, meg, api):
    group = group_of("public", post_approval="all")
    post = posted(meg, "Selling a buggy, message me", group_id=group.id)

    assert api(mo).post(f"{GROUPS}/{group.slug}/posts/{post.id}/decline").status_code == 204
    assert api(meg).get(f"{POSTS}/{post.id}").status_code == 404


@pytest.mark.parametrize("who, queue_status, approve_status", [
    ("author", 404, 403), ("outsider", 404, 403), ("logged_out", 401, 401), ("moderator", 200, 200),
])
def test_only_moderators_see_the_queue_and_approve(who, queue_status, approve_status, group_of, mo, meg, nia, api):
    group = group_of("public", post_approval="all")
    post = posted(meg, "Waiting", group_id=group.id)
    person = {"author": meg, "outsider": nia, "moderator": mo, "logged_out": None}[who]

    assert api(person).get(f"{GROUPS}/{group.slug}/queue").status_code == queue_status
    assert api(person).post(f"{GROUPS}/{group.slug}/posts/{post.id}/approve").status_code == approve_status


def test_a_held_anonymous_post_in_the_queue_shows_moderators_who_wrote_it(group_of, mo, meg, api):
    group = group_of("private", post_approval="all", allow_anonymous=True)
    post = posted(meg, "Struggling", group_id=group.id, anonymous=True)

    [held] = api(mo).get(f"{GROUPS}/{group.slug}/queue").json()["items"]

    assert held["id"] == post.id and held["author"]["handle"] == "meg" and held["anonymous"]


# --- pins --------------------------------------------------------------------------------------

def test_pinned_posts_come_first_on_the_first_page_only(group_of, mo, meg, api, settings):
    settings.POST_RATE = "1000/3600"
    group = group_of("public")
    made = [posted(meg, f"Post {n}", group_id=group.id).id for n in range(5)]

    pinned = api(mo).post(f"{GROUPS}/{group.slug}/posts/{made[1]}/pin")
    assert pinned.status_code == 200 and pinned.json()["pinned"] is True

    first = api(meg).get(f"{GROUPS}/{group.slug}/posts?limit=2").json()
    assert ids(first["pinned"]) == [made[1]]
    assert ids(first["items"]) == [made[4], made[3]]
    rest = api(meg).get(f"{GROUPS}/{group.slug}/posts?limit=5&before={first['next_before']}").json()
    assert rest["pinned"] == [] and ids(rest["items"]) == [made[2], made[0]]

    unpinned = api(mo).delete(f"{GROUPS}/{group.slug}/posts/{made[1]}/pin")
    assert unpinned.status_code == 200 and unpinned.json()["pinned"] is False
    assert feed(api(meg), group)["pinned"] == []


def test_up_to_three_posts_are_pinned_and_only_by_moderators(group_of, mo, meg, api, settings):
    settings.POST_RATE = "1000/3600"
    group = group_of("public")
    made = [posted(meg, f"Post {n}", group_id=group.id).id for n in range(4)]
    for post_id in made[:3]:
        assert api(mo).post(f"{GROUPS}/{group.slug}/posts/{post_id}/pin").status_code == 200

    assert_error(api(mo).post(f"{GROUPS}/{group.slug}/posts/{made[3]}/pin"), 400, "invalid", "post")
    assert_error(api(meg).post(f"{GROUPS}/{group.slug}/posts/{made[0]}/pin"), 403, "forbidden")
    assert_error(api(mo).post(f"{GROUPS}/{group.slug}/posts/99999/pin"), 404, "not_found")


# --- the group feed ----------------------------------------------------------------------------

@pytest.mark.parametrize("privacy, who, expected", [
    ("public", "logged_out", 200), ("public", "outsider", 200), ("public", "banned", 200),
    ("private", "logged_out", 404), ("private", "outsider", 404), ("private", "pending", 404),
    ("private", "member", 200), ("private", "moderator", 200), ("private", "banned", 404),
    ("secret", "logged_out", 404), ("secret", "outsider", 404), ("secret", "member", 200),
])
def test_who_may_read_a_groups_feed_and_its_posts(privacy, who, expected, group_of, mo, meg, nia, pending_in,
                                                  banned_from, api):
    group = group_of(privacy)
    # Logged-out visitors read only public profiles' posts anywhere: make Meg's public, so this
    # matrix is about the group's rules alone.
    Profile.objects.filter(member=meg).update(is_public=True)
    post = posted(meg, "Hello group", group_id=group.id)
    person = {"logged_out": None, "outsider": nia, "pending": nia, "banned": nia, "member": meg,
              "moderator": mo}[who]
    if who == "pending":
        pending_in(nia, group)
    if who == "banned":
        banned_from(nia, group)
    client = api(person)

    assert client.get(f"{GROUPS}/{group.slug}/posts").status_code == expected
    assert client.get(f"{POSTS}/{post.id}").status_code == expected
    if expected == 200:
        assert ids(feed(client, group)["items"]) == [post.id]
    else:
        assert_error(client.get(f"{GROUPS}/{group.slug}/posts"), 404, "not_found")


def test_a_blocked_authors_group_posts_are_hidden_from_the_feed(group_of, meg, nia, api):
    from kettle.social.actions import do_block

    group = group_of("public")
    posted(meg, "Morning all", group_id=group.id)
    committed(do_block, nia, meg)
    assert feed(api(nia), group)["items"] == []


def test_the_group_and_its_feed_cost_the_same_queries_with_3_posts_or_25(group_of, olive, mo, meg, api, settings):
    settings.POST_RATE = "1000/3600"
    group = group_of("public", allow_anonymous=True)
    viewer = make_member("vic")
    committed(actions.do_join_group, viewer, group.id)
    client = api(viewer)

    def grow(count: int) -> None:
        for n in range(count):
            post = posted(meg, f"Post {n}", group_id=group.id, anonymous=n % 2 == 0,
                          poll=actions.PollSpec(options=["Yes", "No"]) if n % 3 == 0 else None)
            committed(do_comment, viewer, post.id, body="Same here")

    def count(path: str) -> int:
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200
        return len(queries.captured_queries)

    paths = (f"{GROUPS}/{group.slug}/posts?limit=40", f"{GROUPS}/{group.slug}")
    grow(3)
    committed(actions.do_pin_post, mo, group.id, Post.objects.first().id)
    few = [count(path) for path in paths]
    grow(22)
    assert [count(path) for path in paths] == few
    assert few[0] <= 16 and few[1] <= 8, few
    assert len(json.loads(client.get(f"{GROUPS}/{group.slug}/posts?limit=40").content)["items"]) == 24


@pytest.mark.parametrize("fields", [
    {},
    {"anonymous": True},
    {"content_note": "loss", "vent_mode": True},
])
@pytest.mark.parametrize("approval", ["none", "all"])
def test_the_answer_to_posting_is_the_post_as_its_author_then_reads_it(fields, approval, group_of, meg, api):
    group = group_of("private", allow_anonymous=True, post_approval=approval)
    client = api(meg)

    made = send(client, "post", POSTS, {"body": "Is it normal to cry at the health visitor's?",
                                        "group": group.slug, **fields})

    assert made.status_code == 201, made.content
    assert made.json() == client.get(f"{POSTS}/{made.json()['id']}").json()
