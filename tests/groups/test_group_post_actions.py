"""Posts in a group, at the level of the actions and queries: who may post, which posts wait
for a moderator (approval none / first / all), who sees a held post, what approving and
declining do, and pins (up to three)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from kettle.groups import actions
from kettle.groups.feed import group_feed
from kettle.groups.models import Membership
from kettle.notifications.models import Notification
from kettle.social.actions import do_create_post, do_delete_post
from kettle.social.models import FeedEntry, Post
from tests.factories import make_member
from tests.helpers import committed, posted


@pytest.fixture
def tom(db):
    return make_member("tom")


def group_with(group_of, tom, approval: str, privacy: str = "public"):
    group = group_of(privacy, post_approval=approval)
    if privacy == "public":
        committed(actions.do_join_group, tom, group.id)
    else:
        committed(actions.do_invite_member, group.created_by, group.id, "tom")
        committed(actions.do_join_group, tom, group.id)
    return group


def is_held(post) -> bool:
    return Post.objects.get(id=post.id).held_at is not None


def in_feed(member, post) -> bool:
    return FeedEntry.objects.filter(member=member, post=post).exists()


def seen_by(viewer, post) -> bool:
    return Post.objects.visible_to(viewer).filter(id=post.id).exists()


# --- Which posts wait -----------------------------------------------------------------------

@pytest.mark.parametrize("approval, who, held", [
    ("none", "member", False), ("none", "moderator", False), ("none", "owner", False),
    ("first", "member", True), ("first", "moderator", False), ("first", "owner", False),
    ("all", "member", True), ("all", "moderator", False), ("all", "owner", False),
])
def test_which_posts_wait_for_a_moderator(group_of, tom, olive, mo, approval, who, held):
    group = group_with(group_of, tom, approval)
    author = {"member": tom, "moderator": mo, "owner": olive}[who]
    post = posted(author, "Hello from the back of the bus", group_id=group.id)
    assert is_held(post) is held


def test_after_one_approved_post_a_new_member_skips_the_first_post_queue(group_of, tom, mo):
    group = group_with(group_of, tom, "first")
    first = posted(tom, "Hi all, I'm Tom, dad to a very loud four-month-old", group_id=group.id)
    committed(actions.do_approve_post, mo, group.id, first.id)
    assert Membership.objects.get(group=group, member=tom).trusted is True
    assert is_held(posted(tom, "Anyone for the Saturday swim?", group_id=group.id)) is False


def test_a_declined_first_post_leaves_the_next_one_waiting_too(group_of, tom, mo):
    group = group_with(group_of, tom, "first")
    first = posted(tom, "Selling a pram, DM me", group_id=group.id)
    committed(actions.do_decline_post, mo, group.id, first.id)
    assert Membership.objects.get(group=group, member=tom).trusted is False
    assert is_held(posted(tom, "Sorry, didn't see the rules. Hello!", group_id=group.id)) is True


def test_when_every_post_needs_approval_trust_does_not_skip_it(group_of, tom, mo):
    group = group_with(group_of, tom, "all")
    first = posted(tom, "Morning!", group_id=group.id)
    committed(actions.do_approve_post, mo, group.id, first.id)
    assert is_held(posted(tom, "Afternoon!", group_id=group.id)) is True


def test_a_held_post_tells_the_groups_moderators(group_of, tom):
    group = group_with(group_of, tom, "all")
    post = posted(tom, "Is it normal for a baby to hate the car seat?", group_id=group.id)
    held = Notification.objects.filter(kind=Notification.Kind.POST_HELD, post=post, group=group)
    assert sorted(held.values_list("recipient__handle", flat=True)) == ["moira", "olive"]


# --- Who sees a held post -------------------------------------------------------------------

@pytest.mark.parametrize("privacy", ["public", "private"])
@pytest.mark.parametrize("who, sees", [
    ("author", True), ("moderator", True), ("owner", True), ("member", False), ("outsider", False),
    ("logged_out", False),
])
def test_a_held_post_is_seen_only_by_its_author_and_the_moderators(group_of, tom, olive, mo, meg, nia, privacy,
                                                                   who, sees):
    group = group_with(group_of, tom, "all", privacy)
    post = posted(tom, "Waiting in the queue", group_id=group.id)
    viewer = {"author": tom, "moderator": mo, "owner": olive, "member": meg, "outsider": nia,
              "logged_out": None}[who]
    assert seen_by(viewer, post) is sees
    shown = [card.post.id for card in group_feed(viewer, group).items]
    assert (post.id in shown) is (who == "author")  # moderators find it in the queue, not the feed


def test_a_held_post_reaches_only_its_authors_home_feed(group_of, tom, olive, mo, meg):
    group = group_with(group_of, tom, "all")
    post = posted(tom, "Waiting in the queue", group_id=group.id)
    assert [person.handle for person in (tom, olive, mo, meg) if in_feed(person, post)] == ["tom"]


def test_a_held_post_takes_no_comments_reactions_or_pins_from_members(group_of, tom, meg, mo):
    from kettle.social.actions import do_comment, do_react

    group = group_with(group_of, tom, "all")
    post = posted(tom, "Waiting in the queue", group_id=group.id)
    with pytest.raises(Http404):
        do_comment(meg, post.id, body="Ooh")
    with pytest.raises(Http404):
        do_react(meg, post.id, "hug")
    with pytest.raises(Http404):
        actions.do_pin_post(mo, group.id, post.id)  # approve it first


# --- Approving and declining ----------------------------------------------------------------

def test_approving_publishes_fans_out_and_tells_the_author(group_of, tom, olive, mo, meg):
    group = group_with(group_of, tom, "all")
    post = posted(tom, "Does anyone know a good cranial osteopath?", group_id=group.id)
    committed(actions.do_approve_post, mo, group.id, post.id)
    assert not is_held(post)
    assert all(in_feed(person, post) for person in (tom, olive, mo, meg))
    assert seen_by(meg, post) and seen_by(make_member("nia"), post)
    assert list(Notification.objects.filter(post=post).values_list("recipient__handle", "actor__handle",
                                                                    "kind")) == [("tom", "moira", "post_approved")]


def test_only_a_held_post_can_be_approved_or_declined(group_of, tom, mo):
    group = group_with(group_of, tom, "none")
    post = posted(tom, "Already out there", group_id=group.id)
    for action in (actions.do_approve_post, actions.do_decline_post):
        with pytest.raises(Http404):
            action(mo, group.id, post.id)
    assert Post.objects.get(id=post.id).deleted_at is None


def test_a_post_from_another_group_is_not_in_this_queue(group_of, tom, mo, olive):
    group = group_with(group_of, tom, "all")
    elsewhere = committed(actions.do_create_group, tom, name="Dads Who Run", privacy="public",
                          post_approval="all")
    other_member = make_member("uma")
    committed(actions.do_join_group, other_member, elsewhere.id)
    held_elsewhere = posted(other_member, "Parkrun with buggies?", group_id=elsewhere.id)
    with pytest.raises(Http404):
        actions.do_approve_post(mo, group.id, held_elsewhere.id)
    with pytest.raises(PermissionDenied):
        actions.do_approve_post(mo, elsewhere.id, held_elsewhere.id)
    assert is_held(held_elsewhere)


def test_members_cannot_approve_or_decline(group_of, tom, meg):
    group = group_with(group_of, tom, "all")
    post = posted(tom, "Waiting in the queue", group_id=group.id)
    for action in (actions.do_approve_post, actions.do_decline_post):
        with pytest.raises(PermissionDenied):
            action(meg, group.id, post.id)
    assert is_held(post) and Post.objects.get(id=post.id).deleted_at is None


def test_declining_deletes_the_post_and_clears_the_queue_notices(group_of, tom, mo):
    group = group_with(group_of, tom, "all")
    post = posted(tom, "Selling a pram, DM me", group_id=group.id)
    committed(actions.do_decline_post, mo, group.id, post.id)
    assert Post.objects.get(id=post.id).deleted_at is not None
    assert not FeedEntry.objects.filter(post=post).exists()
    assert not Notification.objects.filter(post=post).exists()
    assert not seen_by(tom, post)


def test_a_moderator_removes_a_published_post_but_a_member_cannot(group_of, tom, mo, meg):
    group = group_with(group_of, tom, "none")
    post = posted(tom, "Something unkind", group_id=group.id)
    with pytest.raises(Http404):
        do_delete_post(meg, post.id)
    committed(do_delete_post, mo, post.id)
    assert Post.objects.get(id=post.id).deleted_at is not None
    assert not FeedEntry.objects.filter(post=post).exists()


# --- Who may post ---------------------------------------------------------------------------

@pytest.mark.parametrize("privacy, who, outcome", [
    ("public", "outsider", PermissionDenied), ("private", "outsider", PermissionDenied),
    ("secret", "outsider", Http404), ("public", "banned", PermissionDenied),
    ("private", "pending", PermissionDenied),
])
def test_only_members_post_in_a_group(group_of, pending_in, banned_from, nia, privacy, who, outcome):
    group = group_of(privacy, questions=["Why?"])
    if who == "pending":
        pending_in(nia, group)
    elif who == "banned":
        banned_from(nia, group)
    with pytest.raises(outcome):
        do_create_post(nia, body="Hello!", group_id=group.id)
    assert not Post.objects.filter(author=nia).exists()


def test_blog_posts_stay_on_your_own_blog(group_of, meg):
    group = group_of("public")
    with pytest.raises(ValidationError) as refused:
        do_create_post(meg, body="A long story", title="Our birth story", kind="blog", group_id=group.id)
    assert "kind" in refused.value.message_dict
    assert not Post.objects.exists()


def test_a_group_post_keeps_to_the_group_audience(group_of, meg):
    group = group_of("public")
    post = posted(meg, "Hello", group_id=group.id, audience="followers")
    assert (post.audience, post.group_id) == (Post.Audience.GROUP, group.id)


# --- Pins -----------------------------------------------------------------------------------

def test_up_to_three_posts_are_pinned_first_in_the_feed(group_of, olive, mo, meg):
    group = group_of("public")
    posts = [posted(meg, f"Post {n}", group_id=group.id) for n in range(5)]
    for post in posts[:3]:
        committed(actions.do_pin_post, mo, group.id, post.id)
    with pytest.raises(ValidationError) as refused:
        actions.do_pin_post(olive, group.id, posts[3].id)
    assert refused.value.message_dict == {"post": ["Up to 3 posts can be pinned. Unpin one first."]}
    feed = group_feed(meg, group)
    assert [card.post.id for card in feed.pinned] == [post.id for post in reversed(posts[:3])]
    assert [card.post.id for card in feed.items] == [posts[4].id, posts[3].id]


def test_unpinning_or_deleting_a_pinned_post_makes_room(group_of, olive, mo, meg):
    group = group_of("public")
    posts = [posted(meg, f"Post {n}", group_id=group.id) for n in range(5)]
    for post in posts[:3]:
        committed(actions.do_pin_post, mo, group.id, post.id)
    committed(actions.do_pin_post, mo, group.id, posts[0].id, pinned=False)
    committed(actions.do_pin_post, mo, group.id, posts[3].id)
    committed(do_delete_post, meg, posts[1].id)
    committed(actions.do_pin_post, olive, group.id, posts[4].id)
    assert set(Post.objects.filter(group=group, deleted_at=None, pinned_at__isnull=False)
               .values_list("id", flat=True)) == {posts[2].id, posts[3].id, posts[4].id}


def test_pinning_a_pinned_post_again_keeps_its_place(group_of, mo, meg):
    group = group_of("public")
    post = posted(meg, "House rules", group_id=group.id)
    first = committed(actions.do_pin_post, mo, group.id, post.id).pinned_at
    assert committed(actions.do_pin_post, mo, group.id, post.id).pinned_at == first


def test_members_cannot_pin(group_of, meg):
    group = group_of("public")
    post = posted(meg, "Pin me!", group_id=group.id)
    with pytest.raises(PermissionDenied):
        actions.do_pin_post(meg, group.id, post.id)
    assert Post.objects.get(id=post.id).pinned_at is None


def test_a_post_outside_the_group_cannot_be_pinned_there(group_of, mo, meg):
    group = group_of("public")
    post = posted(meg, "On my own profile")
    with pytest.raises(Http404):
        actions.do_pin_post(mo, group.id, post.id)
