"""The meetups API costs a fixed number of queries however many meetups, people or comments a
response shows: each endpoint is measured small, then grown, and must not cost more."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kettle.accounts.actions import do_create_token
from kettle.meetups.actions import do_comment_on_meetup, do_rsvp
from kettle.meetups.models import SafetyNote
from tests.factories import make_meetup, make_member, make_venue
from tests.helpers import committed

BOUND = 15  # a generous ceiling: flatness is what matters, but nothing here should need more


@pytest.fixture(autouse=True)
def _room_to_grow(settings):
    settings.MEETUP_CREATE_RATE = settings.COMMENT_RATE = "10000/3600"


class World:
    """Hana (public) hosting meetups at Ipswich venues, seen by Vic (who lives in Ipswich) and by
    a logged-out visitor; `grow(n)` adds n more meetups, each with RSVPs, and n more people
    going to (and commenting on) the first meetup."""

    def __init__(self):
        self.hana = make_member("hana", place="Ipswich", is_public=True)
        self.vic = make_member("vic", place="Ipswich")
        SafetyNote.objects.create(member=self.vic)
        self.venues = [make_venue(self.hana, "Ipswich Library"),
                       make_venue(self.hana, "Kesgrave Cafe", place="Kesgrave", address="Main Road")]
        self.first = make_meetup(self.hana, "Rhyme time", venue=self.venues[0], in_days=1, capacity=100)
        committed(do_rsvp, self.vic, self.first.id, "going", first_timer=True)
        self.people = 0
        self.clients = {"hana": self._client(self.hana), "vic": self._client(self.vic), "anon": Client()}

    @staticmethod
    def _client(member) -> Client:
        _, raw = do_create_token(member, name="tests")
        return Client(headers={"Authorization": f"Bearer {raw}"})

    def _person(self):
        self.people += 1
        person = make_member(f"parent{self.people}", is_public=True)
        SafetyNote.objects.create(member=person)
        return person

    def grow(self, count: int) -> None:
        for i in range(count):
            meetup = make_meetup(self.hana, f"Playdate {self.people}", venue=self.venues[i % 2], in_days=2)
            guest = self._person()
            committed(do_rsvp, guest, meetup.id, "going", first_timer=bool(i % 2))
            committed(do_rsvp, self.vic, meetup.id, "maybe")
            committed(do_rsvp, guest, self.first.id, "going", first_timer=bool(i % 2))
            committed(do_comment_on_meetup, guest, self.first.id, body="See you there")

    def count(self, who: str, path: str) -> int:
        client = self.clients[who]
        client.get(path)  # warm: a token's first use records when it was used
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, response.content
        return len(queries.captured_queries)


PATHS = [
    ("vic", "/api/v1/meetups"),
    ("vic", "/api/v1/meetups?near=none"),
    ("anon", "/api/v1/meetups"),
    ("vic", "/api/v1/meetups?age=0-6m&q=playdate"),
    ("vic", "/api/v1/meetups/mine"),
    ("hana", "/api/v1/meetups/mine"),
    ("hana", "/api/v1/meetups/{first}"),
    ("vic", "/api/v1/meetups/{first}"),
    ("anon", "/api/v1/meetups/{first}"),
    ("hana", "/api/v1/meetups/{first}/attendees"),
    ("vic", "/api/v1/meetups/{first}/attendees"),
    ("hana", "/api/v1/meetups/{first}/waitlist"),
    ("anon", "/api/v1/meetups/{first}/comments"),
    ("hana", "/api/v1/meetups/{first}/comments"),
    ("anon", "/api/v1/venues"),
    ("vic", "/api/v1/venues/{venue}"),
]


def test_every_meetups_endpoint_costs_the_same_queries_with_few_or_many_items(db):
    world = World()
    paths = [(who, path.format(first=world.first.id, venue=world.venues[0].id)) for who, path in PATHS]

    world.grow(2)  # 3 meetups, 2 more people going to the first
    few = {(who, path): world.count(who, path) for who, path in paths}
    world.grow(10)  # 13 meetups, 12 people going to the first
    world.grow(2)   # 15 meetups
    many = {(who, path): world.count(who, path) for who, path in paths}

    assert many == few
    assert max(many.values()) <= BOUND, many


def test_the_list_shows_every_meetup_with_its_rsvps_after_growing(db):
    world = World()
    world.grow(14)
    items = world.clients["vic"].get("/api/v1/meetups").json()["items"]
    assert len(items) == 15
    assert sum(1 for item in items if item["my_rsvp"] == {"status": "maybe", "first_timer": False}) == 14
    host_view = world.clients["hana"].get(f"/api/v1/meetups/{world.first.id}").json()
    assert len(host_view["attendees"]) == 15 and host_view["going_count"] == 15


def test_the_host_sees_2_or_12_attendees_for_the_same_cost(db, django_assert_num_queries):
    world = World()
    path = f"/api/v1/meetups/{world.first.id}"
    world.grow(1)  # 2 going
    small_detail, small_list = world.count("hana", path), world.count("hana", f"{path}/attendees")
    world.grow(10)  # 12 going
    client = world.clients["hana"]
    with django_assert_num_queries(small_detail):
        body = client.get(path).json()
    assert [a["first_timer"] for a in body["attendees"]].count(True) == 6
    with django_assert_num_queries(small_list):
        assert len(client.get(f"{path}/attendees").json()["items"]) == 12
