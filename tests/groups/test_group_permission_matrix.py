"""Who may do what in a group: viewer x group privacy x operation, every cell written out,
through the real pages and API (HTTP status codes).

The group is owned by Olive; Moira moderates; Meg (a member, with a public profile) wrote
the post, which carries a poll. The viewers:
- logged_out: no account.
- outsider:   a member with no link to the group.
- pending:    on the way in but not yet in: asked to join (private), or invited (public and
              secret, where asking isn't how one gets in: a public group lets you in at once,
              a secret one only by invitation).
- member:     an active member.
- moderator:  Moira.
- banned:     banned by the moderators (after being a member).
- blocked:    an active member whom Meg, the post's author, has blocked.

The operations:
- page:     GET the group's page (its existence).
- post:     GET the post's own page (group posts live at /groups/<slug>/posts/<id>).
- feed:     the post's words appear on the group page.
- members:  GET the group's member list page.
- poll:     GET /api/v1/polls/<id> (the poll and, once allowed, its results).
- comment:  POST /api/v1/posts/<id>/comments.
- vote:     POST /api/v1/polls/<id>/votes.
- write:    POST /api/v1/posts into the group.
- join:     POST /api/v1/groups/<slug>/members (join, ask, or accept an invitation).
- queue:    GET the moderators' queue page.

And the group's meetup (Meg hosts it, for the group only):
- meetup:     GET the meetup's page.
- ics:        GET its calendar file.
- going:      PUT /api/v1/meetups/<id>/rsvp "going".
- attendees:  GET /api/v1/meetups/<id>/attendees (the hosts and those going only).
- ask:        POST /api/v1/meetups/<id>/comments (a question under it).
"""

from __future__ import annotations

import json

import pytest

from kettle.accounts.actions import do_create_token
from kettle.accounts.models import Profile
from kettle.groups import actions
from kettle.groups.actions import PollSpec
from kettle.meetups.models import SafetyNote
from kettle.social.actions import do_block
from tests.factories import make_group, make_meetup, make_member
from tests.helpers import CommittingClient, committed, posted, run_undone

VIEWERS = ["logged_out", "outsider", "pending", "member", "moderator", "banned", "blocked"]
PRIVACIES = ["public", "private", "secret"]

# operation -> viewer -> (public, private, secret)
EXPECTED: dict[str, dict[str, tuple]] = {
    "page": {
        "logged_out": (200, 200, 404), "outsider": (200, 200, 404), "pending": (200, 200, 200),
        "member": (200, 200, 200), "moderator": (200, 200, 200), "banned": (200, 200, 404),
        "blocked": (200, 200, 200)},
    "post": {
        "logged_out": (200, 404, 404), "outsider": (200, 404, 404), "pending": (200, 404, 404),
        "member": (200, 200, 200), "moderator": (200, 200, 200), "banned": (200, 404, 404),
        "blocked": (404, 404, 404)},
    "feed": {
        "logged_out": (True, False, False), "outsider": (True, False, False), "pending": (True, False, False),
        "member": (True, True, True), "moderator": (True, True, True), "banned": (True, False, False),
        "blocked": (False, False, False)},
    "members": {
        "logged_out": (404, 404, 404), "outsider": (200, 404, 404), "pending": (200, 404, 404),
        "member": (200, 200, 200), "moderator": (200, 200, 200), "banned": (200, 404, 404),
        "blocked": (200, 200, 200)},
    "poll": {
        "logged_out": (200, 404, 404), "outsider": (200, 404, 404), "pending": (200, 404, 404),
        "member": (200, 200, 200), "moderator": (200, 200, 200), "banned": (200, 404, 404),
        "blocked": (404, 404, 404)},
    "comment": {
        "logged_out": (401, 401, 401), "outsider": (403, 404, 404), "pending": (403, 404, 404),
        "member": (201, 201, 201), "moderator": (201, 201, 201), "banned": (403, 404, 404),
        "blocked": (404, 404, 404)},
    "vote": {
        "logged_out": (401, 401, 401), "outsider": (403, 404, 404), "pending": (403, 404, 404),
        "member": (201, 201, 201), "moderator": (201, 201, 201), "banned": (403, 404, 404),
        "blocked": (404, 404, 404)},
    "write": {
        "logged_out": (401, 401, 401), "outsider": (403, 403, 400), "pending": (403, 403, 403),
        "member": (201, 201, 201), "moderator": (201, 201, 201), "banned": (403, 403, 400),
        "blocked": (201, 201, 201)},
    "join": {
        "logged_out": (401, 401, 401), "outsider": (201, 201, 404), "pending": (201, 200, 201),
        "member": (200, 200, 200), "moderator": (200, 200, 200), "banned": (403, 403, 404),
        "blocked": (200, 200, 200)},
    "queue": {
        "logged_out": (302, 302, 302), "outsider": (404, 404, 404), "pending": (404, 404, 404),
        "member": (404, 404, 404), "moderator": (200, 200, 200), "banned": (404, 404, 404),
        "blocked": (404, 404, 404)},
    # A group's meetup is seen exactly as its posts are; taking part needs membership.
    "meetup": {
        "logged_out": (200, 404, 404), "outsider": (200, 404, 404), "pending": (200, 404, 404),
        "member": (200, 200, 200), "moderator": (200, 200, 200), "banned": (200, 404, 404),
        "blocked": (404, 404, 404)},
    "ics": {
        "logged_out": (200, 404, 404), "outsider": (200, 404, 404), "pending": (200, 404, 404),
        "member": (200, 200, 200), "moderator": (200, 200, 200), "banned": (200, 404, 404),
        "blocked": (404, 404, 404)},
    "going": {
        "logged_out": (401, 401, 401), "outsider": (403, 404, 404), "pending": (403, 404, 404),
        "member": (200, 200, 200), "moderator": (200, 200, 200), "banned": (403, 404, 404),
        "blocked": (404, 404, 404)},
    # Nobody but the hosts (Meg, and the group's moderators, who run its meetups) and the
    # people going sees who is going; the member here hasn't said they're going.
    "attendees": {
        "logged_out": (403, 404, 404), "outsider": (403, 404, 404), "pending": (403, 404, 404),
        "member": (403, 403, 403), "moderator": (200, 200, 200), "banned": (403, 404, 404),
        "blocked": (404, 404, 404)},
    "ask": {
        "logged_out": (401, 401, 401), "outsider": (403, 404, 404), "pending": (403, 404, 404),
        "member": (201, 201, 201), "moderator": (201, 201, 201), "banned": (403, 404, 404),
        "blocked": (404, 404, 404)},
}

CELLS = [(op, viewer, privacy, EXPECTED[op][viewer][i])
         for op in EXPECTED for viewer in VIEWERS for i, privacy in enumerate(PRIVACIES)]


class World:
    def __init__(self, privacy: str):
        self._clients: dict[str, CommittingClient] = {}
        self.olive, self.moira = make_member("olive"), make_member("moira")
        self.meg = make_member("meg")
        Profile.objects.filter(member=self.meg).update(is_public=True)
        self.people = {name: make_member(name) for name in ("outsider", "pending", "member", "banned", "blocked")}
        self.group = make_group(self.olive, f"The {privacy} group", privacy=privacy, moderators=(self.moira,),
                                members=(self.meg, self.people["member"], self.people["banned"],
                                         self.people["blocked"]))
        if privacy == "private":
            committed(actions.do_join_group, self.people["pending"], self.group.id, answers=[])
        else:
            committed(actions.do_invite_member, self.olive, self.group.id, "pending")
        committed(actions.do_ban_member, self.olive, self.group.id, self.people["banned"].id)
        self.post = posted(self.meg, "Our Tuesday meet-up moves to the library", group_id=self.group.id,
                           poll=PollSpec(options=["Yes", "No"]))
        self.meetup = make_meetup(self.meg, "Tuesday walk round the park", group_id=self.group.id)
        SafetyNote.objects.bulk_create([SafetyNote(member=m) for m in (*self.people.values(), self.moira)])
        committed(do_block, self.meg, self.people["blocked"])

    def viewer(self, name: str):
        return {"logged_out": None, "moderator": self.moira}.get(name) or self.people.get(name)

    def client(self, name: str) -> CommittingClient:
        if name not in self._clients:
            self._clients[name] = self._new_client(name)
        return self._clients[name]

    def _new_client(self, name: str) -> CommittingClient:
        member = self.viewer(name)
        if member is None:
            return CommittingClient()
        _, raw = do_create_token(member, name="matrix")
        client = CommittingClient(headers={"Authorization": f"Bearer {raw}"})
        client.force_login(member, backend="kettle.accounts.auth.MemberBackend")
        return client


def _send(client, path, body):
    return client.post(path, data=json.dumps(body), content_type="application/json")


def run(op: str, world: World, viewer: str):
    client, group, post = world.client(viewer), world.group, world.post
    poll = post.poll
    if op == "page":
        return client.get(group.url).status_code
    if op == "post":
        return client.get(post.url).status_code
    if op == "feed":
        response = client.get(group.url)
        return response.status_code == 200 and "Our Tuesday meet-up" in response.content.decode()
    if op == "members":
        return client.get(f"{group.url}/members").status_code
    if op == "poll":
        return client.get(f"/api/v1/polls/{poll.id}").status_code
    if op == "comment":
        return _send(client, f"/api/v1/posts/{post.id}/comments", {"body": "Lovely, see you there"}).status_code
    if op == "vote":
        return _send(client, f"/api/v1/polls/{poll.id}/votes", {"options": [poll.options.first().id]}).status_code
    if op == "write":
        return _send(client, "/api/v1/posts", {"body": "Hello all", "group": group.slug}).status_code
    if op == "join":
        return _send(client, f"/api/v1/groups/{group.slug}/members", {"answers": []}).status_code
    if op == "queue":
        return client.get(f"{group.url}/queue").status_code
    meetup = world.meetup
    if op == "meetup":
        return client.get(meetup.url).status_code
    if op == "ics":
        return client.get(meetup.ics_url).status_code
    if op == "going":
        return client.put(f"/api/v1/meetups/{meetup.id}/rsvp", data=json.dumps({"status": "going"}),
                          content_type="application/json").status_code
    if op == "attendees":
        return client.get(f"/api/v1/meetups/{meetup.id}/attendees").status_code
    if op == "ask":
        return _send(client, f"/api/v1/meetups/{meetup.id}/comments", {"body": "Is there parking?"}).status_code
    raise AssertionError(op)


@pytest.mark.parametrize("viewer, privacy", [(v, p) for v in VIEWERS for p in PRIVACIES])
def test_group_permission_matrix(viewer, privacy, db):
    """One world per viewer and privacy; every operation's cell checked in it."""
    world = World(privacy)
    column = PRIVACIES.index(privacy)
    outcomes = {op: run_undone(world.client, run, op, world, viewer) for op in EXPECTED}
    assert outcomes == {op: EXPECTED[op][viewer][column] for op in EXPECTED}


def test_the_matrix_has_every_cell():
    assert len(CELLS) == len(EXPECTED) * len(VIEWERS) * len(PRIVACIES)
    assert all(len(row) == len(PRIVACIES) for table in EXPECTED.values() for row in table.values())
    assert all(set(table) == set(VIEWERS) for table in EXPECTED.values())
