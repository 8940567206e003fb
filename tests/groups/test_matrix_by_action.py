"""Who may do what in a group, at the level of the queries and actions every page and endpoint
calls: viewer x group privacy x operation, every cell written out.

The group is owned by Olive and moderated by Moira. Meg (public profile, so logged-out readers
of a public group see her posts) wrote a post with a poll; Hal's first post waits for
approval; Pat has asked to join; Tom is an ordinary member; Ina is outside, to be invited.
Requests are made while the group is private, then it takes the privacy under test, so every
privacy has a request waiting and a pending viewer to ask about.

The viewers:
- logged_out: no account. Every action needs one (the pages and API ask them to sign in),
              so every action is refused before anything is looked up.
- outsider:   Nia, a member of the site with no link to the group.
- pending:    Pip, who has asked to join.
- invited:    Ivy, invited by the owner, not yet accepted.
- member:     Mel, an active member.
- moderator:  Moira.
- owner:      Olive.
- banned:     Bex, a member until the owner banned them.
- blocked:    Ben, an active member whom Meg (the post's author) has blocked.

The operations:
- see:      Group.objects.visible_to(viewer) holds the group (its page opens).
- posts:    Post.objects.visible_to(viewer) holds Meg's post.
- poll:     the poll on Meg's post can be read (its post is visible).
- results:  the viewer sees the poll's results before voting (author and moderators only;
            everyone else sees them after voting or closing, see test_poll_rules).
- members:  the member list: readable_by(viewer), and signed in.
- post:     do_create_post into the group.
- comment:  do_comment on Meg's post.     - react: do_react on it.     - vote: do_vote in its poll.
- join:     do_join_group with answers (joining, asking, accepting; already in is a no-op).
- invite:   do_invite_member of Ina.
- approve_request: do_approve_request of Pat.  - approve_post: do_approve_post of Hal's post.
- pin:      do_pin_post of Meg's post.         - ban: do_ban_member of Tom.

Outcomes: A allowed; X 404 (Http404, or absent from the query); R refused (PermissionDenied
or ValidationError: the viewer may see the thing but not do this)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404

from kettle.groups import actions
from kettle.groups.actions import PollSpec
from kettle.groups.models import Group, Membership, Poll
from kettle.groups.polls import poll_view
from kettle.social.actions import do_block, do_comment, do_react
from kettle.social.actions import do_create_post as create_post
from kettle.social.models import Post
from tests.factories import make_group, make_member
from tests.helpers import committed, posted

A, X, R = "allowed", "404", "refused"

VIEWERS = ["logged_out", "outsider", "pending", "invited", "member", "moderator", "owner", "banned", "blocked"]
PRIVACIES = ["public", "private", "secret"]
OPERATIONS = ["see", "posts", "poll", "results", "members", "post", "comment", "react", "vote", "join", "invite",
              "approve_request", "approve_post", "pin", "ban"]

#                                    see posts poll results members | post comment react vote join invite
#                                                                     approve_request approve_post pin ban
EXPECTED: dict[tuple[str, str], tuple[str, ...]] = {
    ("logged_out", "public"):  (A, A, A, R, X,  R, R, R, R, R, R,  R, R, R, R),
    ("logged_out", "private"): (A, X, X, X, X,  R, R, R, R, R, R,  R, R, R, R),
    ("logged_out", "secret"):  (X, X, X, X, X,  R, R, R, R, R, R,  R, R, R, R),
    ("outsider", "public"):    (A, A, A, R, A,  R, R, R, R, A, R,  R, R, R, R),
    ("outsider", "private"):   (A, X, X, X, X,  R, X, X, X, A, R,  R, R, R, R),
    ("outsider", "secret"):    (X, X, X, X, X,  X, X, X, X, X, X,  X, X, X, X),
    ("pending", "public"):     (A, A, A, R, A,  R, R, R, R, A, R,  R, R, R, R),
    ("pending", "private"):    (A, X, X, X, X,  R, X, X, X, A, R,  R, R, R, R),
    ("pending", "secret"):     (X, X, X, X, X,  X, X, X, X, X, X,  X, X, X, X),
    ("invited", "public"):     (A, A, A, R, A,  R, R, R, R, A, R,  R, R, R, R),
    ("invited", "private"):    (A, X, X, X, X,  R, X, X, X, A, R,  R, R, R, R),
    ("invited", "secret"):     (A, X, X, X, X,  R, X, X, X, A, R,  R, R, R, R),
    ("member", "public"):      (A, A, A, R, A,  A, A, A, A, A, A,  R, R, R, R),
    ("member", "private"):     (A, A, A, R, A,  A, A, A, A, A, A,  R, R, R, R),
    ("member", "secret"):      (A, A, A, R, A,  A, A, A, A, A, R,  R, R, R, R),
    ("moderator", "public"):   (A, A, A, A, A,  A, A, A, A, A, A,  A, A, A, A),
    ("moderator", "private"):  (A, A, A, A, A,  A, A, A, A, A, A,  A, A, A, A),
    ("moderator", "secret"):   (A, A, A, A, A,  A, A, A, A, A, A,  A, A, A, A),
    ("owner", "public"):       (A, A, A, A, A,  A, A, A, A, A, A,  A, A, A, A),
    ("owner", "private"):      (A, A, A, A, A,  A, A, A, A, A, A,  A, A, A, A),
    ("owner", "secret"):       (A, A, A, A, A,  A, A, A, A, A, A,  A, A, A, A),
    ("banned", "public"):      (A, A, A, R, A,  R, R, R, R, R, R,  R, R, R, R),
    ("banned", "private"):     (A, X, X, X, X,  R, X, X, X, R, R,  R, R, R, R),
    ("banned", "secret"):      (X, X, X, X, X,  X, X, X, X, X, X,  X, X, X, X),
    ("blocked", "public"):     (A, X, X, X, A,  A, X, X, X, A, A,  R, R, R, R),
    ("blocked", "private"):    (A, X, X, X, A,  A, X, X, X, A, A,  R, R, R, R),
    ("blocked", "secret"):     (A, X, X, X, A,  A, X, X, X, A, R,  R, R, R, R),
}

VIEWER_HANDLES = {"outsider": "nia", "pending": "pip", "invited": "ivy", "member": "mel", "banned": "bex",
                  "blocked": "ben"}


class _Undo(Exception):
    """Raised at the end of an allowed action so its savepoint rolls back: each cell starts
    from the same group."""


class World:
    def __init__(self, privacy: str, viewer_name: str) -> None:
        self.olive = make_member("olive")
        self.moira, self.meg = make_member("moira"), make_member("meg", is_public=True)
        self.hal, self.tom, self.pat, self.ina = (make_member(h) for h in ("hal", "tom", "pat", "ina"))
        handle = VIEWER_HANDLES.get(viewer_name)
        guest = make_member(handle) if handle else None
        in_group = {"member", "banned", "blocked"}
        members = (self.meg, self.hal, self.tom, *((guest,) if viewer_name in in_group else ()))
        self.group = make_group(self.olive, "Night Feeds Club", privacy="private", members=members,
                                moderators=(self.moira,), post_approval="first",
                                questions=["What brings you here?"])
        held = posted(self.meg, "Who else is awake?", group_id=self.group.id,
                      poll=PollSpec(options=["Tea", "Toast", "Both"]))
        self.post = committed(actions.do_approve_post, self.olive, self.group.id, held.id)
        self.held = posted(self.hal, "My first post here", group_id=self.group.id)
        for asking in (self.pat, *((guest,) if viewer_name == "pending" else ())):
            committed(actions.do_join_group, asking, self.group.id, answers=["Twins, and no sleep"])
        if viewer_name == "invited":
            committed(actions.do_invite_member, self.olive, self.group.id, guest.handle)
        if viewer_name == "banned":
            committed(actions.do_ban_member, self.olive, self.group.id, guest.id)
        if viewer_name == "blocked":
            committed(do_block, self.meg, guest)
        if privacy != "private":
            committed(actions.do_update_group, self.olive, self.group.id, privacy=privacy)
        self.viewer = {"moderator": self.moira, "owner": self.olive}.get(viewer_name, guest)


def _attempt(action) -> str:
    try:
        with transaction.atomic():
            action()
            raise _Undo
    except _Undo:
        return A
    except Http404:
        return X
    except (PermissionDenied, ValidationError):
        return R


def outcome(world: World, operation: str) -> str:
    viewer, group, post = world.viewer, world.group, world.post
    visible_post = Post.objects.visible_to(viewer).filter(id=post.id).first()
    if operation == "see":
        return A if Group.objects.visible_to(viewer).filter(id=group.id).exists() else X
    if operation == "posts":
        return A if visible_post else X
    if operation == "poll":
        return A if Poll.objects.filter(post__in=Post.objects.visible_to(viewer), id=post.poll.id).exists() else X
    if operation == "results":
        return X if visible_post is None else (A if poll_view(visible_post, viewer).results_visible else R)
    if operation == "members":
        return A if viewer is not None and Group.objects.readable_by(viewer).filter(id=group.id).exists() else X
    if viewer is None:
        return R
    option = post.poll.options.first()
    return _attempt({
        "post": lambda: create_post(viewer, body="Morning all", group_id=group.id),
        "comment": lambda: do_comment(viewer, post.id, body="Both, always."),
        "react": lambda: do_react(viewer, post.id, "hug"),
        "vote": lambda: actions.do_vote(viewer, post.poll.id, [option.id]),
        "join": lambda: actions.do_join_group(viewer, group.id, answers=["Twins, and no sleep"]),
        "invite": lambda: actions.do_invite_member(viewer, group.id, world.ina.handle),
        "approve_request": lambda: actions.do_approve_request(viewer, group.id, world.pat.id),
        "approve_post": lambda: actions.do_approve_post(viewer, group.id, world.held.id),
        "pin": lambda: actions.do_pin_post(viewer, group.id, post.id),
        "ban": lambda: actions.do_ban_member(viewer, group.id, world.tom.id),
    }[operation])


def test_the_matrix_has_every_cell():
    assert set(EXPECTED) == {(v, p) for v in VIEWERS for p in PRIVACIES}
    assert all(len(row) == len(OPERATIONS) for row in EXPECTED.values())


@pytest.mark.parametrize("viewer_name, privacy, expected",
                         [pytest.param(v, p, EXPECTED[v, p], id=f"{v}-{p}") for v in VIEWERS for p in PRIVACIES])
def test_who_may_do_what_in_a_group(db, viewer_name, privacy, expected):
    world = World(privacy, viewer_name)
    actual = {operation: outcome(world, operation) for operation in OPERATIONS}
    assert actual == dict(zip(OPERATIONS, expected, strict=True))


@pytest.mark.parametrize("privacy", PRIVACIES)
def test_the_cast_is_in_the_states_the_rows_name(db, privacy):
    world = World(privacy, "pending")
    states = dict(Membership.objects.filter(group=world.group).values_list("member__handle", "state"))
    assert Group.objects.get(id=world.group.id).privacy == privacy
    assert states == {"olive": "active", "moira": "active", "meg": "active", "hal": "active", "tom": "active",
                      "pat": "pending", "pip": "pending"}
    assert Post.objects.get(id=world.held.id).is_held and not Post.objects.get(id=world.post.id).is_held
