"""Posting in groups at action level: who may post, held posts (approval all / first / none),
the moderators' queue, trust after a first approval, fan-out to home timelines, and pins."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from kettle.groups import actions
from kettle.groups.actions.posts import MAX_PINNED
from kettle.groups.feed import group_feed
from kettle.groups.models import Membership
from kettle.notifications.models import Notification
from kettle.social import timelines
from kettle.social.actions import do_comment, do_create_post, do_delete_post
from kettle.social.models import Post
from tests.factories import make_member
from tests.helpers import committed, posted


def home_ids(member) -> list[int]:
    return [card.post.id for card in timelines.home_timeline(member).items]


def visible(post, viewer) -> bool:
    return Post.objects.visible_to(viewer).filter(id=post.id).exists()


def held_notices():
    return Notification.objects.filter(kind=Notification.Kind.POST_HELD)


@pytest.fixture
def mel(db):
    return make_member("mel")


def in_group(group, *people):
    for person in people:
        committed(actions.do_invite_member, group.created_by, group.id, person.handle)
        committed(actions.do_join_group, person, group.id)


# --- Without approval -----------------------------------------------------------------------

def test_a_post_without_approval_reaches_every_members_home_at_once(group_of, meg, mo, olive, nia):
    group = group_of("private")
    post = posted(meg, "Anyone for the library rhyme time?", group_id=group.id)
    assert post.held_at is None and post.audience == Post.Audience.GROUP
    for member in (meg, mo, olive):
        assert home_ids(member) == [post.id]
    assert home_ids(nia) == [] and not visible(post, nia)


@pytest.mark.parametrize("privacy", ["public", "private", "secret"])
def test_group_posts_never_reach_followers_outside_the_group(group_of, meg, nia, privacy):
    from kettle.social.actions import do_follow

    committed(do_follow, nia, meg)
    post = posted(meg, "Just for the group", group_id=group_of(privacy).id)
    assert post.id not in home_ids(nia)


def test_a_blog_post_belongs_on_the_authors_blog_not_in_a_group(group_of, meg):
    with pytest.raises(ValidationError) as refused:
        do_create_post(meg, kind="blog", title="Our birth story", body="It was long.", group_id=group_of().id)
    assert "kind" in refused.value.message_dict
    assert not Post.objects.exists()


def test_outsiders_and_banned_members_cannot_post(group_of, banned_from, meg, nia):
    group = group_of("public")
    banned_from(meg, group)
    for person in (meg, nia):
        with pytest.raises(PermissionDenied):
            do_create_post(person, body="Hello", group_id=group.id)
    assert not Post.objects.exists()


# --- Approval of every post -----------------------------------------------------------------

def test_with_approval_of_all_posts_a_post_waits_for_the_moderators(group_of, meg, mo, olive, mel):
    group = group_of("private", post_approval="all")
    in_group(group, mel)
    post = posted(meg, "Is it normal that...?", group_id=group.id)

    assert post.is_held
    assert sorted(held_notices().values_list("recipient__handle", flat=True)) == ["moira", "olive"]
    assert [visible(post, who) for who in (meg, mo, olive, mel)] == [True, True, True, False]
    assert home_ids(mel) == [] and home_ids(mo) == []
    assert [c.post.id for c in group_feed(meg, group).items] == [post.id]  # its author sees it waiting
    assert group_feed(mel, group).items == []


def test_a_held_post_cannot_be_commented_on_by_members(group_of, meg, mel):
    group = group_of("public", post_approval="all")
    in_group(group, mel)
    post = posted(meg, "Waiting", group_id=group.id)
    with pytest.raises(Http404):
        do_comment(mel, post.id, body="Hi!")
    assert not visible(post, None)


def test_approving_a_held_post_publishes_it_fans_it_out_and_tells_its_author(group_of, meg, mo, mel):
    group = group_of("private", post_approval="all")
    in_group(group, mel)
    post = posted(meg, "Is it normal that...?", group_id=group.id)
    committed(actions.do_approve_post, mo, group.id, post.id)

    assert not Post.objects.get(id=post.id).is_held
    assert visible(post, mel) and home_ids(mel) == [post.id]
    assert not held_notices().exists()
    assert Notification.objects.filter(recipient=meg, kind=Notification.Kind.POST_APPROVED, actor=mo,
                                       post=post).exists()


def test_with_approval_of_all_posts_even_trusted_members_wait_but_moderators_do_not(group_of, meg, mo, olive):
    group = group_of("private", post_approval="all")
    first = posted(meg, "First", group_id=group.id)
    committed(actions.do_approve_post, mo, group.id, first.id)
    assert posted(meg, "Second", group_id=group.id).is_held
    assert not posted(mo, "From a moderator", group_id=group.id).is_held
    assert not posted(olive, "From the owner", group_id=group.id).is_held


# --- Approval of first posts ----------------------------------------------------------------

def test_with_first_post_approval_one_approved_post_makes_a_member_trusted(group_of, meg, mo):
    group = group_of("private", post_approval="first")
    first = posted(meg, "Hello everyone!", group_id=group.id)
    assert first.is_held
    assert posted(meg, "Still me, still waiting", group_id=group.id).is_held
    committed(actions.do_approve_post, mo, group.id, first.id)
    assert Membership.objects.get(group=group, member=meg).trusted
    assert not posted(meg, "Straight in now", group_id=group.id).is_held


def test_a_declined_first_post_is_gone_and_the_next_one_waits_too(group_of, meg, mo, olive):
    group = group_of("private", post_approval="first")
    first = posted(meg, "Buy my baby slings!", group_id=group.id)
    committed(actions.do_decline_post, mo, group.id, first.id)
    assert not visible(first, meg) and not visible(first, olive)
    assert not held_notices().exists()
    assert not Membership.objects.get(group=group, member=meg).trusted
    assert posted(meg, "Sorry, a real question", group_id=group.id).is_held


def test_without_approval_nothing_waits(group_of, meg):
    group = group_of("private", post_approval="none")
    assert not posted(meg, "Hello", group_id=group.id).is_held
    assert not held_notices().exists()


def test_rejoining_after_leaving_starts_untrusted_again(group_of, meg, mo):
    group = group_of("public", post_approval="first")
    committed(actions.do_approve_post, mo, group.id, posted(meg, "Hi", group_id=group.id).id)
    committed(actions.do_leave_group, meg, group.id)
    committed(actions.do_join_group, meg, group.id)
    assert posted(meg, "Back again", group_id=group.id).is_held


# --- The queue's rules ----------------------------------------------------------------------

def test_only_moderators_approve_or_decline_held_posts(group_of, meg, mel):
    group = group_of("public", post_approval="all")
    in_group(group, mel)
    post = posted(meg, "Waiting", group_id=group.id)
    for action in (actions.do_approve_post, actions.do_decline_post):
        with pytest.raises(PermissionDenied):
            action(mel, group.id, post.id)
        with pytest.raises(PermissionDenied):
            action(meg, group.id, post.id)
    assert Post.objects.get(id=post.id).is_held


def test_approving_a_published_post_or_another_groups_post_is_a_404(group_of, meg, olive):
    group, other = group_of("public", post_approval="all"), group_of("private", post_approval="all")
    published = posted(olive, "Not held", group_id=group.id)
    elsewhere = posted(meg, "Held elsewhere", group_id=other.id)
    with pytest.raises(Http404):
        actions.do_approve_post(olive, group.id, published.id)
    with pytest.raises(Http404):
        actions.do_approve_post(olive, group.id, elsewhere.id)
    assert Post.objects.get(id=elsewhere.id).is_held


def test_a_group_moderator_removes_a_members_post_but_members_cannot(group_of, meg, mo, mel):
    group = group_of("public")
    in_group(group, mel)
    post = posted(meg, "Something unkind", group_id=group.id)
    with pytest.raises(Http404):
        do_delete_post(mel, post.id)
    committed(do_delete_post, mo, post.id)
    assert not visible(post, meg) and home_ids(mel) == []


# --- Pins -----------------------------------------------------------------------------------

def test_up_to_three_posts_are_pinned_and_shown_first(group_of, olive, meg):
    group = group_of("public")
    posts = [posted(meg, f"Post {i}", group_id=group.id) for i in range(5)]
    for post in posts[:MAX_PINNED]:
        committed(actions.do_pin_post, olive, group.id, post.id)
    with pytest.raises(ValidationError) as refused:
        actions.do_pin_post(olive, group.id, posts[3].id)
    assert "post" in refused.value.message_dict
    assert Post.objects.filter(pinned_at__isnull=False).count() == MAX_PINNED

    feed = group_feed(meg, group)
    assert {c.post.id for c in feed.pinned} == {p.id for p in posts[:3]}
    assert [c.post.id for c in feed.items] == [posts[4].id, posts[3].id]


def test_unpinning_makes_room_for_another_pin(group_of, olive):
    group = group_of("public")
    posts = [posted(olive, f"Post {i}", group_id=group.id) for i in range(4)]
    for post in posts[:3]:
        committed(actions.do_pin_post, olive, group.id, post.id)
    committed(actions.do_pin_post, olive, group.id, posts[0].id, pinned=False)
    committed(actions.do_pin_post, olive, group.id, posts[3].id)
    assert set(Post.objects.filter(pinned_at__isnull=False).values_list("id", flat=True)) == {
        posts[1].id, posts[2].id, posts[3].id}


def test_pinning_an_already_pinned_post_does_not_count_twice(group_of, olive):
    group = group_of("public")
    posts = [posted(olive, f"Post {i}", group_id=group.id) for i in range(3)]
    for post in posts:
        committed(actions.do_pin_post, olive, group.id, post.id)
    committed(actions.do_pin_post, olive, group.id, posts[0].id)  # already pinned: no error
    assert Post.objects.filter(pinned_at__isnull=False).count() == 3


def test_a_held_post_cannot_be_pinned_and_members_cannot_pin(group_of, meg, mo):
    group = group_of("public", post_approval="all")
    held = posted(meg, "Waiting", group_id=group.id)
    with pytest.raises(Http404):
        actions.do_pin_post(mo, group.id, held.id)
    published = posted(mo, "Welcome!", group_id=group.id)
    with pytest.raises(PermissionDenied):
        actions.do_pin_post(meg, group.id, published.id)
    assert not Post.objects.filter(pinned_at__isnull=False).exists()


def test_a_deleted_pin_frees_its_place(group_of, olive):
    group = group_of("public")
    posts = [posted(olive, f"Post {i}", group_id=group.id) for i in range(4)]
    for post in posts[:3]:
        committed(actions.do_pin_post, olive, group.id, post.id)
    committed(do_delete_post, olive, posts[0].id)
    committed(actions.do_pin_post, olive, group.id, posts[3].id)
    assert [c.post.id for c in group_feed(olive, group).pinned][0] == posts[3].id
