"""Every list in the social API costs a fixed number of queries however many items it shows:
each is measured with a few items and with a full page, and must not grow."""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kettle.accounts.actions import do_create_token
from kettle.social import actions
from tests.factories import make_member
from tests.helpers import committed

BOUND = 8  # the home timeline's design budget; no list here needs more


class World:
    """Bea (public) with blog posts tagged #sleep, a post that collects comments and reactions,
    followers, and notifications; `grow(n)` adds n more of each."""

    def __init__(self):
        self.bea = make_member("bea", is_public=True)
        self.viewer = make_member("vic", is_public=True)
        committed(actions.do_follow, self.viewer, self.bea)
        self.post = committed(actions.do_create_post, self.bea, body="Talk to me #sleep")
        committed(actions.do_bookmark, self.viewer, self.post.id)
        self.fans = 0
        _, raw = do_create_token(self.viewer, name="tests")
        self.as_viewer = Client(headers={"Authorization": f"Bearer {raw}"})
        _, raw = do_create_token(self.bea, name="tests")
        self.as_bea = Client(headers={"Authorization": f"Bearer {raw}"})

    def grow(self, count: int) -> None:
        for _ in range(count):
            self.fans += 1
            fan = make_member(f"fan{self.fans}", is_public=True)
            committed(actions.do_follow, fan, self.bea)
            committed(actions.do_react, fan, self.post.id, "hug")
            committed(actions.do_comment, fan, self.post.id, body="Here with you")
            committed(actions.do_create_post, self.bea, kind="blog", title="Night", body="Words #sleep",
                      content_note="sleep")
            committed(actions.do_set_blog_roll, fan, [{"handle": "bea"}])

    def count(self, client: Client, path: str) -> int:
        client.get(path)  # warm: a token's first use records when it was used
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, response.content
        return len(queries.captured_queries)


PATHS = [
    ("viewer", "/api/v1/timelines/home"),
    ("viewer", "/api/v1/timelines/local"),
    ("anon", "/api/v1/timelines/local"),
    ("viewer", "/api/v1/tags/sleep"),
    ("viewer", "/api/v1/search?q=night"),
    ("viewer", "/api/v1/people/bea/posts"),
    ("anon", "/api/v1/blogs/bea"),
    ("viewer", "/api/v1/blogs/bea"),
    ("viewer", "/api/v1/bookmarks"),
    ("viewer", "/api/v1/posts/{post}"),
    ("viewer", "/api/v1/posts/{post}/comments"),
    ("viewer", "/api/v1/posts/{post}/reactions"),
    ("anon", "/api/v1/people/bea/followers"),
    ("viewer", "/api/v1/people/fan1/following"),
    ("bea", "/api/v1/notifications"),
]


def test_every_list_costs_the_same_queries_with_few_or_many_items(db, settings):
    settings.POST_RATE = settings.COMMENT_RATE = "10000/3600"
    world = World()
    clients = {"viewer": world.as_viewer, "bea": world.as_bea, "anon": Client()}
    paths = [(who, path.format(post=world.post.id)) for who, path in PATHS]

    world.grow(2)
    few = {(who, path): world.count(clients[who], path) for who, path in paths}
    world.grow(21)
    many = {(who, path): world.count(clients[who], path) for who, path in paths}

    grew = {key: (few[key], many[key]) for key in paths if not many[key] <= few[key] <= BOUND}
    assert grew == {}, f"(few, many) queries over the budget of {BOUND} or growing: {grew}"
