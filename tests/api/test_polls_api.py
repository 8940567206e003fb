"""Polls through the API: making one with a post, reading it (counts hidden until you vote or it
closes), voting, changing and taking back a vote, closing early, who voted (only when the author
chose to show it), the CSV export, and a private group's polls being a 404 to outsiders."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from kettle.groups import actions
from kettle.groups.models import Poll, PollVote
from kettle.notifications.models import Notification
from kettle.social.actions import do_create_post
from tests.groups import conftest as group_fixtures
from tests.helpers import assert_error, committed, send

olive, mo, meg, nia, group_of, pending_in = (group_fixtures.olive, group_fixtures.mo, group_fixtures.meg,
                                             group_fixtures.nia, group_fixtures.group_of, group_fixtures.pending_in)

POSTS = "/api/v1/posts"
POLLS = "/api/v1/polls"
POLL_KEYS = {"id", "post_id", "multiple", "show_voters", "closes_at", "closed", "voters", "voted", "results_visible",
             "options"}


@pytest.fixture
def poll_in(meg):
    """A poll Meg posts in a group: options Monday, Tuesday, Wednesday."""

    def make(group, **spec):
        post = committed(do_create_post, meg, body="Which day suits?", group_id=group.id,
                         poll=actions.PollSpec(options=["Monday", "Tuesday", "Wednesday"], **spec))
        return Poll.objects.get(post=post)

    return make


def option_ids(poll) -> list[int]:
    return list(poll.options.values_list("id", flat=True))


def vote(client, poll, *options):
    return send(client, "post", f"{POLLS}/{poll.id}/votes", {"options": list(options)})


# --- making a poll -----------------------------------------------------------------------------

def test_a_post_can_carry_a_poll(group_of, meg, api):
    group = group_of("public")
    closes = (timezone.now() + timedelta(days=2)).isoformat()

    response = send(api(meg), "post", POSTS, {"body": "Best baby class?", "group": group.slug, "poll": {
        "options": ["Baby massage", "Sing and sign", "Swimming"], "multiple": True, "show_voters": True,
        "closes_at": closes}})

    assert response.status_code == 201, response.content
    poll = response.json()["poll"]
    assert set(poll) == POLL_KEYS and poll["post_id"] == response.json()["id"]
    assert [o["text"] for o in poll["options"]] == ["Baby massage", "Sing and sign", "Swimming"]
    assert (poll["multiple"], poll["show_voters"], poll["closed"], poll["voted"]) == (True, True, False, False)
    assert poll["results_visible"] is True  # its author sees results throughout


def test_a_poll_works_on_a_profile_post_too(meg, api):
    response = send(api(meg), "post", POSTS, {"body": "Tea or coffee?", "poll": {"options": ["Tea", "Coffee"]}})
    assert response.status_code == 201 and response.json()["group"] is None
    assert response.json()["poll"]["multiple"] is False


@pytest.mark.parametrize("poll, field", [
    ({"options": ["Only one"]}, "poll.options"),
    ({"options": [str(n) for n in range(11)]}, "poll.options"),
    ({"options": ["Same", "same"]}, "poll.options"),
    ({"options": ["Yes", "  "]}, "poll.options"),
    ({"options": ["Yes", "x" * 101]}, "poll.options.1"),
    ({"options": ["Yes", "No"], "closes_at": "2020-01-01T00:00:00Z"}, "poll.closes_at"),
    ({"options": ["Yes", "No"], "closes_at": "2099-01-01T00:00:00Z"}, "poll.closes_at"),
    ({"options": ["Yes", "No"], "closes_at": "2030-01-01T00:00:00"}, "poll.closes_at"),
    ({"options": ["Yes", "No"], "colour": "red"}, "poll.colour"),
    ({"options": "Yes, No"}, "poll.options"),
])
def test_a_bad_poll_is_a_field_error_and_posts_nothing(poll, field, meg, api):
    response = send(api(meg), "post", POSTS, {"body": "Vote!", "poll": poll})
    assert response.status_code in (400, 422), response.content
    assert_error(response, response.status_code, "invalid", field)
    assert not Poll.objects.exists()


# --- reading and voting -------------------------------------------------------------------------

def test_counts_stay_hidden_until_you_vote_then_a_changed_vote_is_200(group_of, nia, poll_in, api):
    group = group_of("public")
    poll = poll_in(group)
    committed(actions.do_join_group, nia, group.id)
    monday, tuesday, _ = option_ids(poll)
    as_nia = api(nia)

    before = as_nia.get(f"{POLLS}/{poll.id}").json()
    assert (before["voters"], before["results_visible"]) == (None, False)
    assert {o["votes"] for o in before["options"]} == {None}

    first = vote(as_nia, poll, monday)
    assert first.status_code == 201
    assert first.json()["voters"] == 1 and first.json()["voted"] is True
    assert [(o["votes"], o["percent"], o["chosen"]) for o in first.json()["options"]] == [
        (1, 100, True), (0, 0, False), (0, 0, False)]

    changed = vote(as_nia, poll, tuesday)
    assert changed.status_code == 200
    assert [o["chosen"] for o in changed.json()["options"]] == [False, True, False]
    assert PollVote.objects.filter(poll=poll).count() == 1


def test_a_bad_vote_changes_nothing(group_of, meg, nia, poll_in, api):
    group = group_of("public")
    poll = poll_in(group)
    other = poll_in(group)
    committed(actions.do_join_group, nia, group.id)
    monday, tuesday, _ = option_ids(poll)

    assert_error(vote(api(nia), poll, monday, tuesday), 400, "invalid", "options")  # single choice
    assert_error(vote(api(nia), poll, option_ids(other)[0]), 400, "invalid", "options")
    assert_error(vote(api(nia), poll), 422, "invalid", "options")
    assert_error(send(api(nia), "post", f"{POLLS}/{poll.id}/votes", {"options": ["Monday"]}), 422, "invalid",
                 "options.0")
    assert_error(vote(api(nia), poll, 2**70), 422, "invalid")
    assert not PollVote.objects.exists()


def test_a_multiple_choice_poll_takes_several_options(group_of, meg, nia, poll_in, api):
    group = group_of("public")
    poll = poll_in(group, multiple=True)
    committed(actions.do_join_group, nia, group.id)
    monday, _, wednesday = option_ids(poll)

    body = vote(api(nia), poll, monday, wednesday).json()
    assert [o["chosen"] for o in body["options"]] == [True, False, True]


def test_taking_a_vote_back(group_of, nia, poll_in, api):
    group = group_of("public")
    poll = poll_in(group)
    committed(actions.do_join_group, nia, group.id)
    vote(api(nia), poll, option_ids(poll)[0])

    body = api(nia).delete(f"{POLLS}/{poll.id}/votes").json()

    assert body["voted"] is False and body["results_visible"] is False
    assert_error(api(nia).delete(f"{POLLS}/{poll.id}/votes"), 404, "not_found")


def test_only_members_vote_in_a_group_poll(group_of, nia, poll_in, api):
    poll = poll_in(group_of("public"))
    assert_error(vote(api(nia), poll, option_ids(poll)[0]), 403, "forbidden")
    assert_error(vote(api(), poll, option_ids(poll)[0]), 401, "unauthenticated")


# --- closing -----------------------------------------------------------------------------------

def test_the_author_closes_a_poll_early_and_voters_hear_of_it(group_of, meg, nia, poll_in, api):
    group = group_of("public")
    poll = poll_in(group)
    committed(actions.do_join_group, nia, group.id)
    vote(api(nia), poll, option_ids(poll)[0])

    assert_error(api(nia).post(f"{POLLS}/{poll.id}/close"), 403, "forbidden")
    closed = api(meg).post(f"{POLLS}/{poll.id}/close")

    assert closed.status_code == 200 and closed.json()["closed"] is True
    assert Notification.objects.filter(recipient=nia, kind=Notification.Kind.POLL_CLOSED).count() == 1
    assert_error(vote(api(nia), poll, option_ids(poll)[1]), 400, "invalid", "options")
    assert_error(api(nia).delete(f"{POLLS}/{poll.id}/votes"), 400, "invalid")


def test_everyone_who_may_see_a_closed_poll_sees_its_results(group_of, nia, poll_in, api, meg):
    group = group_of("public")
    poll = poll_in(group)
    committed(actions.do_close_poll, meg, poll.id)
    body = api(nia).get(f"{POLLS}/{poll.id}").json()
    assert body["results_visible"] is True and body["voters"] == 0


# --- who may see a poll ------------------------------------------------------------------------

@pytest.mark.parametrize("privacy, who, expected", [
    ("private", "outsider", 404), ("private", "logged_out", 404), ("private", "pending", 404),
    ("private", "member", 200), ("secret", "outsider", 404), ("public", "outsider", 200),
])
def test_a_private_groups_poll_is_a_404_to_non_members(privacy, who, expected, group_of, meg, nia, pending_in,
                                                       poll_in, api):
    group = group_of(privacy, questions=[])
    poll = poll_in(group, show_voters=True)
    committed(actions.do_vote, meg, poll.id, [option_ids(poll)[0]])
    person = {"outsider": nia, "logged_out": None, "pending": nia, "member": meg}[who]
    if who == "pending":
        pending_in(nia, group)
    client = api(person)

    assert client.get(f"{POLLS}/{poll.id}").status_code == expected
    if expected == 404:
        for path in (f"{POLLS}/{poll.id}", f"{POLLS}/{poll.id}/voters"):
            assert_error(client.get(path), 404, "not_found")
        if person is not None:  # logged out, these ask you to log in first
            assert_error(client.get(f"{POLLS}/{poll.id}/results.csv"), 404, "not_found")
            assert_error(vote(client, poll, option_ids(poll)[0]), 404, "not_found")


# --- who voted, and the export -----------------------------------------------------------------

def test_voters_are_listed_only_for_show_who_voted_polls_once_results_show(group_of, meg, nia, poll_in, api):
    group = group_of("public")
    committed(actions.do_join_group, nia, group.id)
    anonymous_votes = poll_in(group)
    shown = poll_in(group, show_voters=True)
    monday = option_ids(shown)[0]
    committed(actions.do_vote, meg, shown.id, [monday])
    committed(actions.do_vote, meg, anonymous_votes.id, [option_ids(anonymous_votes)[0]])

    assert_error(api(nia).get(f"{POLLS}/{shown.id}/voters"), 404, "not_found")  # nia hasn't voted yet
    vote(api(nia), shown, option_ids(shown)[1])
    body = api(nia).get(f"{POLLS}/{shown.id}/voters").json()
    assert [(v["member"]["handle"], v["option_id"]) for v in body["items"]] == [
        ("nia", option_ids(shown)[1]), ("meg", monday)]
    only_monday = api(nia).get(f"{POLLS}/{shown.id}/voters?option={monday}").json()
    assert [v["member"]["handle"] for v in only_monday["items"]] == ["meg"]
    assert_error(api(meg).get(f"{POLLS}/{anonymous_votes.id}/voters"), 404, "not_found")


def test_the_author_and_moderators_export_results_as_csv(group_of, olive, mo, meg, nia, poll_in, api):
    group = group_of("public")
    poll = poll_in(group, show_voters=True)
    committed(actions.do_join_group, nia, group.id)
    committed(actions.do_vote, nia, poll.id, [option_ids(poll)[2]])

    for person in (meg, mo, olive):
        response = api(person).get(f"{POLLS}/{poll.id}/results.csv")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        assert "attachment" in response["Content-Disposition"]
        text = response.content.decode()
        assert "Wednesday,1,100" in text and "@nia" in text
    assert_error(api(nia).get(f"{POLLS}/{poll.id}/results.csv"), 404, "not_found")
    assert_error(api().get(f"{POLLS}/{poll.id}/results.csv"), 401, "unauthenticated")


def test_an_unknown_poll_is_a_404(api, nia):
    assert_error(api(nia).get(f"{POLLS}/424242"), 404, "not_found")
    assert_error(api(nia).get(f"{POLLS}/0"), 422, "invalid")
