"""Who may do what with a member's own meetup: viewer x audience x operation, every cell
written out, through the real pages and API (HTTP status codes). A group's meetups are in the
group permission matrix (tests/groups/test_group_permission_matrix.py).

Hana hosts (her profile is public, so logged-out visitors may see her public meetups). The
viewers: logged_out; stranger (a member with no link to Hana); follower; going (a follower who
said they're going); blocked (Hana blocked them); host (Hana); staff (site staff, who can run
any meetup they can see).

The operations:
- page:       GET the meetup's page.
- ics:        GET its calendar file.
- going:      PUT /api/v1/meetups/<id>/rsvp "going" (the host is going already: 400).
- attendees:  GET /api/v1/meetups/<id>/attendees.
- edit:       GET the edit page (hosts only; everyone else: no such page).
- cancel:     POST /api/v1/meetups/<id>/cancel.
"""

from __future__ import annotations

import json

import pytest

from kettle.accounts.actions import do_create_token
from kettle.meetups.actions import do_rsvp
from kettle.meetups.models import SafetyNote
from kettle.social.actions import do_block, do_follow
from tests.factories import make_meetup, make_member
from tests.helpers import CommittingClient, committed, run_undone

VIEWERS = ["logged_out", "stranger", "follower", "going", "blocked", "host", "staff"]
AUDIENCES = ["public", "followers"]

# operation -> viewer -> (public, followers)
EXPECTED: dict[str, dict[str, tuple]] = {
    "page": {"logged_out": (200, 404), "stranger": (200, 404), "follower": (200, 200), "going": (200, 200),
             "blocked": (404, 404), "host": (200, 200), "staff": (200, 404)},
    "ics": {"logged_out": (200, 404), "stranger": (200, 404), "follower": (200, 200), "going": (200, 200),
            "blocked": (404, 404), "host": (200, 200), "staff": (200, 404)},
    "going": {"logged_out": (401, 401), "stranger": (200, 404), "follower": (200, 200), "going": (200, 200),
              "blocked": (404, 404), "host": (400, 400), "staff": (200, 404)},
    "attendees": {"logged_out": (403, 404), "stranger": (403, 404), "follower": (403, 403), "going": (200, 200),
                  "blocked": (404, 404), "host": (200, 200), "staff": (200, 404)},
    "edit": {"logged_out": (302, 302), "stranger": (404, 404), "follower": (404, 404), "going": (404, 404),
             "blocked": (404, 404), "host": (200, 200), "staff": (200, 404)},
    "cancel": {"logged_out": (401, 401), "stranger": (403, 404), "follower": (403, 403), "going": (403, 403),
               "blocked": (404, 404), "host": (200, 200), "staff": (200, 404)},
}


class World:
    def __init__(self, audience: str):
        self.host = make_member("hana", is_public=True)
        self.people = {name: make_member(f"{name}1", staff=name == "staff")
                       for name in ("stranger", "follower", "going", "blocked", "staff")}
        SafetyNote.objects.bulk_create([SafetyNote(member=m) for m in self.people.values()])
        for name in ("follower", "going"):
            committed(do_follow, self.people[name], self.host)
        self.meetup = make_meetup(self.host, "Coffee by the river", audience=audience)
        committed(do_rsvp, self.people["going"], self.meetup.id, "going")
        committed(do_block, self.host, self.people["blocked"])
        self._clients: dict[str, CommittingClient] = {}

    def client(self, name: str) -> CommittingClient:
        if name not in self._clients:
            member = self.host if name == "host" else self.people.get(name)
            client = CommittingClient()
            if member is not None:
                _, raw = do_create_token(member, name="matrix")
                client = CommittingClient(headers={"Authorization": f"Bearer {raw}"})
                client.force_login(member, backend="kettle.accounts.auth.MemberBackend")
            self._clients[name] = client
        return self._clients[name]


def run(op: str, world: World, viewer: str):
    client, meetup = world.client(viewer), world.meetup
    if op == "page":
        return client.get(meetup.url).status_code
    if op == "ics":
        return client.get(meetup.ics_url).status_code
    if op == "going":
        return client.put(f"/api/v1/meetups/{meetup.id}/rsvp", data=json.dumps({"status": "going"}),
                          content_type="application/json").status_code
    if op == "attendees":
        return client.get(f"/api/v1/meetups/{meetup.id}/attendees").status_code
    if op == "edit":
        return client.get(f"/meetups/{meetup.id}/edit").status_code
    if op == "cancel":
        return client.post(f"/api/v1/meetups/{meetup.id}/cancel", data=json.dumps({"reason": "Rain"}),
                           content_type="application/json").status_code
    raise AssertionError(op)


@pytest.mark.parametrize("viewer, audience", [(v, a) for v in VIEWERS for a in AUDIENCES])
def test_meetup_permission_matrix(viewer, audience, db):
    world = World(audience)
    column = AUDIENCES.index(audience)
    outcomes = {op: run_undone(world.client, run, op, world, viewer) for op in EXPECTED}
    assert outcomes == {op: EXPECTED[op][viewer][column] for op in EXPECTED}


def test_the_matrix_has_every_cell():
    assert all(set(table) == set(VIEWERS) for table in EXPECTED.values())
    assert all(len(row) == len(AUDIENCES) for table in EXPECTED.values() for row in table.values())
