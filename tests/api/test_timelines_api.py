"""Timelines through the API: home (with its "N new" count), local, tags, trending tags, search
and a member's posts; the issue's two-token flow end to end; keyset pages that never overlap;
and a query count that stays flat as the timeline grows."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from kettle.social import actions
from tests.factories import make_member
from tests.helpers import committed, send

HOME = "/api/v1/timelines/home"
LOCAL = "/api/v1/timelines/local"


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [post["id"] for post in response.json()["items"]]


@pytest.fixture
def many_posts(settings):
    settings.POST_RATE = "10000/3600"

    def make(author, count: int, **kwargs) -> list[int]:
        return [committed(actions.do_create_post, author, body=f"Post {n} #nightfeeds", **kwargs).id
                for n in range(count)]

    return make


# --- the "done when", through the API with tokens --------------------------------------

def test_follow_followers_only_and_block_end_to_end(db, api):
    a, b, c = make_member("amara", is_public=True), make_member("bea", is_public=True), make_member("cal")
    as_a, as_b, as_c, logged_out = api(a), api(b), api(c), api()

    # A follows B, and B's public post reaches A's home timeline.
    assert as_a.post("/api/v1/people/bea/follow").json() == {"state": "following"}
    public = send(as_b, "post", "/api/v1/posts", {"body": "Hello village #teatime"}).json()
    assert public["id"] in ids(as_a.get(HOME))

    # B's followers-only post: A sees it; C and logged-out visitors get a 404.
    private = send(as_b, "post", "/api/v1/posts", {"body": "Rough night, friends only",
                                                     "audience": "followers"}).json()
    assert as_a.get(f"/api/v1/posts/{private['id']}").status_code == 200
    assert private["id"] in ids(as_a.get(HOME))
    for outsider in (as_c, logged_out):
        assert outsider.get(f"/api/v1/posts/{private['id']}").status_code == 404
        assert private["id"] not in ids(outsider.get("/api/v1/people/bea/posts"))

    # Before the block, C can see B and B's public post everywhere, and hears from B.
    assert as_c.post("/api/v1/people/bea/follow").json() == {"state": "following"}
    c_post = send(as_c, "post", "/api/v1/posts", {"body": "Anyone for #teatime?"}).json()
    send(as_b, "post", f"/api/v1/posts/{c_post['id']}/comments", {"body": "Yes please"})
    send(as_b, "post", f"/api/v1/posts/{c_post['id']}/reactions", {"kind": "hug"})
    assert public["id"] in ids(as_c.get(HOME))
    assert public["id"] in ids(as_c.get(LOCAL))
    assert public["id"] in ids(as_c.get("/api/v1/search?q=village"))
    assert public["id"] in ids(as_c.get("/api/v1/tags/teatime"))
    assert {n["actor"]["handle"] for n in as_c.get("/api/v1/notifications").json()["items"]} == {"bea"}

    # B blocks C.
    assert send(as_b, "post", "/api/v1/blocks", {"handle": "cal"}).status_code == 201

    for path in ("/api/v1/people/bea", f"/api/v1/posts/{public['id']}", f"/api/v1/posts/{private['id']}",
                 "/api/v1/people/bea/posts", "/api/v1/blogs/bea", f"/api/v1/posts/{public['id']}/comments",
                 f"/api/v1/posts/{public['id']}/reactions", "/api/v1/people/bea/followers"):
        assert as_c.get(path).status_code == 404, path
    assert send(as_c, "post", f"/api/v1/posts/{public['id']}/reactions", {"kind": "hug"}).status_code == 404
    assert send(as_c, "post", f"/api/v1/posts/{public['id']}/comments", {"body": "Hi"}).status_code == 404
    assert as_c.post("/api/v1/people/bea/follow").status_code == 404
    for path in (HOME, LOCAL, "/api/v1/search?q=village", "/api/v1/tags/teatime", "/api/v1/bookmarks"):
        assert public["id"] not in ids(as_c.get(path)), path
    notes = as_c.get("/api/v1/notifications").json()
    assert notes["items"] == [] and notes["unread"] == 0

    # And the other way round: B no longer sees C.
    assert as_b.get("/api/v1/people/cal").status_code == 404
    assert as_b.get(f"/api/v1/posts/{c_post['id']}").status_code == 404
    assert c_post["id"] not in ids(as_b.get(LOCAL))


# --- home --------------------------------------------------------------------------------------

def test_home_needs_an_account(db, api):
    assert api().get(HOME).status_code == 401
    assert api().get(f"{HOME}/new?after=1").status_code == 401


def test_home_holds_my_posts_and_people_i_follow_but_not_strangers(db, api):
    me, friend, stranger = make_member("amara"), make_member("bea"), make_member("cal")
    committed(actions.do_follow, me, friend)
    mine = committed(actions.do_create_post, me, body="Mine").id
    theirs = committed(actions.do_create_post, friend, body="Theirs").id
    committed(actions.do_create_post, stranger, body="A stranger's")
    assert ids(api(me).get(HOME)) == [theirs, mine]


def test_unfollowing_and_muting_empty_the_home_timeline(db, api):
    me, bea, cal = make_member("amara"), make_member("bea"), make_member("cal")
    client = api(me)
    for handle in ("bea", "cal"):
        client.post(f"/api/v1/people/{handle}/follow")
    from_bea = committed(actions.do_create_post, bea, body="From Bea").id
    from_cal = committed(actions.do_create_post, cal, body="From Cal").id
    assert ids(client.get(HOME)) == [from_cal, from_bea]

    assert client.delete("/api/v1/people/bea/follow").json() == {"state": "none"}
    assert send(client, "post", "/api/v1/mutes", {"handle": "cal"}).status_code == 201
    assert ids(client.get(HOME)) == []
    assert from_cal not in ids(client.get(LOCAL))


def test_the_new_posts_count_for_the_pill(db, api):
    me, bea = make_member("amara"), make_member("bea")
    committed(actions.do_follow, me, bea)
    newest = committed(actions.do_create_post, bea, body="One").id
    client = api(me)
    assert client.get(f"{HOME}/new?after={newest}").json() == {"new": 0}
    for n in range(3):
        committed(actions.do_create_post, bea, body=f"More {n}")
    assert client.get(f"{HOME}/new", {"after": newest}).json() == {"new": 3}
    assert client.get(f"{HOME}/new?after=0").json() == {"new": 4}


@pytest.mark.parametrize("query", ["", "?after=", "?after=soon", "?after=-1"])
def test_the_new_posts_count_needs_a_post_id(member, api, query):
    response = api(member).get(f"{HOME}/new{query}")
    assert response.status_code == 422
    assert response.json()["error"] == "invalid" and "after" in response.json()["fields"]


def test_home_pages_by_id_without_overlap(db, api, many_posts):
    me, bea = make_member("amara"), make_member("bea")
    committed(actions.do_follow, me, bea)
    made = many_posts(bea, 23) + many_posts(me, 2)
    client = api(me)
    seen, before, pages = [], None, 0
    while True:
        body = client.get(HOME, {"limit": 7, **({"before": before} if before else {})}).json()
        pages += 1
        seen += [post["id"] for post in body["items"]]
        before = body["next_before"]
        if before is None:
            break
        assert before == body["items"][-1]["id"]
    assert pages == 4
    assert seen == sorted(made, reverse=True)
    assert len(set(seen)) == len(seen)


def test_home_query_count_stays_flat_as_posts_grow(db, api, many_posts, django_assert_max_num_queries):
    """The design budget is at most 8 queries per home-timeline request, however many posts."""
    me, bea, cal = make_member("amara"), make_member("bea"), make_member("cal")
    for author in (bea, cal):
        committed(actions.do_follow, me, author)
    client = api(me)
    client.get(HOME)  # the token's first use records last_used_at once

    many_posts(bea, 5)
    with django_assert_max_num_queries(8) as few:
        assert len(ids(client.get(HOME))) == 5

    many_posts(cal, 25)
    for post_id in ids(client.get(HOME))[:10]:
        committed(actions.do_react, me, post_id, "hug")
        committed(actions.do_bookmark, me, post_id)
    with django_assert_max_num_queries(8) as more:
        assert len(ids(client.get(HOME))) == 20

    assert len(more.captured_queries) <= len(few.captured_queries)


@pytest.mark.parametrize("query", ["?limit=0", "?limit=41", "?limit=ten", "?before=0", "?before=x"])
def test_bad_page_parameters_are_a_422(member, api, query):
    response = api(member).get(f"{HOME}{query}")
    assert response.status_code == 422
    assert set(response.json()) == {"error", "message", "fields"}


# --- local, tags, trending, search ---------------------------------------------------------------

def test_local_holds_public_posts_only_and_logged_out_only_from_public_profiles(db, api):
    open_ = make_member("bea", is_public=True)
    shy = make_member("cal", is_public=False)
    public = committed(actions.do_create_post, open_, body="Public").id
    committed(actions.do_create_post, open_, body="Followers", audience="followers")
    shy_public = committed(actions.do_create_post, shy, body="Public, from a private profile").id

    assert ids(api().get(LOCAL)) == [public]
    assert ids(api(make_member("dee")).get(LOCAL)) == [shy_public, public]


def test_local_pages_without_overlap(db, api, many_posts):
    made = many_posts(make_member("bea", is_public=True), 11)
    first = api().get(LOCAL, {"limit": 6}).json()
    second = api().get(LOCAL, {"limit": 6, "before": first["next_before"]}).json()
    assert [p["id"] for p in first["items"] + second["items"]] == sorted(made, reverse=True)
    assert second["next_before"] is None


def test_a_tag_page(db, api):
    bea = make_member("bea", is_public=True)
    tagged = committed(actions.do_create_post, bea, body="Cluster feeding again #NightFeeds").id
    committed(actions.do_create_post, bea, body="Nothing to see")
    response = api().get("/api/v1/tags/NightFeeds")
    body = response.json()
    assert (body["name"], body["url"]) == ("nightfeeds", "/tags/nightfeeds")
    assert [p["id"] for p in body["items"]] == [tagged]
    assert api().get("/api/v1/tags/unused").json()["items"] == []


@pytest.mark.parametrize("name", ["1abc", "a", "has-dash", "x" * 61])
def test_a_malformed_tag_is_a_404(db, api, name):
    assert api().get(f"/api/v1/tags/{name}").status_code == 404


def test_trending_tags(db, api):
    bea = make_member("bea", is_public=True)
    for body in ("#sleep #teething", "#sleep again", "#sleep and #teething", "#weaning"):
        committed(actions.do_create_post, bea, body=body)
    committed(actions.do_create_post, bea, body="#secret #secret2", audience="followers")
    cache.clear()
    response = api().get("/api/v1/tags/trending")
    assert response.status_code == 200
    assert response.json() == [
        {"name": "sleep", "url": "/tags/sleep", "uses": 3},
        {"name": "teething", "url": "/tags/teething", "uses": 2},
        {"name": "weaning", "url": "/tags/weaning", "uses": 1},
    ]


def test_search_finds_posts_you_may_see(db, api):
    bea = make_member("bea", is_public=True)
    open_ = committed(actions.do_create_post, bea, body="Marmalade on toast at 3am").id
    hidden = committed(actions.do_create_post, bea, body="Secret marmalade", audience="followers").id
    follower = make_member("fay")
    committed(actions.do_follow, follower, bea)

    assert ids(api().get("/api/v1/search", {"q": "marmalade"})) == [open_]
    assert ids(api(follower).get("/api/v1/search", {"q": "MARMALADE"})) == [hidden, open_]
    assert ids(api(follower).get("/api/v1/search", {"q": "marmalade toast"})) == [open_]


@pytest.mark.parametrize("query", ["", "?q=", "?q=%20%20", f"?q={'x' * 201}", "?q=tea&type=people"])
def test_search_needs_words(db, api, query):
    response = api().get(f"/api/v1/search{query}")
    assert response.status_code == 422
    assert response.json()["error"] == "invalid"


def test_a_members_posts(db, api):
    bea = make_member("bea", is_public=True)
    public = committed(actions.do_create_post, bea, body="Public").id
    private = committed(actions.do_create_post, bea, body="Followers", audience="followers").id
    assert ids(api().get("/api/v1/people/bea/posts")) == [public]
    assert ids(api(bea).get("/api/v1/people/bea/posts")) == [private, public]
    assert api().get("/api/v1/people/nobody/posts").status_code == 404
    make_member("shy", is_public=False)
    assert api().get("/api/v1/people/shy/posts").status_code == 404


def test_the_openapi_schema_still_generates(db, client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in ("/api/v1/posts", "/api/v1/posts/{post_id}", "/api/v1/timelines/home", "/api/v1/blogs/{handle}",
                 "/api/v1/people/{handle}/follow", "/api/v1/blocks", "/api/v1/mutes", "/api/v1/reports",
                 "/api/v1/notifications", "/api/v1/search", "/api/v1/tags/{name}"):
        assert path in paths
