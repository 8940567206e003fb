"""A profile's follower count: counted once and kept (kettle.social.follower_counts), yet
always the followers this viewer may see, and fresh the moment someone follows or stops."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from kettle.social import actions
from tests.factories import make_member

pytestmark = pytest.mark.django_db


def shown(client: Client, handle: str) -> int:
    page = client.get(f"/@{handle}").content.decode()
    return int(re.search(r"<strong>(\d+)</strong> followers?<", page).group(1))


def logged_in(member) -> Client:
    client = Client()
    client.force_login(member, backend="kettle.accounts.auth.MemberBackend")
    return client


def test_the_count_follows_follows_and_unfollows_at_once(db):
    star = make_member("starling", is_public=True)
    fans = [make_member(f"fan{i}", is_public=i % 2 == 0) for i in range(4)]
    viewer = logged_in(make_member("viewer"))
    assert shown(viewer, "starling") == 0  # now kept
    for fan in fans:
        actions.do_follow(fan, star)
    assert shown(viewer, "starling") == 4
    actions.do_unfollow(fans[0], star)
    assert shown(viewer, "starling") == 3
    actions.do_remove_follower(star, fans[1].id)
    assert shown(viewer, "starling") == 2
    assert shown(Client(), "starling") == 1  # logged out: only fan2 has a public profile


def test_a_block_hides_that_follower_from_this_viewer_only(db):
    star = make_member("starling", is_public=True)
    fans = [make_member(f"fan{i}") for i in range(3)]
    for fan in fans:
        actions.do_follow(fan, star)
    wary, other = make_member("wary"), make_member("other")
    actions.do_block(wary, fans[0])
    actions.do_block(fans[1], wary)
    assert shown(logged_in(other), "starling") == 3
    assert shown(logged_in(wary), "starling") == 1


def test_a_follower_blocked_both_ways_is_hidden_once_and_a_departed_one_not_at_all(db):
    star = make_member("starling", is_public=True)
    fans = [make_member(f"fan{i}") for i in range(4)]
    for fan in fans:
        actions.do_follow(fan, star)
    wary = make_member("wary")
    actions.do_block(wary, fans[0])
    actions.do_block(fans[0], wary)  # each blocked the other: still one follower out of sight
    actions.do_block(wary, fans[1])
    fans[1].is_active = False  # gone: out of everyone's count, so not taken off twice
    fans[1].save(update_fields=["is_active"])
    assert shown(logged_in(make_member("other")), "starling") == 3
    assert shown(logged_in(wary), "starling") == 2
