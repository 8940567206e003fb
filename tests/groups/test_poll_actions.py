"""Poll rules at the level of the actions and the poll reader: 2 to 10 distinct options, a
closing time from five minutes to 90 days away, single or multiple choice, changing and
retracting a vote, closed polls refusing votes, closing by the author only, voters told once
when a poll closes, and who sees results, voters and the export when."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

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

OPTIONS = ["Tea", "Coffee", "Hot chocolate"]


@pytest.fixture
def group(group_of):
    return group_of("public")


@pytest.fixture
def voters(group):
    """Three more members of the group, to vote."""
    people = [make_member(handle) for handle in ("ada", "bob", "cyd")]
    for person in people:
        committed(actions.do_join_group, person, group.id)
    return people


def poll_post(author, group, options=OPTIONS, **spec):
    return posted(author, "What keeps you going at 3am?", group_id=group.id, poll=PollSpec(options=options, **spec))


def option_ids(post) -> list[int]:
    return list(post.poll.options.values_list("id", flat=True))


def choices_of(member, post) -> list[int]:
    return sorted(PollChoice.objects.filter(vote__member=member, poll=post.poll).values_list("option_id", flat=True))


def refused_poll(meg, group, **spec) -> dict:
    with pytest.raises(ValidationError) as refused:
        do_create_post(meg, body="Quick poll", group_id=group.id, poll=PollSpec(**spec))
    assert not Post.objects.exists() and not Poll.objects.exists()  # nothing half-made stays behind
    return refused.value.message_dict


# --- Making a poll --------------------------------------------------------------------------

@pytest.mark.parametrize("options, message", [
    (["Only one"], "A poll needs at least 2 options."),
    (["Yes", "  ", ""], "A poll needs at least 2 options."),
    ([f"Option {n}" for n in range(11)], "A poll can have up to 10 options."),
    (["Dummy", "dummy "], "Each option needs to be different."),
])
def test_a_poll_has_two_to_ten_different_options(group, meg, options, message):
    assert refused_poll(meg, group, options=options) == {"poll.options": [message]}


def test_an_option_is_at_most_a_hundred_characters(group, meg):
    errors = refused_poll(meg, group, options=["Fine", "x" * 101])
    assert list(errors) == ["poll.options.1"]


@pytest.mark.parametrize("count", [2, 10])
def test_two_and_ten_options_are_both_fine_and_keep_their_order(group, meg, count):
    words = [f"  Option   {n} " for n in range(count)]
    post = poll_post(meg, group, options=words)
    assert list(post.poll.options.values_list("text", flat=True)) == [f"Option {n}" for n in range(count)]


@pytest.mark.parametrize("closes_in, message", [
    (timedelta(minutes=4), "Choose a closing time at least five minutes from now."),
    (timedelta(days=-1), "Choose a closing time at least five minutes from now."),
    (timedelta(days=91), "A poll can stay open for up to 90 days."),
])
def test_a_poll_closes_five_minutes_to_ninety_days_from_now(group, meg, closes_in, message):
    errors = refused_poll(meg, group, options=["Yes", "No"], closes_at=timezone.now() + closes_in)
    assert errors == {"poll.closes_at": [message]}


def test_a_closing_time_needs_its_time_zone(group, meg):
    naive = (timezone.now() + timedelta(days=1)).replace(tzinfo=None)
    assert refused_poll(meg, group, options=["Yes", "No"], closes_at=naive) == {
        "poll.closes_at": ["Give the closing time with its time zone."]}


@pytest.mark.parametrize("closes_in", [timedelta(minutes=6), timedelta(days=89)])
def test_closing_times_inside_the_bounds_are_kept(group, meg, closes_in):
    when = timezone.now() + closes_in
    assert poll_post(meg, group, options=["Yes", "No"], closes_at=when).poll.closes_at == when


# --- Voting ---------------------------------------------------------------------------------

def test_a_single_choice_poll_takes_one_option(group, meg, voters):
    post = poll_post(meg, group)
    tea, coffee, _ = option_ids(post)
    with pytest.raises(ValidationError) as refused:
        actions.do_vote(voters[0], post.poll.id, [tea, coffee])
    assert refused.value.message_dict == {"options": ["Choose one option."]}
    assert not PollVote.objects.exists()
    committed(actions.do_vote, voters[0], post.poll.id, [tea, tea])  # the same option twice is one
    assert choices_of(voters[0], post) == [tea]


def test_a_multiple_choice_poll_takes_several(group, meg, voters):
    post = poll_post(meg, group, multiple=True)
    tea, coffee, chocolate = option_ids(post)
    committed(actions.do_vote, voters[0], post.poll.id, [chocolate, tea])
    assert choices_of(voters[0], post) == [tea, chocolate]


@pytest.mark.parametrize("chosen, message", [
    ([], "Choose an option."),
    (None, "Choose an option."),
    ("elsewhere", "That option isn't part of this poll."),
])
def test_a_vote_names_options_of_this_poll(group, meg, voters, chosen, message):
    post = poll_post(meg, group)
    if chosen == "elsewhere":
        chosen = option_ids(poll_post(meg, group, options=["Yes", "No"]))[:1]
    with pytest.raises(ValidationError) as refused:
        actions.do_vote(voters[0], post.poll.id, chosen)
    assert refused.value.message_dict == {"options": [message]}
    assert not PollVote.objects.exists()


def test_changing_a_vote_keeps_one_ballot(group, meg, voters):
    post = poll_post(meg, group)
    tea, coffee, _ = option_ids(post)
    first = committed(actions.do_vote, voters[0], post.poll.id, [tea])
    again = committed(actions.do_vote, voters[0], post.poll.id, [coffee])
    assert again.id == first.id and again.changed_at is not None
    assert PollVote.objects.filter(poll=post.poll).count() == 1
    assert choices_of(voters[0], post) == [coffee]


def test_retracting_a_vote_takes_the_ballot_back(group, meg, voters):
    post = poll_post(meg, group)
    committed(actions.do_vote, voters[0], post.poll.id, option_ids(post)[:1])
    committed(actions.do_retract_vote, voters[0], post.poll.id)
    assert not PollVote.objects.exists() and not PollChoice.objects.exists()
    with pytest.raises(Http404):
        actions.do_retract_vote(voters[0], post.poll.id)


@pytest.mark.parametrize("how", ["closed_early", "time_passed"])
def test_a_closed_poll_refuses_votes_changes_and_retractions(group, meg, voters, how):
    post = poll_post(meg, group, closes_at=timezone.now() + timedelta(hours=1))
    tea, coffee, _ = option_ids(post)
    committed(actions.do_vote, voters[0], post.poll.id, [tea])
    if how == "closed_early":
        committed(actions.do_close_poll, meg, post.poll.id)
    else:
        Poll.objects.filter(id=post.poll.id).update(closes_at=timezone.now() - timedelta(seconds=1))
    closed = {"options": ["This poll has closed."]}
    for attempt in (lambda: actions.do_vote(voters[1], post.poll.id, [coffee]),
                    lambda: actions.do_vote(voters[0], post.poll.id, [coffee]),
                    lambda: actions.do_retract_vote(voters[0], post.poll.id)):
        with pytest.raises(ValidationError) as refused:
            attempt()
        assert refused.value.message_dict == closed
    assert list(PollChoice.objects.values_list("vote__member__handle", "option_id")) == [("ada", tea)]


def test_a_poll_on_a_profile_post_takes_votes_from_those_who_see_the_post(bea, cal):
    post = posted(bea, "Names we're stuck between", audience="followers", poll=PollSpec(options=["Iris", "Ivy"]))
    committed(actions.do_vote, bea, post.poll.id, option_ids(post)[:1])
    with pytest.raises(Http404):  # for Bea's followers, and Cal doesn't follow her
        actions.do_vote(cal, post.poll.id, option_ids(post)[1:])
    assert PollVote.objects.count() == 1
    everyone = posted(bea, "And middle names?", poll=PollSpec(options=["Rose", "Mae"]))
    committed(actions.do_vote, cal, everyone.poll.id, option_ids(everyone)[:1])
    assert choices_of(cal, everyone) == option_ids(everyone)[:1]


def test_a_deleted_posts_poll_is_gone(group, meg, voters):
    post = poll_post(meg, group)
    committed(do_delete_post, meg, post.id)
    with pytest.raises(Http404):
        actions.do_vote(voters[0], post.poll.id, option_ids(post)[:1])


# --- Closing --------------------------------------------------------------------------------

def test_only_the_author_closes_a_poll_early(group, meg, olive, mo, voters, nia):
    post = poll_post(meg, group)
    for someone in (olive, mo, voters[0], nia):
        with pytest.raises(PermissionDenied):
            actions.do_close_poll(someone, post.poll.id)
    assert Poll.objects.get(id=post.poll.id).closed_at is None


def test_a_poll_in_a_group_you_cannot_read_is_404_to_close_or_vote(group_of, meg, nia):
    private = group_of("private")
    post = poll_post(meg, private)
    with pytest.raises(Http404):
        actions.do_close_poll(nia, post.poll.id)
    with pytest.raises(Http404):
        actions.do_vote(nia, post.poll.id, option_ids(post)[:1])


def test_closing_tells_each_voter_once_and_not_the_author(group, meg, voters):
    post = poll_post(meg, group, multiple=True)
    tea, coffee, _ = option_ids(post)
    committed(actions.do_vote, voters[0], post.poll.id, [tea, coffee])
    committed(actions.do_vote, voters[1], post.poll.id, [coffee])
    committed(actions.do_vote, voters[1], post.poll.id, [tea])  # changed their mind: still one voter
    committed(actions.do_close_poll, meg, post.poll.id)
    closed_at = Poll.objects.get(id=post.poll.id).closed_at
    committed(actions.do_close_poll, meg, post.poll.id)  # closing again changes nothing
    assert committed(close_and_notify, post.poll.id) is False  # the close already told them
    told = Notification.objects.filter(kind=Notification.Kind.POLL_CLOSED, post=post)
    assert sorted(told.values_list("recipient__handle", "actor")) == [("ada", None), ("bob", None)]
    assert Poll.objects.get(id=post.poll.id).closed_at == closed_at


def test_an_author_who_voted_hears_too(group, meg, voters):
    post = poll_post(meg, group)
    committed(actions.do_vote, meg, post.poll.id, option_ids(post)[:1])
    committed(actions.do_close_poll, meg, post.poll.id)
    told = Notification.objects.filter(kind=Notification.Kind.POLL_CLOSED)
    assert list(told.values_list("recipient__handle", flat=True)) == ["meg"]


def test_a_poll_closes_at_its_time_once_however_often_the_task_runs(group, meg, voters):
    post = poll_post(meg, group, closes_at=timezone.now() + timedelta(hours=1))
    committed(actions.do_vote, voters[0], post.poll.id, option_ids(post)[:1])
    assert committed(close_and_notify, post.poll.id) is False  # not yet its time
    when = timezone.now() - timedelta(seconds=5)
    Poll.objects.filter(id=post.poll.id).update(closes_at=when)
    assert committed(close_and_notify, post.poll.id) is True
    assert committed(close_and_notify, post.poll.id) is False
    assert Poll.objects.get(id=post.poll.id).closed_at == when
    assert Notification.objects.filter(kind=Notification.Kind.POLL_CLOSED).count() == 1


def test_a_deleted_posts_poll_tells_nobody_when_it_closes(group, meg, voters):
    post = poll_post(meg, group, closes_at=timezone.now() + timedelta(hours=1))
    committed(actions.do_vote, voters[0], post.poll.id, option_ids(post)[:1])
    committed(do_delete_post, meg, post.id)
    Poll.objects.filter(id=post.poll.id).update(closes_at=timezone.now() - timedelta(seconds=5))
    assert committed(close_and_notify, post.poll.id) is False
    assert not Notification.objects.filter(kind=Notification.Kind.POLL_CLOSED).exists()


def test_closing_a_poll_that_is_gone_does_nothing(db):
    assert close_and_notify(999_999) is False


# --- Who sees what, when --------------------------------------------------------------------

@pytest.mark.parametrize("who, before_voting, can_vote, can_export", [
    ("author", True, True, True),
    ("moderator", True, True, True),
    ("owner", True, True, True),
    ("member", False, True, False),
    ("outsider", False, False, False),
    ("logged_out", False, False, False),
])
def test_results_show_to_the_author_and_moderators_throughout_and_to_others_after_voting(
        group, meg, olive, mo, voters, nia, who, before_voting, can_vote, can_export):
    post = poll_post(meg, group)
    viewer = {"author": meg, "moderator": mo, "owner": olive, "member": voters[0], "outsider": nia,
              "logged_out": None}[who]
    view = poll_view(post, viewer)
    assert (view.results_visible, view.can_vote, view.can_export) == (before_voting, can_vote, can_export)


def test_a_member_sees_results_once_they_vote_and_everyone_once_it_closes(group, meg, voters, nia):
    post = poll_post(meg, group)
    reader = voters[1]
    assert poll_view(post, reader).results_visible is False
    committed(actions.do_vote, reader, post.poll.id, option_ids(post)[:1])
    assert poll_view(post, reader).results_visible is True
    committed(actions.do_close_poll, meg, post.poll.id)
    for viewer in (voters[2], nia):
        view = poll_view(post, viewer)
        assert (view.closed, view.results_visible, view.can_vote) == (True, True, False)


def test_counts_and_percentages(group, meg, voters):
    post = poll_post(meg, group, multiple=True)
    tea, coffee, chocolate = option_ids(post)
    committed(actions.do_vote, voters[0], post.poll.id, [tea, coffee])
    committed(actions.do_vote, voters[1], post.poll.id, [tea])
    committed(actions.do_vote, voters[2], post.poll.id, [chocolate])
    view = poll_view(post, meg)
    assert view.voters == 3
    # Percentages are of people who voted, so a multiple-choice poll's add up to more than 100.
    assert [(r.option.text, r.votes, r.percent) for r in view.options] == [
        ("Tea", 2, 67), ("Coffee", 1, 33), ("Hot chocolate", 1, 33)]


def test_votes_are_anonymous_unless_the_author_chose_to_show_who_voted(group, meg, voters):
    hidden = poll_post(meg, group)
    shown = poll_post(meg, group, show_voters=True)
    for post in (hidden, shown):
        committed(actions.do_vote, voters[0], post.poll.id, option_ids(post)[:1])
    assert voters_by_option(poll_view(hidden, meg), meg) == {}
    names = {option: [m.handle for m in people]
             for option, people in voters_by_option(poll_view(shown, meg), meg).items()}
    assert names == {option_ids(shown)[0]: ["ada"]}
    assert voters_by_option(poll_view(shown, voters[1]), voters[1]) == {}  # not voted yet: no results


def test_who_voted_leaves_out_people_on_the_other_side_of_a_block(group, meg, voters):
    post = poll_post(meg, group, show_voters=True)
    for person in voters:
        committed(actions.do_vote, person, post.poll.id, option_ids(post)[:1])
    committed(do_block, voters[2], voters[0])
    seen = voters_by_option(poll_view(post, voters[0]), voters[0])
    assert [m.handle for m in seen[option_ids(post)[0]]] == ["ada", "bob"]


def test_the_export_lists_counts_and_only_names_voters_when_they_are_shown(group, meg, voters):
    hidden = poll_post(meg, group, options=["=SUM(A1)", "Plain"])
    shown = poll_post(meg, group, options=["Yes", "No"], show_voters=True)
    for post in (hidden, shown):
        committed(actions.do_vote, voters[0], post.poll.id, option_ids(post)[:1])
    rows = list(csv.reader(io.StringIO(results_csv(poll_view(hidden, meg)))))
    assert rows == [["option", "votes", "percent"], ["'=SUM(A1)", "1", "100"], ["Plain", "0", "0"],
                    ["(people who voted)", "1", ""]]
    rows = list(csv.reader(io.StringIO(results_csv(poll_view(shown, meg)))))
    assert rows[5] == ["option", "voter", "voted_at"]
    assert [row[:2] for row in rows[6:]] == [["Yes", "@ada"]]
