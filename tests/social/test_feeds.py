"""Home feeds by fan-out on write: who gets a post, and how follows, blocks, mutes and deletes
change that afterwards. Tasks run immediately in tests but only after commit, so actions are
run through `committed`."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.http import Http404
from django.test import TestCase
from django.utils import timezone

from kettle.notifications.models import Notification
from kettle.social import actions, tasks, timelines
from kettle.social.models import FeedEntry, Follow, Post
from tests.factories import make_group, make_member
from tests.helpers import committed, posted


def feed_ids(member) -> list[int]:
    return list(FeedEntry.objects.filter(member=member).order_by("-post_id").values_list("post_id", flat=True))


def home_ids(member, **kwargs) -> list[int]:
    return [card.post.id for card in timelines.home_timeline(member, **kwargs).items]


def test_a_follower_gets_new_posts_in_their_home_feed(bea, cal):
    committed(actions.do_follow, cal, bea)
    first = posted(bea, "First night home with the baby.")
    second = posted(bea, "Second night, slightly better.")
    assert feed_ids(cal) == [second.id, first.id]
    assert home_ids(cal) == [second.id, first.id]


def test_a_big_audience_gets_the_first_few_at_once_and_the_rest_from_the_queue(bea, cal, dee, monkeypatch):
    eve = make_member("eve")
    for follower in (cal, dee, eve):
        committed(actions.do_follow, follower, bea)
    monkeypatch.setattr(tasks, "INLINE_AUDIENCE", 1)  # an audience of three is too big to fan out while posting
    with TestCase.captureOnCommitCallbacks(execute=False) as callbacks:
        mine = actions.do_create_post(bea, body="Just me so far.")
    assert callbacks, "the rest of a big audience's fan-out waits for the commit"
    assert feed_ids(bea) == [mine.id]  # the author sees it at once
    assert len([m for m in (cal, dee, eve) if feed_ids(m) == [mine.id]]) == 2  # one past the limit says "more"
    for callback in callbacks:
        callback()
    assert feed_ids(cal) == feed_ids(dee) == feed_ids(eve) == [mine.id]
    assert FeedEntry.objects.filter(post=mine).count() == 4  # nobody twice


def test_a_group_just_past_the_inline_limit_gets_the_post_to_every_member(bea, cal, dee, monkeypatch):
    eve = make_member("eve")
    group = make_group(bea, members=(cal, dee, eve))  # the author is a member too
    monkeypatch.setattr(tasks, "INLINE_AUDIENCE", 2)  # three other members: one past the limit
    with TestCase.captureOnCommitCallbacks(execute=True):
        post = actions.do_create_post(bea, body="Who's at the library on Friday?", group_id=group.id)
    assert feed_ids(bea) == feed_ids(cal) == feed_ids(dee) == feed_ids(eve) == [post.id]
    assert FeedEntry.objects.filter(post=post).count() == 4  # nobody twice


def test_the_audience_a_post_is_fanned_out_to_never_counts_its_author(bea, cal):
    group = make_group(bea, members=(cal,))
    assert list(tasks.audience_of(bea.id, group_id=group.id, anonymous=False)) == [cal.id]


def test_a_small_audience_gets_the_post_in_the_posting_transaction(bea, cal, monkeypatch):
    committed(actions.do_follow, cal, bea)
    monkeypatch.setattr(tasks, "fan_out_post", None)  # queueing a fan-out would fail now
    monkeypatch.setattr(tasks, "TRIM_EVERY", 10**9)  # and so no feed-size check is queued either
    with TestCase.captureOnCommitCallbacks(execute=True):
        post = actions.do_create_post(bea, body="Nap time at last")
        assert feed_ids(cal) == [post.id]  # inside the transaction, before any commit


def test_someone_who_does_not_follow_gets_nothing_in_their_feed(bea, cal):
    posted(bea)
    assert feed_ids(cal) == []
    assert home_ids(cal) == []


def test_followers_only_posts_reach_followers_only(bea, cal, dee):
    committed(actions.do_follow, cal, bea)
    private = posted(bea, "Just for my people.", audience="followers")
    assert private.id in feed_ids(cal)
    assert private.id not in feed_ids(dee)
    assert private.id not in home_ids(dee)


def test_unfollowing_purges_the_authors_posts_from_the_feed(bea, cal, dee):
    committed(actions.do_follow, cal, bea)
    committed(actions.do_follow, cal, dee)
    theirs = posted(bea)
    others = posted(dee)
    committed(actions.do_unfollow, cal, bea)
    assert feed_ids(cal) == [others.id]
    assert home_ids(cal) == [others.id]
    assert theirs.id not in home_ids(cal)


def test_blocking_purges_feeds_and_follows_both_ways_and_removes_notifications(bea, cal):
    committed(actions.do_follow, cal, bea)
    committed(actions.do_follow, bea, cal)
    from_bea = posted(bea, "Hello @cal")
    from_cal = posted(cal, "Hi @bea")
    committed(actions.do_react, cal, from_bea.id, "hug")
    assert from_bea.id in feed_ids(cal) and from_cal.id in feed_ids(bea)
    assert Notification.objects.filter(recipient=bea, actor=cal).exists()
    assert Notification.objects.filter(recipient=cal, actor=bea).exists()

    committed(actions.do_block, bea, cal)

    assert feed_ids(cal) == [from_cal.id] and feed_ids(bea) == [from_bea.id]  # only their own
    assert home_ids(cal) == [from_cal.id] and home_ids(bea) == [from_bea.id]
    assert not Follow.objects.filter(follower__in=[bea, cal], followee__in=[bea, cal]).exists()
    assert not Notification.objects.filter(recipient__in=[bea, cal], actor__in=[bea, cal]).exists()


def test_a_blocked_member_gets_no_new_posts_even_after_trying_to_follow_again(bea, cal):
    committed(actions.do_block, bea, cal)
    with pytest.raises(Http404):
        committed(actions.do_follow, cal, bea)
    posted(bea)
    assert feed_ids(cal) == []


def test_muting_purges_the_feed_and_new_posts_stay_out(bea, cal):
    committed(actions.do_follow, cal, bea)
    before = posted(bea, "Before the mute")
    committed(actions.do_mute, cal, bea)
    during = posted(bea, "During the mute")
    assert feed_ids(cal) == []
    assert before.id not in home_ids(cal) and during.id not in home_ids(cal)


def test_unmuting_backfills_what_was_missed(bea, cal):
    committed(actions.do_follow, cal, bea)
    before = posted(bea, "Before the mute")
    committed(actions.do_mute, cal, bea)
    during = posted(bea, "During the mute")
    committed(actions.do_unmute, cal, bea.id)
    assert feed_ids(cal) == [during.id, before.id]
    assert home_ids(cal) == [during.id, before.id]


def test_unmuting_someone_i_do_not_follow_adds_nothing(bea, cal):
    posted(bea)
    committed(actions.do_mute, cal, bea)
    committed(actions.do_unmute, cal, bea.id)
    assert feed_ids(cal) == []


def test_following_backfills_recent_posts_including_followers_only_ones(bea, cal):
    public = posted(bea, "Public hello")
    private = posted(bea, "Followers-only hello", audience="followers")
    committed(actions.do_follow, cal, bea)
    assert feed_ids(cal) == [private.id, public.id]


def test_a_follow_request_to_a_locked_profile_backfills_only_once_approved(cal):
    locked = make_member("locked", is_locked=True)
    private = posted(locked, "For approved followers", audience="followers")
    state = committed(actions.do_follow, cal, locked)
    assert state == actions.FollowState.REQUESTED
    assert feed_ids(cal) == []
    committed(actions.do_approve_follow_request, locked, cal.id)
    assert feed_ids(cal) == [private.id]


def test_backfill_takes_only_the_most_recent_posts(bea, cal, monkeypatch):
    monkeypatch.setattr(tasks, "BACKFILL", 3)
    posts = [posted(bea, f"Post number {n}") for n in range(5)]
    committed(actions.do_follow, cal, bea)
    assert feed_ids(cal) == [p.id for p in reversed(posts[-3:])]


def test_removing_a_follower_purges_my_posts_from_their_feed(bea, cal):
    committed(actions.do_follow, cal, bea)
    posted(bea)
    committed(actions.do_remove_follower, bea, cal.id)
    assert feed_ids(cal) == []
    assert not Follow.objects.filter(follower=cal, followee=bea).exists()


def test_deleting_a_post_removes_its_feed_entries_and_notifications(bea, cal):
    committed(actions.do_follow, cal, bea)
    gone = posted(bea, "Oops, wrong picture @cal")
    committed(actions.do_react, cal, gone.id, "hug")
    committed(actions.do_comment, cal, gone.id, body="Ha!")
    assert Notification.objects.filter(post=gone).count() == 3  # mention, reaction, comment
    committed(actions.do_delete_post, bea, gone.id)
    assert not FeedEntry.objects.filter(post=gone).exists()
    assert not Notification.objects.filter(post=gone).exists()
    assert gone.id not in home_ids(cal) and gone.id not in home_ids(bea)


def test_fan_out_of_a_deleted_post_writes_nothing(bea, cal):
    committed(actions.do_follow, cal, bea)
    with TestCase.captureOnCommitCallbacks(execute=False) as callbacks:
        queued = actions.do_create_post(bea, body="Deleted before fan-out")
    committed(actions.do_delete_post, bea, queued.id)
    for callback in callbacks:
        callback()
    assert feed_ids(cal) == []


def test_running_fan_out_twice_leaves_one_entry_each(bea, cal, dee):
    committed(actions.do_follow, cal, bea)
    committed(actions.do_follow, dee, bea)
    once = posted(bea)
    tasks.fan_out_post.call(post_id=once.id)
    tasks.fan_out_post.call(post_id=once.id)
    assert FeedEntry.objects.filter(post=once).count() == 3  # author, cal, dee
    assert feed_ids(cal) == [once.id]


def test_running_backfill_twice_leaves_one_entry_each(bea, cal):
    committed(actions.do_follow, cal, bea)
    one, two = posted(bea), posted(bea)
    tasks.backfill_feed.call(member_id=cal.id, author_id=bea.id)
    tasks.backfill_feed.call(member_id=cal.id, author_id=bea.id)
    assert feed_ids(cal) == [two.id, one.id]


def test_fan_out_skips_members_who_muted_or_are_blocked_by_the_author(bea, cal, dee):
    committed(actions.do_follow, cal, bea)
    committed(actions.do_follow, dee, bea)
    committed(actions.do_mute, dee, bea)
    only_cal = posted(bea)
    assert FeedEntry.objects.filter(post=only_cal).exclude(member=bea).count() == 1
    assert sorted(tasks.audience_ids(only_cal)) == [cal.id]


def test_trimming_keeps_the_newest_entries_and_older_pages_still_come_from_posts(bea, cal, monkeypatch):
    monkeypatch.setattr(tasks, "FEED_KEEP", 3)
    committed(actions.do_follow, cal, bea)
    posts = [posted(bea, f"Night {n}") for n in range(7)]
    tasks.trim_feed(member_id=cal.id)
    assert feed_ids(cal) == [p.id for p in reversed(posts[-3:])]
    seen, before = [], None
    while True:
        page = timelines.home_timeline(cal, before=before, limit=2)
        seen += [card.post.id for card in page.items]
        if not page.has_more:
            break
        before = page.next_before
    assert seen == [p.id for p in reversed(posts)]


def test_home_timeline_pages_by_id_without_repeats_or_gaps(bea, cal, dee):
    committed(actions.do_follow, cal, bea)
    committed(actions.do_follow, cal, dee)
    posts = []
    for n in range(9):
        posts.append(posted(bea if n % 2 else dee, f"Update {n}"))
    posts.append(posted(cal, "My own"))
    first = timelines.home_timeline(cal, limit=4)
    second = timelines.home_timeline(cal, before=first.next_before, limit=4)
    third = timelines.home_timeline(cal, before=second.next_before, limit=4)
    ids = [c.post.id for page in (first, second, third) for c in page.items]
    assert ids == sorted((p.id for p in posts), reverse=True)
    assert third.next_before is None


def test_newer_count_counts_posts_arrived_since_the_newest_shown(bea, cal):
    committed(actions.do_follow, cal, bea)
    shown = posted(bea)
    posted(bea)
    posted(bea)
    assert timelines.newer_count(cal, shown.id) == 2


def test_home_cards_carry_my_reactions_and_bookmarks(bea, cal):
    committed(actions.do_follow, cal, bea)
    hugged = posted(bea)
    committed(actions.do_react, cal, hugged.id, "hug")
    committed(actions.do_bookmark, cal, hugged.id)
    card = timelines.home_timeline(cal).items[0]
    assert card.my_reactions == {"hug"} and card.bookmarked


def test_following_someone_i_muted_backfills_nothing_until_i_unmute(bea, cal):
    earlier = posted(bea, "Posted before the follow")
    committed(actions.do_mute, cal, bea)
    committed(actions.do_follow, cal, bea)
    posted(bea, "Posted after the follow")
    assert feed_ids(cal) == []
    assert home_ids(cal) == []
    committed(actions.do_unmute, cal, bea.id)
    assert earlier.id in home_ids(cal)


def test_a_deactivated_members_posts_leave_their_followers_home_feeds(bea, cal):
    committed(actions.do_follow, cal, bea)
    gone = posted(bea, "Before I left")
    type(bea).objects.filter(id=bea.id).update(is_active=False)
    assert gone.id not in home_ids(cal)
    assert timelines.newer_count(cal, 0) == 0


def test_trending_hashtags_count_recent_public_posts_of_public_profiles_only(bea, cal):
    shy = bea  # profiles are not public by default: their words never trend
    bea, cal = make_member("open_bea", is_public=True), make_member("open_cal", is_public=True)
    posted(shy, "#secretly #nightfeeds")
    posted(bea, "#nightfeeds again")
    posted(cal, "#nightfeeds here too, and #weaning")
    posted(cal, "#weaning secretly", audience="followers")
    old = posted(bea, "#sleep a while ago")
    Post.objects.filter(id=old.id).update(created_at=timezone.now() - timedelta(days=8))
    gone = posted(bea, "#sleep deleted")
    committed(actions.do_delete_post, bea, gone.id)
    assert timelines.trending_hashtags() == [("nightfeeds", 2), ("weaning", 1)]
