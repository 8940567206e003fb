"""Blogs through the API: a member's blog posts with their blog roll and the blogs that list
theirs, and setting your own blog roll (all or nothing)."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from kettle.social import actions
from kettle.social.models import BlogRollEntry
from tests.factories import make_member
from tests.helpers import committed

ROLL = "/api/v1/me/blog-roll"


def put_roll(client: Client, entries, raw: str | None = None):
    return client.put(ROLL, data=raw if raw is not None else json.dumps({"entries": entries}),
                      content_type="application/json")


def test_a_blog_holds_blog_posts_only_with_its_roll(bea, cal, api):
    blog_post = committed(actions.do_create_post, bea, kind="blog", title="Week one", body="Long story").id
    committed(actions.do_create_post, bea, body="Just an update")
    committed(actions.do_set_blog_roll, bea, [{"handle": "cal"},
                                              {"url": "https://example.org/blog", "title": "Dad Notes"}])

    response = api().get("/api/v1/blogs/bea")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"id", "url", "author", "items", "next_before", "blog_roll", "listed_by"}
    assert (body["id"], body["url"], body["author"]["handle"]) == (bea.id, "/@bea/blog", "bea")
    assert [p["id"] for p in body["items"]] == [blog_post]
    assert body["items"][0]["title"] == "Week one"
    assert body["blog_roll"] == [
        {"title": "Cal", "url": "/@cal/blog", "member": {"id": cal.id, "handle": "cal", "display_name": "Cal",
                                                        "url": "/@cal", "avatar_url": ""}},
        {"title": "Dad Notes", "url": "https://example.org/blog", "member": None},
    ]
    assert [m["handle"] for m in api().get("/api/v1/blogs/cal").json()["listed_by"]] == ["bea"]


def test_a_blog_roll_leaves_out_blogs_the_viewer_may_not_see(bea, cal, api):
    shy = make_member("shy", is_public=False)
    committed(actions.do_set_blog_roll, bea, [{"handle": "cal"}, {"handle": "shy"}])
    committed(actions.do_set_blog_roll, shy, [{"handle": "bea"}])

    assert [e["title"] for e in api().get("/api/v1/blogs/bea").json()["blog_roll"]] == ["Cal"]
    assert api().get("/api/v1/blogs/bea").json()["listed_by"] == []
    viewer = make_member("vic")
    assert [e["title"] for e in api(viewer).get("/api/v1/blogs/bea").json()["blog_roll"]] == ["Cal", "Shy"]
    committed(actions.do_block, cal, viewer)
    assert [e["title"] for e in api(viewer).get("/api/v1/blogs/bea").json()["blog_roll"]] == ["Shy"]


def test_a_blog_you_may_not_see_is_a_404(bea, cal, api):
    make_member("shy", is_public=False)
    assert api().get("/api/v1/blogs/shy").status_code == 404
    assert api().get("/api/v1/blogs/nobody").status_code == 404
    committed(actions.do_block, bea, cal)
    assert api(cal).get("/api/v1/blogs/bea").status_code == 404


def test_setting_your_blog_roll(bea, cal, api):
    client = api(bea)
    response = put_roll(client, [{"url": "https://example.org/", "title": "Sleepless"}, {"handle": "@Cal"}])
    assert response.status_code == 200, response.content
    assert [e["title"] for e in response.json()] == ["Sleepless", "Cal"]
    assert [e["title"] for e in client.get(ROLL).json()] == ["Sleepless", "Cal"]

    assert put_roll(client, []).json() == []
    assert not BlogRollEntry.objects.exists()


@pytest.mark.parametrize("entries, status, field", [
    ([{"url": "javascript:alert(1)", "title": "x"}], 400, "entries.0.url"),
    ([{"url": "data:text/html,<script>", "title": "x"}], 400, "entries.0.url"),
    ([{"url": "https://example.org"}], 400, "entries.0.title"),
    ([{"handle": "nobody"}], 400, "entries.0.handle"),
    ([{"handle": "bea"}], 400, "entries.0.handle"),
    ([{"handle": "cal"}, {"handle": "cal"}], 400, "entries"),
    ([{"handle": "cal", "url": "https://example.org", "title": "x"}], 400, "entries.0"),
    ([{}], 400, "entries.0"),
    ([{"url": 5, "title": "x"}], 422, "entries.0.url"),
    ([{"handle": "cal", "colour": "red"}], 422, "entries.0.colour"),
    ([{"handle": "cal"}] * 51, 422, "entries"),
])
def test_a_bad_blog_roll_changes_nothing(bea, cal, api, entries, status, field):
    committed(actions.do_set_blog_roll, bea, [{"url": "https://keep.example/", "title": "Keep me"}])
    response = put_roll(api(bea), entries)
    assert response.status_code == status, response.content
    assert response.json()["error"] == "invalid" and field in response.json()["fields"], response.json()
    assert list(BlogRollEntry.objects.values_list("title", flat=True)) == ["Keep me"]


def test_a_blog_roll_must_be_an_object_with_entries(bea, api):
    for raw in ("[]", "{}", '{"entries": "cal"}'):
        assert put_roll(api(bea), None, raw=raw).status_code == 422


def test_blog_pages_page_without_overlap(bea, api, settings):
    settings.POST_RATE = "1000/3600"
    made = [committed(actions.do_create_post, bea, kind="blog", title=f"Part {n}", body="Words").id
            for n in range(5)]
    first = api().get("/api/v1/blogs/bea", {"limit": 3}).json()
    second = api().get("/api/v1/blogs/bea", {"limit": 3, "before": first["next_before"]}).json()
    assert [p["id"] for p in first["items"] + second["items"]] == sorted(made, reverse=True)
    assert second["next_before"] is None
