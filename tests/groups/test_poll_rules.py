"""Poll rules at action and query level: what a poll may be made of, voting (single and
multiple choice, changing, taking back), closing (author only, at its time, voters told once),
and who sees results when."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from kettle.groups import actions
from kettle.groups.actions import PollSpec
from kettle.groups.models import Poll, PollChoice, PollVote
from kettle.groups.polls import close_and_notify, poll_view, results_csv, voters_by_option
from kettle.notifications.models import Notification
from kettle.social.actions import do_block, do_create_post, do_delete_post
from kettle.social.models import Post
from tests.factories import make_member
from tests.helpers import committed, posted


@pytest.fixture
def group(group_of):
    return group_of("public")


def poll_in(group, author, options=("Tea", "Coffee", "Hot chocolate"), **spec):
    return posted(author, "What keeps you going at 3 a.m.?", group_id=group.id,
                  poll=PollSpec(options=list(options), **spec))


def ids(post) -> list[int]:
    return list(post.poll.options.values_list("id", flat=True))


def view_for(post, viewer):
    return poll_view(Post.objects.for_display().get(id=post.id), viewer)


def closed_notices():
    return Notification.objects.filter(kind=Notification.Kind.POLL_CLOSED)


# --- Making a poll --------------------------------------------------------------------------

@pytest.mark.parametrize("options, field", [
    (["Only one"], "poll.options"),
    ([], "poll.options"),
    ([f"Option {i}" for i in range(11)], "poll.options"),
    (["Tea", "tea"], "poll.options"),
    (["Tea", "  TEA  "], "poll.options"),
    (["x" * 101, "Coffee"], "poll.options.0"),
    (["Tea", "Cof\x00fee"], "poll.options.1"),
])
def test_a_poll_needs_two_to_ten_distinct_short_options(group, meg, options, field):
    with pytest.raises(ValidationError) as refused:
        do_create_post(meg, body="Which?", group_id=group.id, poll=PollSpec(options=options))
    assert field in refused.value.message_dict
    assert not Post.objects.exists() and not Poll.objects.exists()


@pytest.mark.parametrize("count", [2, 10])
def test_two_and_ten_options_are_both_fine(group, meg, count):
    post = poll_in(group, meg, options=[f"Option {i}" for i in range(count)])
    assert post.poll.options.count() == count


def test_blank_options_are_dropped_and_spaces_tidied(group, meg):
    post = poll_in(group, meg, options=["  Tea ", "", "   ", "Coffee   with  milk"])
    assert list(post.poll.options.values_list("text", flat=True)) == ["Tea", "Coffee with milk"]


@pytest.mark.parametrize("when, message", [
    (lambda now: now + timedelta(minutes=4), "five minutes"),
    (lambda now: now - timedelta(hours=1), "five minutes"),
    (lambda now: now + timedelta(days=91), "90 days"),
    (lambda now: datetime(2030, 1, 1, 12, 0), "time zone"),
])
def test_a_closing_time_must_be_between_five_minutes_and_ninety_days_away(group, meg, when, message):
    with pytest.raises(ValidationError) as refused:
        poll_in(group, meg, closes_at=when(timezone.now()))
    assert message in " ".join(refused.value.message_dict["poll.closes_at"])
    assert not Poll.objects.exists()


def test_a_closing_time_within_bounds_is_kept(group, meg):
    closes = timezone.now() + timedelta(days=3)
    assert poll_in(group, meg, closes_at=closes).poll.closes_at == closes


# --- Voting ---------------------------------------------------------------------------------

def test_a_single_choice_poll_takes_one_option(group, meg, mo):
    post = poll_in(group, meg)
    tea, coffee, _ = ids(post)
    with pytest.raises(ValidationError):
        actions.do_vote(mo, post.poll.id, [tea, coffee])
    assert not PollVote.objects.exists()
    actions.do_vote(mo, post.poll.id, [tea, tea])  # the same option twice is one choice
    assert list(PollChoice.objects.values_list("option_id", flat=True)) == [tea]


def test_a_multiple_choice_poll_takes_several(group, meg, mo):
    post = poll_in(group, meg, multiple=True)
    tea, coffee, chocolate = ids(post)
    actions.do_vote(mo, post.poll.id, [tea, chocolate])
    assert set(PollChoice.objects.values_list("option_id", flat=True)) == {tea, chocolate}
    assert PollVote.objects.count() == 1


@pytest.mark.parametrize("choice", [[], None, "other poll", [999_999]])
def test_a_vote_must_name_options_of_this_poll(group, meg, mo, choice):
    post = poll_in(group, meg)
    if choice == "other poll":
        choice = ids(poll_in(group, meg, options=("Yes", "No")))[:1]
    with pytest.raises(ValidationError) as refused:
        actions.do_vote(mo, post.poll.id, choice)
    assert "options" in refused.value.message_dict
    assert not PollVote.objects.filter(poll=post.poll).exists()


def test_changing_a_vote_keeps_one_ballot_with_the_new_choice(group, meg, mo):
    post = poll_in(group, meg)
    tea, coffee, _ = ids(post)
    first = actions.do_vote(mo, post.poll.id, [tea])
    again = actions.do_vote(mo, post.poll.id, [coffee])
    assert first.id == again.id and again.changed_at is not None
    assert list(PollChoice.objects.values_list("option_id", flat=True)) == [coffee]


def test_taking_back_a_vote_removes_the_ballot(group, meg, mo):
    post = poll_in(group, meg)
    actions.do_vote(mo, post.poll.id, ids(post)[:1])
    actions.do_retract_vote(mo, post.poll.id)
    assert not PollVote.objects.exists() and not PollChoice.objects.exists()
    with pytest.raises(Http404):
        actions.do_retract_vote(mo, post.poll.id)


def test_a_poll_closed_early_refuses_votes_changes_and_take_backs(group, meg, mo, olive):
    post = poll_in(group, meg)
    tea, coffee, _ = ids(post)
    actions.do_vote(mo, post.poll.id, [tea])
    committed(actions.do_close_poll, meg, post.poll.id)
    for attempt in (lambda: actions.do_vote(olive, post.poll.id, [tea]),
                    lambda: actions.do_vote(mo, post.poll.id, [coffee]),
                    lambda: actions.do_retract_vote(mo, post.poll.id)):
        with pytest.raises(ValidationError):
            attempt()
    assert list(PollChoice.objects.values_list("vote__member__handle", "option_id")) == [("moira", tea)]


def test_a_poll_past_its_closing_time_refuses_votes_even_before_the_task_runs(group, meg, mo):
    post = poll_in(group, meg, closes_at=timezone.now() + timedelta(hours=1))
    Poll.objects.filter(id=post.poll.id).update(closes_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(ValidationError):
        actions.do_vote(mo, post.poll.id, ids(post)[:1])


def test_polls_on_profile_posts_take_votes_from_anyone_who_can_see_them(meg, nia):
    post = posted(meg, "Sleep regression: 4 months or 8?", poll=PollSpec(options=["4 months", "8 months"]))
    actions.do_vote(nia, post.poll.id, ids(post)[:1])
    assert PollVote.objects.filter(member=nia).exists()


# --- Closing --------------------------------------------------------------------------------

def test_only_the_author_closes_a_poll(group, meg, mo, olive):
    post = poll_in(group, meg)
    for other in (mo, olive):
        with pytest.raises(PermissionDenied):
            actions.do_close_poll(other, post.poll.id)
    assert Poll.objects.get(id=post.poll.id).closed_at is None


def test_closing_a_poll_you_cannot_see_is_a_404(group_of, olive, nia):
    post = poll_in(group_of("private"), olive)
    with pytest.raises(Http404):
        actions.do_close_poll(nia, post.poll.id)


def test_closing_tells_each_voter_once_and_nobody_else(group, meg, mo, olive, nia):
    committed(actions.do_join_group, nia, group.id)
    post = poll_in(group, meg)
    tea, coffee, _ = ids(post)
    actions.do_vote(mo, post.poll.id, [tea])
    actions.do_vote(mo, post.poll.id, [coffee])  # changed: still one voter
    actions.do_vote(olive, post.poll.id, [coffee])
    actions.do_vote(nia, post.poll.id, [tea])
    actions.do_retract_vote(nia, post.poll.id)  # took it back: not a voter any more

    committed(actions.do_close_poll, meg, post.poll.id)
    committed(actions.do_close_poll, meg, post.poll.id)  # closing twice closes once
    assert close_and_notify(post.poll.id) is False  # the task already ran: running it again does nothing

    assert sorted(closed_notices().values_list("recipient__handle", flat=True)) == ["moira", "olive"]
    assert set(closed_notices().values_list("actor", "post")) == {(None, post.id)}


def test_a_poll_reaching_its_time_closes_and_notifies_once(group, meg, mo):
    post = poll_in(group, meg, closes_at=timezone.now() + timedelta(hours=1))
    actions.do_vote(mo, post.poll.id, ids(post)[:1])
    assert close_and_notify(post.poll.id) is False  # not yet
    Poll.objects.filter(id=post.poll.id).update(closes_at=timezone.now() - timedelta(seconds=1))
    assert committed(close_and_notify, post.poll.id) is True
    assert committed(close_and_notify, post.poll.id) is False
    assert Poll.objects.get(id=post.poll.id).closed_at is not None
    assert list(closed_notices().values_list("recipient__handle", flat=True)) == ["moira"]


def test_a_deleted_posts_poll_tells_nobody(group, meg, mo):
    post = poll_in(group, meg)
    actions.do_vote(mo, post.poll.id, ids(post)[:1])
    committed(do_delete_post, meg, post.id)
    Poll.objects.filter(id=post.poll.id).update(closed_at=timezone.now())
    assert committed(close_and_notify, post.poll.id) is False
    assert not closed_notices().exists()


# --- Results --------------------------------------------------------------------------------

def test_results_show_a_voter_after_voting_and_everyone_after_closing(group, meg, mo, olive, nia):
    member = make_member("mel")
    committed(actions.do_join_group, member, group.id)
    post = poll_in(group, meg)
    tea, coffee, _ = ids(post)
    assert not view_for(post, member).results_visible
    for voter, option in ((member, tea), (mo, tea), (olive, coffee)):
        actions.do_vote(voter, post.poll.id, [option])
    view = view_for(post, member)
    assert view.results_visible and view.voted and view.my_option_ids == {tea}
    assert [(r.votes, r.percent, r.mine) for r in view.options] == [(2, 67, True), (1, 33, False), (0, 0, False)]
    assert not view_for(post, nia).results_visible  # an outsider of a public group who hasn't voted
    assert not view_for(post, None).results_visible
    committed(actions.do_close_poll, meg, post.poll.id)
    for viewer in (nia, None, member):
        view = view_for(post, viewer)
        assert view.results_visible and view.closed and not view.can_vote
        assert view.voters == 3


def test_the_author_and_moderators_see_results_throughout_and_may_export(group, meg, mo, olive):
    member = make_member("mel")
    committed(actions.do_join_group, member, group.id)
    post = poll_in(group, meg)
    for viewer, expected in ((meg, True), (mo, True), (olive, True), (member, False)):
        view = view_for(post, viewer)
        assert (view.results_visible, view.can_export) == (expected, expected)


def test_only_members_of_the_group_are_offered_the_vote(group, meg, nia):
    post = poll_in(group, meg)
    assert view_for(post, meg).can_vote
    assert not view_for(post, nia).can_vote
    assert not view_for(post, None).can_vote


def test_who_voted_is_shown_only_when_the_author_chose_it_and_results_are_visible(group, meg, mo, olive):
    hidden, shown = poll_in(group, meg), poll_in(group, meg, options=("Yes", "No"), show_voters=True)
    for post in (hidden, shown):
        actions.do_vote(mo, post.poll.id, ids(post)[:1])
    assert voters_by_option(view_for(hidden, mo), mo) == {}
    assert voters_by_option(view_for(shown, mo), mo) == {ids(shown)[0]: [mo]}
    member = make_member("mel")
    committed(actions.do_join_group, member, group.id)
    assert voters_by_option(view_for(shown, member), member) == {}  # results not yet visible to them
    actions.do_vote(member, shown.poll.id, ids(shown)[1:])
    assert voters_by_option(view_for(shown, member), member) == {ids(shown)[0]: [mo], ids(shown)[1]: [member]}


def test_a_voter_who_blocked_you_is_left_out_of_who_voted(group, meg, mo):
    post = poll_in(group, meg, options=("Yes", "No"), show_voters=True)
    actions.do_vote(mo, post.poll.id, ids(post)[:1])
    committed(do_block, mo, meg)
    assert voters_by_option(view_for(post, meg), meg) == {}


def test_the_csv_has_counts_and_names_voters_only_when_shown(group, meg, mo):
    plain = poll_in(group, meg, options=("=SUM(A1)", "Coffee"))
    named = poll_in(group, meg, options=("Yes", "No"), show_voters=True)
    for post in (plain, named):
        actions.do_vote(mo, post.poll.id, ids(post)[:1])
    plain_csv = results_csv(view_for(plain, meg))
    assert "'=SUM(A1),1,100" in plain_csv and "Coffee,0,0" in plain_csv
    assert "@moira" not in plain_csv
    assert "Yes,@moira," in results_csv(view_for(named, meg))
