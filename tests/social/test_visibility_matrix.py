"""Who may do what with a post: viewer x audience x operation, every cell written out.

The viewers, all relative to the post's author Bea (whose profile is public):
- logged_out: no account at all.
- stranger:   a member with no relationship to Bea.
- follower:   follows Bea.
- blocked:    used to follow Bea; Bea blocked them (which ended the follow).
- muted:      follows Bea, and Bea has muted them. Mute is one-way and silent: it only
              changes what Bea sees, so the muted member's access is a follower's.
- author:     Bea herself.
- staff:      a staff member with no relationship to Bea. Staff are ordinary members on the
              site (moderation happens in the admin), so they see followers-only posts only if
              they follow.

The operations, each through the same code the pages and API use:
- view:    Post.objects.visible_to(viewer) holds it.
- home:    it is in timelines.home_timeline(viewer). Logged-out visitors have no home.
- local:   it is in timelines.local_timeline(viewer) (public posts only, by definition).
- comment: actions.do_comment succeeds (else Http404). Logged-out visitors have no account
           to comment with; the pages ask them to log in first.
- react:   actions.do_react succeeds (else Http404). Same for logged-out visitors.
- search:  timelines.search_posts finds it by a word in it.
- tag:     timelines.tag_timeline lists it under its hashtag.
- notify:  the post mentions the viewer, and the viewer gets a notification for it. Never to
           oneself; logged-out visitors have no notifications.

A second, smaller matrix covers the other direction of a mute: the viewer has muted Bea."""

from __future__ import annotations

import pytest
from django.http import Http404

from kettle.notifications.models import Notification
from kettle.social import actions, timelines
from kettle.social.models import Post
from tests.factories import make_member
from tests.helpers import committed

VIEWERS = ["logged_out", "stranger", "follower", "blocked", "muted", "author", "staff"]
AUDIENCES = ["public", "followers"]
OPERATIONS = ["view", "home", "local", "comment", "react", "search", "tag", "notify"]

Y, N = True, False

# (viewer, audience): view, home, local, comment, react, search, tag, notify
EXPECTED: dict[tuple[str, str], tuple[bool, ...]] = {
    ("logged_out", "public"):    (Y, N, Y, N, N, Y, Y, N),
    ("logged_out", "followers"): (N, N, N, N, N, N, N, N),
    ("stranger", "public"):      (Y, N, Y, Y, Y, Y, Y, Y),
    ("stranger", "followers"):   (N, N, N, N, N, N, N, N),
    ("follower", "public"):      (Y, Y, Y, Y, Y, Y, Y, Y),
    ("follower", "followers"):   (Y, Y, N, Y, Y, Y, Y, Y),
    ("blocked", "public"):       (N, N, N, N, N, N, N, N),
    ("blocked", "followers"):    (N, N, N, N, N, N, N, N),
    ("muted", "public"):         (Y, Y, Y, Y, Y, Y, Y, Y),
    ("muted", "followers"):      (Y, Y, N, Y, Y, Y, Y, Y),
    ("author", "public"):        (Y, Y, Y, Y, Y, Y, Y, N),
    ("author", "followers"):     (Y, Y, N, Y, Y, Y, Y, N),
    ("staff", "public"):         (Y, N, Y, Y, Y, Y, Y, Y),
    ("staff", "followers"):      (N, N, N, N, N, N, N, N),
}

CELLS = [
    pytest.param(viewer, audience, operation, EXPECTED[viewer, audience][index],
                 id=f"{viewer}-{audience}-{operation}")
    for viewer in VIEWERS for audience in AUDIENCES for index, operation in enumerate(OPERATIONS)
]

WORD = "marmalade"  # a word only the post under test contains, for search
TAG = "nightfeeds"


class World:
    def __init__(self) -> None:
        self.bea = make_member("bea", is_public=True)
        self.members = {
            "author": self.bea,
            "stranger": make_member("stranger"),
            "follower": make_member("follower"),
            "blocked": make_member("blocked"),
            "muted": make_member("muted"),
            "staff": make_member("staffer", staff=True),
        }
        for who in ("follower", "blocked", "muted"):
            committed(actions.do_follow, self.members[who], self.bea)
        committed(actions.do_block, self.bea, self.members["blocked"])
        committed(actions.do_mute, self.bea, self.members["muted"])

    def viewer(self, name: str):
        return self.members.get(name)  # logged_out -> None

    def post_for(self, viewer, audience: str) -> Post:
        mention = f" @{viewer.handle}" if viewer is not None else ""
        return committed(actions.do_create_post, self.bea, audience=audience,
                         body=f"Toast with {WORD} at 3 a.m. again #{TAG}{mention}")


@pytest.fixture
def world(db) -> World:
    return World()


def _ids(page) -> set[int]:
    return {card.post.id for card in page.items}


def can(operation: str, viewer, post: Post) -> bool:
    if operation == "view":
        return Post.objects.visible_to(viewer).filter(id=post.id).exists()
    if operation == "home":
        return viewer is not None and post.id in _ids(timelines.home_timeline(viewer))
    if operation == "local":
        return post.id in _ids(timelines.local_timeline(viewer))
    if operation == "search":
        return post.id in _ids(timelines.search_posts(viewer, WORD))
    if operation == "tag":
        return post.id in _ids(timelines.tag_timeline(viewer, TAG))
    if operation == "notify":
        return viewer is not None and Notification.objects.filter(
            recipient=viewer, kind=Notification.Kind.MENTION, post=post).exists()
    if viewer is None:  # comment, react: there is no account to act with
        return False
    try:
        if operation == "comment":
            committed(actions.do_comment, viewer, post.id, body="Sending you a hug.")
        else:
            committed(actions.do_react, viewer, post.id, "hug")
    except Http404:
        return False
    return True


def test_the_matrix_has_every_cell():
    assert set(EXPECTED) == {(v, a) for v in VIEWERS for a in AUDIENCES}
    assert all(len(row) == len(OPERATIONS) for row in EXPECTED.values())


@pytest.mark.parametrize("viewer_name, audience, operation, expected", CELLS)
def test_who_may_do_what_with_a_post(world, viewer_name, audience, operation, expected):
    viewer = world.viewer(viewer_name)
    post = world.post_for(viewer, audience)
    assert can(operation, viewer, post) is expected


def test_comment_and_react_leave_a_trace_only_when_allowed(world):
    post = world.post_for(world.viewer("stranger"), "followers")
    stranger = world.viewer("stranger")
    assert not can("comment", stranger, post) and not can("react", stranger, post)
    post.refresh_from_db()
    assert (post.comment_count, post.hug_count) == (0, 0)
    assert not post.comments.exists() and not post.reactions.exists()


def test_logged_out_visitors_see_public_posts_only_from_public_profiles(world):
    shy = make_member("shy")  # profiles are not public by default
    post = committed(actions.do_create_post, shy, body=f"Quiet {WORD} morning #{TAG}")
    for operation in ("view", "local", "search", "tag"):
        assert can(operation, None, post) is False, operation
    stranger = world.viewer("stranger")
    for operation in ("view", "local", "search", "tag"):
        assert can(operation, stranger, post) is True, operation


def test_a_deleted_post_is_gone_for_everyone_including_its_author(world):
    post = world.post_for(world.viewer("follower"), "public")
    committed(actions.do_delete_post, world.bea, post.id)
    for name in VIEWERS:
        viewer = world.viewer(name)
        for operation in OPERATIONS:
            assert can(operation, viewer, post) is False, (name, operation)


# --- The other direction: the viewer has muted the author --------------------------------------

# operation: expected for a follower of Bea who has muted her. Mute hides Bea from the muter's
# feeds, tag pages, search and notifications, but her posts stay readable (a muted author's
# post opened from a link still shows) and the muter may still answer them.
MUTER_EXPECTED = {
    "view": Y, "home": N, "local": N, "comment": Y, "react": Y, "search": N, "tag": N, "notify": N,
}


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("operation, expected", list(MUTER_EXPECTED.items()))
def test_what_a_member_who_muted_the_author_gets(world, audience, operation, expected):
    muter = make_member("muter")
    committed(actions.do_follow, muter, world.bea)
    committed(actions.do_mute, muter, world.bea)
    post = world.post_for(muter, audience)
    if operation == "local" and audience == "followers":
        expected = False  # never on the local timeline anyway
    assert can(operation, muter, post) is expected


def test_the_muter_matrix_has_every_operation():
    assert set(MUTER_EXPECTED) == set(OPERATIONS)
