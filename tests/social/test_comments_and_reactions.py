"""Comments with one level of replies, tombstones, hiding, counts; reactions at most once per
kind per member per post, with counts that stay right."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from kettle.core.ratelimit import RateLimited
from kettle.notifications.models import Notification
from kettle.notifications.queries import grouped, visible_notifications
from kettle.social import actions
from kettle.social.models import Comment, Post, Reaction
from tests.factories import make_member
from tests.helpers import committed


def counts(post) -> tuple[int, int, int, int]:
    post.refresh_from_db()
    return post.comment_count, post.hug_count, post.me_too_count, post.helpful_count


# --- Comments -------------------------------------------------------------------------------------

def test_a_comment_counts_and_is_rendered_safely(post, cal):
    comment = committed(actions.do_comment, cal, post.id, body="Me! <script>x</script> **always**")
    assert "<script" not in comment.body_html and "<strong>always</strong>" in comment.body_html
    assert counts(post)[0] == 1


@pytest.mark.parametrize("body", ["", "   ", "x" * 2001])
def test_empty_or_overlong_comments_are_refused_and_not_counted(post, cal, body):
    with pytest.raises(ValidationError) as error:
        committed(actions.do_comment, cal, post.id, body=body)
    assert "body" in error.value.message_dict
    assert counts(post)[0] == 0 and not Comment.objects.exists()


def test_a_comment_of_exactly_2000_characters_is_fine(post, cal):
    assert len(committed(actions.do_comment, cal, post.id, body="y" * 2000).body) == 2000


def test_a_reply_hangs_under_its_comment(post, cal, dee):
    top = committed(actions.do_comment, cal, post.id, body="Top")
    reply = committed(actions.do_comment, dee, post.id, body="Reply", parent_id=top.id)
    assert reply.parent_id == top.id


def test_a_reply_to_a_reply_joins_the_top_comment_so_threads_stay_one_level(post, cal, dee, bea):
    top = committed(actions.do_comment, cal, post.id, body="Top")
    reply = committed(actions.do_comment, dee, post.id, body="Reply", parent_id=top.id)
    deeper = committed(actions.do_comment, bea, post.id, body="Reply to the reply", parent_id=reply.id)
    assert deeper.parent_id == top.id
    assert not Comment.objects.filter(parent__parent__isnull=False).exists()
    assert counts(post)[0] == 3


def test_replying_to_a_comment_on_another_post_is_refused(post, bea, cal):
    other = committed(actions.do_create_post, bea, body="Another post")
    elsewhere = committed(actions.do_comment, cal, other.id, body="Here")
    with pytest.raises(ValidationError) as error:
        committed(actions.do_comment, cal, post.id, body="There", parent_id=elsewhere.id)
    assert "parent_id" in error.value.message_dict
    assert counts(post)[0] == 0


def test_commenting_on_a_missing_or_deleted_post_is_a_404(post, bea, cal):
    with pytest.raises(Http404):
        committed(actions.do_comment, cal, 999_999, body="Hello?")
    committed(actions.do_delete_post, bea, post.id)
    with pytest.raises(Http404):
        committed(actions.do_comment, cal, post.id, body="Hello?")


def test_commenting_is_rate_limited(post, cal, settings):
    settings.COMMENT_RATE = "2/3600"
    committed(actions.do_comment, cal, post.id, body="one")
    committed(actions.do_comment, cal, post.id, body="two")
    with pytest.raises(RateLimited):
        committed(actions.do_comment, cal, post.id, body="three")
    assert counts(post)[0] == 2


def test_editing_a_comment_marks_it_edited_and_only_its_author_can(post, cal, bea):
    comment = committed(actions.do_comment, cal, post.id, body="Typo")
    edited = committed(actions.do_edit_comment, cal, comment.id, body="Fixed")
    assert edited.body == "Fixed" and edited.edited_at is not None
    with pytest.raises(Http404):
        committed(actions.do_edit_comment, bea, comment.id, body="Not mine")


def test_deleting_a_comment_leaves_a_tombstone_that_keeps_its_replies(post, cal, dee):
    top = committed(actions.do_comment, cal, post.id, body="Top")
    reply = committed(actions.do_comment, dee, post.id, body="Reply", parent_id=top.id)
    committed(actions.do_delete_comment, cal, top.id)
    top.refresh_from_db()
    assert top.is_deleted and top.body == "" and top.body_html == ""
    visible = Comment.objects.visible_to(dee).filter(post=post)
    assert set(visible.values_list("id", flat=True)) == {top.id, reply.id}
    assert Comment.objects.get(id=reply.id).parent_id == top.id
    assert counts(post)[0] == 1


def test_only_the_commenter_or_staff_may_delete_a_comment(post, bea, cal):
    comment = committed(actions.do_comment, cal, post.id, body="Mine")
    with pytest.raises(Http404):
        committed(actions.do_delete_comment, bea, comment.id)  # the post's author hides instead
    committed(actions.do_delete_comment, make_member("boss", staff=True), comment.id)
    with pytest.raises(Http404):
        committed(actions.do_delete_comment, cal, comment.id)  # already gone
    assert counts(post)[0] == 0


def test_the_count_never_goes_below_zero(post, cal):
    comment = committed(actions.do_comment, cal, post.id, body="Hi")
    Post.objects.filter(id=post.id).update(comment_count=0)
    committed(actions.do_delete_comment, cal, comment.id)
    assert counts(post)[0] == 0


def test_only_the_posts_author_can_hide_a_reply_and_it_stays_seen_by_them_and_the_commenter(post, bea, cal, dee):
    comment = committed(actions.do_comment, cal, post.id, body="Have you tried...")
    with pytest.raises(PermissionDenied):
        committed(actions.do_hide_comment, dee, comment.id)
    with pytest.raises(PermissionDenied):
        committed(actions.do_hide_comment, cal, comment.id)
    committed(actions.do_hide_comment, bea, comment.id)
    assert not Comment.objects.visible_to(dee).filter(id=comment.id).exists()
    assert not Comment.objects.visible_to(None).filter(id=comment.id).exists()
    assert Comment.objects.visible_to(bea).filter(id=comment.id).exists()
    assert Comment.objects.visible_to(cal).filter(id=comment.id).exists()
    committed(actions.do_hide_comment, bea, comment.id, hidden=False)
    assert Comment.objects.visible_to(dee).filter(id=comment.id).exists()


def test_vent_mode_does_not_stop_anyone_commenting(bea, cal):
    vent = committed(actions.do_create_post, bea, body="Just need to get this out.", vent_mode=True)
    comment = committed(actions.do_comment, cal, vent.id, body="Here for you.")
    assert comment.post_id == vent.id and counts(vent)[0] == 1


def test_comments_by_a_blocked_member_are_invisible_to_the_blocker(post, bea, cal, dee):
    theirs = committed(actions.do_comment, dee, post.id, body="Hi from Dee")
    committed(actions.do_block, cal, dee)
    assert not Comment.objects.visible_to(cal).filter(id=theirs.id).exists()
    assert Comment.objects.visible_to(bea).filter(id=theirs.id).exists()


# --- Reactions ------------------------------------------------------------------------------------

def test_one_of_each_kind_per_member_per_post(post, cal):
    assert committed(actions.do_react, cal, post.id, "hug") is True
    assert committed(actions.do_react, cal, post.id, "hug") is False
    assert committed(actions.do_react, cal, post.id, "me_too") is True
    assert committed(actions.do_react, cal, post.id, "helpful") is True
    assert Reaction.objects.filter(post=post, member=cal).count() == 3
    assert counts(post)[1:] == (1, 1, 1)


def test_many_repeated_reactions_count_once(post, cal, dee):
    for _ in range(5):
        committed(actions.do_react, cal, post.id, "hug")
        committed(actions.do_react, dee, post.id, "hug")
    assert counts(post)[1] == 2
    assert Reaction.objects.filter(post=post, kind="hug").count() == 2


def test_unreacting_keeps_the_counts_right(post, cal, dee):
    committed(actions.do_react, cal, post.id, "hug")
    committed(actions.do_react, dee, post.id, "hug")
    assert committed(actions.do_unreact, cal, post.id, "hug") is True
    assert committed(actions.do_unreact, cal, post.id, "hug") is False
    assert committed(actions.do_unreact, cal, post.id, "helpful") is False
    assert counts(post)[1:] == (1, 0, 0)
    committed(actions.do_react, cal, post.id, "hug")
    assert counts(post)[1] == 2


def test_an_unknown_reaction_is_refused(post, cal):
    with pytest.raises(ValidationError):
        committed(actions.do_react, cal, post.id, "angry")
    assert not Reaction.objects.exists()


def test_unreacting_removes_its_notification(post, bea, cal):
    committed(actions.do_react, cal, post.id, "hug")
    assert Notification.objects.filter(recipient=bea, kind=Notification.Kind.REACTION).exists()
    committed(actions.do_unreact, cal, post.id, "hug")
    assert not Notification.objects.filter(recipient=bea, kind=Notification.Kind.REACTION).exists()


def test_reacting_to_your_own_post_counts_but_notifies_nobody(post, bea):
    committed(actions.do_react, bea, post.id, "me_too")
    assert counts(post)[2] == 1
    assert not Notification.objects.exists()


def test_hugs_from_several_people_group_into_one_line(post, bea):
    priya = make_member("priya", display_name="Priya")
    others = [make_member(f"hugger{n}") for n in range(3)]
    for member in others:
        committed(actions.do_react, member, post.id, "hug")
    committed(actions.do_react, priya, post.id, "hug")
    committed(actions.do_react, priya, post.id, "me_too")
    notes = list(visible_notifications(bea).select_related("actor__profile").order_by("-id"))
    lines = [group.sentence for group in grouped(notes)]
    assert lines == ["Priya said “me too”", "Priya and 3 others sent a hug"]


def test_one_other_is_singular(post, bea, cal, dee):
    committed(actions.do_react, cal, post.id, "helpful")
    committed(actions.do_react, dee, post.id, "helpful")
    notes = list(visible_notifications(bea).order_by("-id"))
    assert [group.sentence for group in grouped(notes)] == ["Dee and 1 other found it helpful"]


# --- Bookmarks --------------------------------------------------------------------------------------

def test_bookmarks_are_private_once_only_and_need_a_visible_post(bea, cal):
    private = committed(actions.do_create_post, bea, body="Followers only", audience="followers")
    with pytest.raises(Http404):
        committed(actions.do_bookmark, cal, private.id)
    public = committed(actions.do_create_post, bea, body="For all")
    committed(actions.do_bookmark, cal, public.id)
    committed(actions.do_bookmark, cal, public.id)
    assert public.bookmarks.count() == 1
    assert not Notification.objects.filter(recipient=bea).exists()
    committed(actions.do_unbookmark, cal, public.id)
    assert not public.bookmarks.exists()
