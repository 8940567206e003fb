"""The rules for in-app notifications: never to yourself, never across a block, nothing from
someone you muted, mentions only where you may read the post; grouped into one line where
it helps; and they disappear when what they point at does."""

from __future__ import annotations

import pytest

from kettle.notifications.actions import do_mark_read
from kettle.notifications.models import Notification
from kettle.notifications.queries import grouped, page_for, unread_count, visible_notifications
from kettle.notifications.tasks import deliver_notification
from kettle.social import actions
from tests.factories import make_member
from tests.helpers import committed

Kind = Notification.Kind


def kinds_for(member) -> list[str]:
    return sorted(Notification.objects.filter(recipient=member).values_list("kind", flat=True))


def sentences(member) -> list[str]:
    notes = list(visible_notifications(member).select_related("actor__profile").order_by("-id"))
    return [group.sentence for group in grouped(notes)]


# --- Who gets what --------------------------------------------------------------------------------

def test_a_comment_notifies_the_posts_author(post, bea, cal):
    committed(actions.do_comment, cal, post.id, body="Me!")
    assert kinds_for(bea) == [Kind.COMMENT]
    assert sentences(bea) == ["Cal commented on your post"]


def test_a_reply_notifies_the_commenter_and_the_posts_author_once_each(post, bea, cal, dee):
    top = committed(actions.do_comment, cal, post.id, body="Me!")
    committed(actions.do_comment, dee, post.id, body="Me too!", parent_id=top.id)
    assert kinds_for(cal) == [Kind.REPLY]
    assert kinds_for(bea) == [Kind.COMMENT, Kind.COMMENT]
    assert sentences(cal) == ["Dee replied to your comment"]


def test_the_posts_author_replying_to_a_comment_notifies_the_commenter_only(post, bea, cal):
    top = committed(actions.do_comment, cal, post.id, body="Hi")
    committed(actions.do_comment, bea, post.id, body="Hello back", parent_id=top.id)
    assert kinds_for(cal) == [Kind.REPLY]
    assert kinds_for(bea) == [Kind.COMMENT]


def test_a_mention_in_a_comment_notifies_the_mentioned_member(post, cal, dee):
    committed(actions.do_comment, cal, post.id, body="@dee you'd like this")
    assert kinds_for(dee) == [Kind.MENTION]


def test_a_mention_in_a_comment_of_the_posts_author_is_not_a_second_notification(post, bea, cal):
    committed(actions.do_comment, cal, post.id, body="@bea yes!")
    assert kinds_for(bea) == [Kind.COMMENT]


def test_nobody_is_notified_about_their_own_doings(post, bea):
    committed(actions.do_comment, bea, post.id, body="Replying to myself @bea")
    committed(actions.do_react, bea, post.id, "hug")
    committed(actions.do_create_post, bea, body="Note to self @bea")
    assert not Notification.objects.exists()


def test_deliver_refuses_self_notifications_even_when_called_directly(bea, post):
    deliver_notification.call(recipient_id=bea.id, actor_id=bea.id, kind=Kind.REACTION, post_id=post.id,
                              reaction="hug")
    assert not Notification.objects.exists()


def test_delivering_twice_makes_one_notification(post, bea, cal):
    for _ in range(2):
        deliver_notification.call(recipient_id=bea.id, actor_id=cal.id, kind=Kind.REACTION, post_id=post.id,
                                  reaction="hug")
    assert Notification.objects.count() == 1


@pytest.mark.parametrize("blocker", ["recipient", "actor"])
def test_nothing_crosses_a_block_in_either_direction(post, bea, cal, blocker):
    committed(actions.do_block, *((bea, cal) if blocker == "recipient" else (cal, bea)))
    deliver_notification.call(recipient_id=bea.id, actor_id=cal.id, kind=Kind.FOLLOW)
    deliver_notification.call(recipient_id=bea.id, actor_id=cal.id, kind=Kind.REACTION, post_id=post.id,
                              reaction="hug")
    assert not Notification.objects.exists()


def test_nothing_arrives_from_someone_i_muted_but_they_still_hear_from_me(post, bea, cal):
    committed(actions.do_mute, bea, cal)
    committed(actions.do_follow, cal, bea)
    committed(actions.do_comment, cal, post.id, body="Hi Bea")
    committed(actions.do_react, cal, post.id, "hug")
    assert kinds_for(bea) == []
    theirs = committed(actions.do_create_post, cal, body="Cal's news")
    committed(actions.do_react, bea, theirs.id, "hug")
    assert kinds_for(cal) == [Kind.REACTION]


def test_a_mention_in_a_followers_only_post_reaches_only_followers(bea, cal, dee):
    committed(actions.do_follow, cal, bea)
    post = committed(actions.do_create_post, bea, body="@cal and @dee, see you Tuesday", audience="followers")
    assert kinds_for(cal) == [Kind.MENTION]
    assert kinds_for(dee) == []  # dee may not read it, so is not told it exists
    assert list(post.mentions.values_list("member__handle", flat=True).order_by("member__handle")) == ["cal", "dee"]


def test_a_mention_from_someone_who_blocked_me_does_not_arrive(bea, cal):
    committed(actions.do_block, bea, cal)
    committed(actions.do_create_post, bea, body="@cal hello")
    assert kinds_for(cal) == []


def test_follow_and_follow_request_notifications(bea, cal):
    locked = make_member("locked", is_locked=True)
    committed(actions.do_follow, cal, bea)
    committed(actions.do_follow, cal, locked)
    assert sentences(bea) == ["Cal followed you"]
    assert sentences(locked) == ["Cal asked to follow you"]


# --- Disappearing with what they point at ------------------------------------------------------------

def test_blocking_later_hides_and_removes_old_notifications(post, bea, cal):
    committed(actions.do_comment, cal, post.id, body="Hi")
    committed(actions.do_block, cal, bea)
    assert unread_count(bea) == 0 and not Notification.objects.filter(recipient=bea).exists()


def test_muting_later_hides_old_notifications_from_them(post, bea, cal):
    committed(actions.do_comment, cal, post.id, body="Hi")
    assert unread_count(bea) == 1
    committed(actions.do_mute, bea, cal)
    assert unread_count(bea) == 0
    committed(actions.do_unmute, bea, cal.id)
    assert unread_count(bea) == 1


def test_a_deleted_comment_takes_its_notifications_with_it(post, bea, cal, dee):
    top = committed(actions.do_comment, cal, post.id, body="Hi @dee")
    committed(actions.do_delete_comment, cal, top.id)
    assert unread_count(bea) == 0 and unread_count(dee) == 0


def test_a_deleted_post_takes_its_notifications_with_it(post, bea, cal):
    committed(actions.do_react, cal, post.id, "hug")
    committed(actions.do_comment, cal, post.id, body="Hi")
    committed(actions.do_delete_post, bea, post.id)
    assert unread_count(bea) == 0 and not Notification.objects.filter(post=post).exists()


def test_a_post_that_became_invisible_hides_its_notifications(bea, cal):
    committed(actions.do_follow, cal, bea)
    committed(actions.do_create_post, bea, body="@cal hi", audience="followers")
    assert unread_count(cal) == 1
    committed(actions.do_unfollow, cal, bea)
    assert unread_count(cal) == 0


def test_a_deactivated_actor_disappears_from_notifications(post, bea, cal):
    committed(actions.do_react, cal, post.id, "hug")
    type(cal).objects.filter(id=cal.id).update(is_active=False)
    assert unread_count(bea) == 0


# --- Reading ---------------------------------------------------------------------------------------

def test_unread_count_and_mark_read(post, bea, cal, dee):
    committed(actions.do_react, cal, post.id, "hug")
    committed(actions.do_react, dee, post.id, "hug")
    committed(actions.do_comment, dee, post.id, body="Hi")
    assert unread_count(bea) == 3
    first = Notification.objects.filter(recipient=bea).order_by("id").first()
    assert do_mark_read(bea, [first.id]) == 1
    assert unread_count(bea) == 2
    assert do_mark_read(cal) == 0  # nothing of someone else's
    assert do_mark_read(bea) == 2 and unread_count(bea) == 0


@pytest.mark.parametrize("huggers, sentence", [
    (1, "Priya sent a hug"),
    (2, "Priya and 1 other sent a hug"),
    (4, "Priya and 3 others sent a hug"),
])
def test_hugs_group_with_the_newest_name_first(post, bea, huggers, sentence):
    for n in range(huggers - 1):
        committed(actions.do_react, make_member(f"hugger{n}"), post.id, "hug")
    committed(actions.do_react, make_member("priya", display_name="Priya"), post.id, "hug")
    assert sentences(bea) == [sentence]


def test_reactions_on_different_posts_or_of_different_kinds_are_separate_lines(bea, cal, dee):
    one = committed(actions.do_create_post, bea, body="One")
    two = committed(actions.do_create_post, bea, body="Two")
    committed(actions.do_react, cal, one.id, "hug")
    committed(actions.do_react, dee, two.id, "hug")
    committed(actions.do_react, dee, two.id, "helpful")
    assert sentences(bea) == ["Dee found it helpful", "Dee sent a hug", "Cal sent a hug"]


def test_mentions_are_never_grouped(bea, cal, dee):
    committed(actions.do_create_post, cal, body="@bea hi")
    committed(actions.do_create_post, dee, body="@bea hi")
    assert sentences(bea) == ["Dee mentioned you", "Cal mentioned you"]


def test_a_notifications_page_holds_only_the_members_own(post, bea, cal):
    committed(actions.do_react, cal, post.id, "hug")
    theirs = committed(actions.do_create_post, cal, body="Cal's")
    committed(actions.do_react, bea, theirs.id, "hug")
    page = page_for(bea)
    assert [note.actor_id for note in page.items] == [cal.id]


def test_a_reply_to_a_reply_notifies_the_member_replied_to_and_the_thread_starter(post, bea, cal, dee):
    erin = make_member("erin", display_name="Erin")
    top = committed(actions.do_comment, cal, post.id, body="Top")
    reply = committed(actions.do_comment, dee, post.id, body="Reply", parent_id=top.id)
    committed(actions.do_comment, erin, post.id, body="Reply to Dee", parent_id=reply.id)
    assert kinds_for(dee) == [Kind.REPLY]
    assert kinds_for(cal) == [Kind.REPLY, Kind.REPLY]
    assert sentences(dee) == ["Erin replied to your comment"]
