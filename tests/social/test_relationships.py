"""Follows (and requests to follow locked profiles), blocks and mutes, at the action level."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from kettle.accounts.models import Member
from kettle.notifications.models import Notification
from kettle.social import actions
from kettle.social.actions import FollowState
from kettle.social.models import Block, Follow, FollowRequest, Mute, Post
from tests.factories import make_member
from tests.helpers import committed


def follows(a, b) -> bool:
    return Follow.objects.filter(follower=a, followee=b).exists()


@pytest.fixture
def locked(db):
    return make_member("lockie", is_locked=True)


def test_following_an_open_profile_starts_at_once_and_notifies_them(bea, cal):
    assert committed(actions.do_follow, cal, bea) == FollowState.FOLLOWING
    assert follows(cal, bea)
    assert Notification.objects.filter(recipient=bea, actor=cal, kind=Notification.Kind.FOLLOW).count() == 1


def test_following_twice_changes_nothing_and_notifies_once(bea, cal):
    committed(actions.do_follow, cal, bea)
    assert committed(actions.do_follow, cal, bea) == FollowState.FOLLOWING
    assert Follow.objects.filter(follower=cal, followee=bea).count() == 1
    assert Notification.objects.filter(recipient=bea, kind=Notification.Kind.FOLLOW).count() == 1


def test_following_again_after_unfollowing_does_not_repeat_the_notification(bea, cal):
    committed(actions.do_follow, cal, bea)
    committed(actions.do_unfollow, cal, bea)
    committed(actions.do_follow, cal, bea)
    assert follows(cal, bea)
    assert Notification.objects.filter(recipient=bea, kind=Notification.Kind.FOLLOW).count() == 1


def test_nobody_can_follow_themselves(bea):
    with pytest.raises(ValidationError):
        committed(actions.do_follow, bea, bea)
    assert not Follow.objects.exists()


def test_a_locked_profile_gets_a_request_instead_of_a_follower(locked, cal):
    assert committed(actions.do_follow, cal, locked) == FollowState.REQUESTED
    assert not follows(cal, locked)
    assert FollowRequest.objects.filter(follower=cal, followee=locked).exists()
    assert Notification.objects.filter(recipient=locked, kind=Notification.Kind.FOLLOW_REQUEST).count() == 1
    assert committed(actions.do_follow, cal, locked) == FollowState.REQUESTED
    assert FollowRequest.objects.count() == 1


def test_approving_a_request_makes_a_follower_and_clears_the_request(locked, cal):
    committed(actions.do_follow, cal, locked)
    committed(actions.do_approve_follow_request, locked, cal.id)
    assert follows(cal, locked)
    assert not FollowRequest.objects.exists()
    assert Notification.objects.filter(recipient=locked, actor=cal, kind=Notification.Kind.FOLLOW).exists()


def test_declining_a_request_leaves_no_follow(locked, cal):
    committed(actions.do_follow, cal, locked)
    committed(actions.do_decline_follow_request, locked, cal.id)
    assert not follows(cal, locked) and not FollowRequest.objects.exists()
    with pytest.raises(Http404):
        committed(actions.do_decline_follow_request, locked, cal.id)


def test_only_the_locked_member_can_approve_their_own_requests(locked, cal, bea):
    committed(actions.do_follow, cal, locked)
    with pytest.raises(Http404):
        committed(actions.do_approve_follow_request, bea, cal.id)
    assert not follows(cal, locked)


def test_unfollowing_withdraws_a_pending_request_too(locked, cal):
    committed(actions.do_follow, cal, locked)
    committed(actions.do_unfollow, cal, locked)
    assert not FollowRequest.objects.exists()


def test_a_member_can_quietly_remove_a_follower(bea, cal):
    committed(actions.do_follow, cal, bea)
    committed(actions.do_remove_follower, bea, cal.id)
    assert not follows(cal, bea)
    assert not Block.objects.exists()


def test_following_an_inactive_member_is_a_404(bea, cal):
    Member.objects.filter(id=bea.id).update(is_active=False)
    bea.refresh_from_db()
    with pytest.raises(Http404):
        committed(actions.do_follow, cal, bea)


def test_blocking_ends_follows_and_requests_both_ways(bea, cal, locked):
    committed(actions.do_follow, cal, bea)
    committed(actions.do_follow, bea, cal)
    committed(actions.do_follow, locked, cal)
    committed(actions.do_follow, cal, locked)  # a pending request
    committed(actions.do_block, bea, cal)
    committed(actions.do_block, locked, cal)
    assert not Follow.objects.filter(follower=cal).exists()
    assert not Follow.objects.filter(followee=cal).exists()
    assert not FollowRequest.objects.exists()


@pytest.mark.parametrize("who_follows", ["blocker", "blocked"])
def test_neither_side_of_a_block_can_follow_the_other(bea, cal, who_follows):
    committed(actions.do_block, bea, cal)
    follower, followee = (bea, cal) if who_follows == "blocker" else (cal, bea)
    with pytest.raises(Http404):
        committed(actions.do_follow, follower, followee)
    assert not Follow.objects.exists()


def test_a_block_hides_each_profile_from_the_other(bea, cal):
    committed(actions.do_block, bea, cal)
    assert not Member.objects.visible_to(cal).filter(id=bea.id).exists()
    assert not Member.objects.visible_to(bea).filter(id=cal.id).exists()


def test_a_block_hides_each_sides_posts_from_the_other(bea, cal):
    hers = committed(actions.do_create_post, bea, body="Bea's public post")
    his = committed(actions.do_create_post, cal, body="Cal's public post")
    committed(actions.do_block, bea, cal)
    assert not Post.objects.visible_to(cal).filter(id=hers.id).exists()
    assert not Post.objects.visible_to(bea).filter(id=his.id).exists()


def test_blocking_twice_is_harmless_and_unblocking_does_not_restore_follows(bea, cal):
    committed(actions.do_follow, cal, bea)
    committed(actions.do_block, bea, cal)
    committed(actions.do_block, bea, cal)
    assert Block.objects.count() == 1
    committed(actions.do_unblock, bea, cal.id)
    assert not Block.objects.exists()
    assert not follows(cal, bea)
    assert Member.objects.visible_to(cal).filter(id=bea.id).exists()


def test_only_the_blocker_can_lift_a_block(bea, cal):
    committed(actions.do_block, bea, cal)
    committed(actions.do_unblock, cal, bea.id)
    assert Block.objects.filter(blocker=bea, blocked=cal).exists()


def test_nobody_can_block_or_mute_themselves(bea):
    with pytest.raises(ValidationError):
        committed(actions.do_block, bea, bea)
    with pytest.raises(ValidationError):
        committed(actions.do_mute, bea, bea)
    assert not Block.objects.exists() and not Mute.objects.exists()


def test_a_mute_is_one_way_and_keeps_the_follow(bea, cal):
    committed(actions.do_follow, cal, bea)
    committed(actions.do_mute, cal, bea)
    assert follows(cal, bea)
    mine = committed(actions.do_create_post, cal, body="Cal posts as usual")
    assert Post.objects.visible_to(bea).filter(id=mine.id).exists()  # bea never knows
    assert Member.objects.visible_to(bea).filter(id=cal.id).exists()
    assert Member.objects.visible_to(cal).filter(id=bea.id).exists()


def test_muting_twice_is_harmless_and_unmute_lifts_it(bea, cal):
    committed(actions.do_mute, cal, bea)
    committed(actions.do_mute, cal, bea)
    assert Mute.objects.count() == 1
    committed(actions.do_unmute, cal, bea.id)
    assert not Mute.objects.exists()
