"""Polls in HTML: making one from the composer, voting (with htmx and without), changing and
taking back a vote, closing early, who voted, the CSV export, and who may do any of it."""

from __future__ import annotations

import zoneinfo
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kettle.groups import actions
from kettle.groups.actions import PollSpec
from kettle.groups.models import Poll, PollVote
from kettle.social.models import Post
from tests.factories import make_member
from tests.helpers import committed, posted, text_of

pytestmark = pytest.mark.django_db

OPTIONS = ["Monday", "Tuesday", "Wednesday"]


def poll_post(author, *, group=None, multiple=False, show_voters=False, options=OPTIONS, **spec):
    return posted(author, "Which day suits the baby group?", group_id=group.id if group else None,
                  poll=PollSpec(options=list(options), multiple=multiple, show_voters=show_voters, **spec))


def option_ids(post) -> list[int]:
    return list(post.poll.options.values_list("id", flat=True))


def vote(client, post, *chosen, htmx=False, **extra):
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(f"/polls/{post.poll.id}/vote", {"options": [str(c) for c in chosen], **extra}, headers=headers)


@pytest.fixture
def public_poster(db):
    return make_member("paula", place="Ipswich", is_public=True, display_name="Paula")


# --- Making a poll in the composer ---------------------------------------------------------

def compose(client, **fields):
    return client.post("/posts/new", {"kind": "update", "audience": "public", "body": "Quick question", **fields})


def test_a_poll_from_the_composer_keeps_the_written_options_in_order(member, client_for):
    response = compose(client_for(member), poll_option_1="Sling", poll_option_3="Pram", poll_option_7="Both",
                       poll_multiple="on", poll_show_voters="on")
    assert response.status_code == 302
    poll = Poll.objects.get(post__author=member)
    assert [o.text for o in poll.options.all()] == ["Sling", "Pram", "Both"]
    assert poll.multiple and poll.show_voters and poll.closes_at is None


def test_a_post_without_options_has_no_poll_whatever_else_is_ticked(member, client_for):
    compose(client_for(member), poll_multiple="on", poll_ends="1d")
    post = Post.objects.get(author=member)
    assert not Poll.objects.filter(post=post).exists()


def test_show_who_voted_is_off_by_default_and_explained(member, client_for):
    page = text_of(client_for(member).get("/posts/new"))
    assert "Add a poll" in page and 'name="poll_option_10"' in page
    assert 'name="poll_show_voters"' in page and "votes are anonymous" in page
    assert 'name="poll_show_voters" checked' not in page
    compose(client_for(member), poll_option_1="Yes", poll_option_2="No")
    assert Poll.objects.get(post__author=member).show_voters is False


@pytest.mark.parametrize("fields, message, field", [
    ({"poll_option_1": "Only one"}, "A poll needs at least 2 options.", "poll_option_2"),
    ({"poll_option_1": "Same", "poll_option_2": "same"}, "Each option needs to be different.", "poll_option_1"),
    ({"poll_option_1": "A", "poll_option_2": "x" * 101}, "Please keep each option to 100 characters.",
     "poll_option_2"),
    ({"poll_option_1": "A", "poll_option_2": "B", "poll_ends": "at"}, "Choose when the poll closes",
     "poll_closes_at"),
    ({"poll_option_1": "A", "poll_option_2": "B", "poll_ends": "at", "poll_closes_at": "2001-01-01T10:00"},
     "at least five minutes from now", "poll_closes_at"),
    ({"poll_option_1": "A", "poll_option_2": "B", "poll_closes_at": "soon"}, "Please enter a date and time",
     "poll_closes_at"),
    ({"poll_option_1": "A", "poll_option_2": "B", "poll_ends": "forever"}, "Please choose one of the options.",
     "poll_ends"),
])
def test_a_poll_the_action_refuses_comes_back_with_the_reason_beside_the_box(member, client_for, fields, message,
                                                                              field):
    response = compose(client_for(member), **fields)
    page = text_of(response)
    assert response.status_code == 400
    assert message in page
    assert f'id="id_{field}_errors"' in page
    assert "<details class=\"poll-compose\" open>" in page
    assert not Post.objects.filter(author=member).exists()


def test_a_poll_can_close_in_a_week_or_at_a_time_in_the_members_zone(member, client_for):
    client = client_for(member)
    compose(client, poll_option_1="A", poll_option_2="B", poll_ends="7d")
    week = Poll.objects.get(post__author=member).closes_at
    assert abs(week - (timezone.now() + timedelta(days=7))) < timedelta(minutes=1)
    Post.objects.filter(author=member).delete()

    zone = zoneinfo.ZoneInfo(member.timezone_name)
    local = (timezone.now() + timedelta(days=2)).astimezone(zone).replace(second=0, microsecond=0)
    compose(client, poll_option_1="A", poll_option_2="B", poll_ends="at",
            poll_closes_at=local.strftime("%Y-%m-%dT%H:%M"))
    assert Poll.objects.get(post__author=member).closes_at == local  # read as the member's own clock time


def test_a_group_post_can_carry_a_poll(group_of, meg, client_for):
    group = group_of("private")
    response = client_for(meg).post("/posts/new", {"group": group.slug, "body": "Which day?",
                                                   "poll_option_1": "Mon", "poll_option_2": "Tue"})
    assert response.status_code == 302
    assert Poll.objects.get(post__author=meg, post__group=group).options.count() == 2


# --- Voting --------------------------------------------------------------------------------

def test_results_stay_hidden_until_one_votes_then_show_with_percentages(public_poster, member, client_for):
    post = poll_post(public_poster)
    client = client_for(member)
    before = text_of(client.get(post.url))
    assert f'action="/polls/{post.poll.id}/vote"' in before and 'type="radio"' in before
    assert "Results show once you've voted" in before
    assert "poll-figures" not in before.split('id="poll-')[1].split("</section>")[0]

    response = vote(client, post, option_ids(post)[1], next=post.url)
    assert response.status_code == 302 and response["Location"] == f"{post.url}#poll-{post.poll.id}"
    after = text_of(client.get(post.url))
    poll_html = after.split(f'id="poll-{post.poll.id}"')[1].split("</section>")[0]
    assert "100%" in poll_html and "Your vote" in poll_html and "1 person voted" in poll_html
    assert "Change your vote" in poll_html and "Take back my vote" in poll_html


def test_a_vote_with_htmx_swaps_in_just_the_poll(public_poster, member, client_for):
    post = poll_post(public_poster)
    response = vote(client_for(member), post, option_ids(post)[0], htmx=True)
    page = text_of(response)
    assert response.status_code == 200
    assert page.lstrip().startswith(f'<section class="poll" id="poll-{post.poll.id}"') and "<html" not in page
    assert "1 person voted" in page and "100%" in page


def test_a_multiple_choice_poll_takes_several_options(public_poster, member, client_for):
    post = poll_post(public_poster, multiple=True)
    page = text_of(client_for(member).get(post.url))
    assert 'type="checkbox" name="options"' in page
    first, _, third = option_ids(post)
    vote(client_for(member), post, first, third)
    assert sorted(PollVote.objects.get(member=member).choices.values_list("option_id", flat=True)) == [first, third]


@pytest.mark.parametrize("chosen, message", [
    ((), "Choose an option."),
    (("abc",), "That option isn't part of this poll."),
    ((999999,), "That option isn't part of this poll."),
    (("first", "second"), "Choose one option."),
])
def test_a_bad_ballot_is_refused_beside_the_poll_and_counts_nothing(public_poster, member, client_for, chosen,
                                                                    message):
    post = poll_post(public_poster)
    ids = dict(zip(("first", "second"), option_ids(post), strict=False))
    response = vote(client_for(member), post, *[ids.get(c, c) for c in chosen])
    assert response.status_code == 400 and message in text_of(response)
    assert not PollVote.objects.filter(member=member).exists()
    htmx = vote(client_for(member), post, *[ids.get(c, c) for c in chosen], htmx=True)
    assert htmx.status_code == 200 and message in text_of(htmx) and "<html" not in text_of(htmx)


def test_a_vote_can_change_and_be_taken_back_while_open(public_poster, member, client_for):
    post = poll_post(public_poster)
    first, second, _ = option_ids(post)
    client = client_for(member)
    vote(client, post, first)
    vote(client, post, second)
    assert list(PollVote.objects.get(member=member).choices.values_list("option_id", flat=True)) == [second]
    response = client.post(f"/polls/{post.poll.id}/retract", {"next": post.url})
    assert response.status_code == 302 and not PollVote.objects.filter(member=member).exists()
    again = client.post(f"/polls/{post.poll.id}/retract")
    assert again.status_code == 400 and "You haven't voted in this poll." in text_of(again)


def test_only_the_author_can_close_a_poll_early_and_then_it_takes_no_votes(public_poster, member, client_for):
    post = poll_post(public_poster)
    refused = client_for(member).post(f"/polls/{post.poll.id}/close")
    assert refused.status_code == 400 and "Only the poll's author can close it." in text_of(refused)
    assert "Close poll now" not in text_of(client_for(member).get(post.url))
    author = client_for(public_poster)
    assert "Close poll now" in text_of(author.get(post.url))

    response = author.post(f"/polls/{post.poll.id}/close", headers={"HX-Request": "true"})
    assert response.status_code == 200 and "Closed" in text_of(response)
    post.poll.refresh_from_db()
    assert post.poll.closed_at is not None
    late = vote(client_for(member), post, option_ids(post)[0])
    assert late.status_code == 400 and "This poll has closed." in text_of(late)
    page = text_of(client_for(member).get(post.url))
    assert "0 people voted" in page and "Closed" in page and f'action="/polls/{post.poll.id}/vote"' not in page


def test_the_author_sees_results_before_voting_and_may_still_vote(public_poster, member, client_for):
    post = poll_post(public_poster)
    vote(client_for(member), post, option_ids(post)[0])
    page = text_of(client_for(public_poster).get(post.url))
    assert "1 person voted" in page and "100%" in page and "Add your vote" in page


def test_a_closing_time_shows_on_the_poll(public_poster, member, client_for):
    post = poll_post(public_poster, closes_at=timezone.now() + timedelta(days=3))
    assert "Closes <time" in text_of(client_for(member).get(post.url))


def test_logged_out_readers_see_the_options_but_no_results_and_a_way_to_log_in(public_poster, member, client_for):
    post = poll_post(public_poster)
    vote(client_for(member), post, option_ids(post)[0])
    page = text_of(client_for(None).get(post.url))
    poll_html = page.split(f'id="poll-{post.poll.id}"')[1].split("</section>")[0]
    assert "Monday" in poll_html and "poll-figures" not in poll_html and "Log in</a> to vote" in poll_html
    assert client_for(None).post(f"/polls/{post.poll.id}/vote", {"options": option_ids(post)[:1]}).status_code == 302
    assert PollVote.objects.count() == 1


def test_someone_outside_a_public_group_is_asked_to_join_before_voting(group_of, meg, nia, client_for):
    post = poll_post(meg, group=group_of("public"))
    response = vote(client_for(nia), post, option_ids(post)[0])
    assert response.status_code == 400 and "Join the group to take part." in text_of(response)
    assert not PollVote.objects.filter(member=nia).exists()


# --- Who voted and the CSV -----------------------------------------------------------------

def test_who_voted_is_listed_only_for_show_voters_polls_once_results_are_visible(group_of, meg, mo, olive,
                                                                                client_for):
    group = group_of("private")
    shown = poll_post(meg, group=group, show_voters=True)
    hidden = poll_post(meg, group=group)
    assert client_for(olive).get(f"/polls/{shown.poll.id}/voters").status_code == 200  # owner moderates: sees results
    assert client_for(mo).get(f"/polls/{hidden.poll.id}/voters").status_code == 404
    committed(actions.do_vote, olive, shown.poll.id, option_ids(shown)[2:])
    page = text_of(client_for(meg).get(f"/polls/{shown.poll.id}/voters"))
    assert "Wednesday" in page and "@olive" in page
    assert f'href="/polls/{shown.poll.id}/voters"' in text_of(client_for(meg).get(shown.url))
    assert "See who voted" not in text_of(client_for(meg).get(hidden.url))


def test_who_voted_stays_hidden_from_a_member_who_has_not_voted(public_poster, member, client_for):
    post = poll_post(public_poster, show_voters=True)
    committed(actions.do_vote, public_poster, post.poll.id, option_ids(post)[:1])
    assert client_for(member).get(f"/polls/{post.poll.id}/voters").status_code == 404
    vote(client_for(member), post, option_ids(post)[1])
    assert client_for(member).get(f"/polls/{post.poll.id}/voters").status_code == 200


def test_the_csv_is_for_the_author_and_the_groups_moderators_only(group_of, meg, mo, olive, nia, client_for):
    group = group_of("public")
    post = poll_post(meg, group=group)
    committed(actions.do_vote, olive, post.poll.id, option_ids(post)[:1])
    for who in (meg, mo, olive):
        response = client_for(who).get(f"/polls/{post.poll.id}/results.csv")
        assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
        assert "attachment" in response["Content-Disposition"]
        assert response.content.decode().splitlines()[:2] == ["option,votes,percent", "Monday,1,100"]
    committed(actions.do_join_group, nia, group.id)
    for who in (nia, None):
        assert client_for(who).get(f"/polls/{post.poll.id}/results.csv").status_code == 404
    assert "Export CSV" in text_of(client_for(mo).get(post.url))
    assert "Export CSV" not in text_of(client_for(nia).get(post.url))


# --- Privacy -------------------------------------------------------------------------------

@pytest.mark.parametrize("viewer", ["outsider", "logged_out", "pending"])
def test_a_poll_in_a_private_group_is_a_404_to_anyone_outside_it(group_of, meg, nia, client_for, pending_in, viewer):
    group = group_of("private", questions=[])
    post = poll_post(meg, group=group, show_voters=True)
    committed(actions.do_vote, meg, post.poll.id, option_ids(post)[:1])
    who = {"outsider": nia, "logged_out": None, "pending": make_member("pat")}[viewer]
    if viewer == "pending":
        pending_in(who, group)
    client = client_for(who)
    poll_id = post.poll.id
    assert client.get(f"/polls/{poll_id}/voters").status_code == 404
    assert client.get(f"/polls/{poll_id}/results.csv").status_code == 404
    if who is not None:
        for action in ("vote", "retract", "close"):
            assert client.post(f"/polls/{poll_id}/{action}", {"options": option_ids(post)[:1]}).status_code == 404
        assert client.post(f"/polls/{poll_id}/vote", {"options": option_ids(post)[:1]},
                           headers={"HX-Request": "true"}).status_code == 404
    assert PollVote.objects.filter(poll_id=poll_id).count() == 1
    assert Poll.objects.get(id=poll_id).closed_at is None


def test_an_unknown_poll_is_a_404(member, client_for):
    client = client_for(member)
    assert client.post("/polls/424242/vote", {"options": ["1"]}).status_code == 404
    assert client.get("/polls/424242/voters").status_code == 404


# --- Query count ---------------------------------------------------------------------------

def test_a_page_of_cards_with_polls_keeps_a_flat_query_count(public_poster, member, client_for):
    client = client_for(member)

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/local").status_code == 200
        return len(queries)

    first = poll_post(public_poster)
    vote(client, first, option_ids(first)[0])
    few = count_queries()
    for _ in range(12):
        post = poll_post(public_poster, multiple=True, show_voters=True)
        committed(actions.do_vote, member, post.poll.id, option_ids(post)[:2])
    assert count_queries() == few
