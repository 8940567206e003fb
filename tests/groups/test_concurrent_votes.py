"""Things sent at the same moment, on real threads with their own database connections,
released together by a barrier: 100 members voting at once give exactly 100 ballots with the
right counts; one member's two votes sent at once count once; the last use of an invite link
admits one person; joining at once keeps member_count right.

Runs on SQLite (the default: the test database is a file, in WAL mode with IMMEDIATE
transactions and a busy timeout, so writers queue) and on PostgreSQL
(KETTLE_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres), where the database's
unique constraints and row locks do the work."""

from __future__ import annotations

from collections import Counter

import pytest
from django.http import Http404

from kettle.accounts.models import Member
from kettle.groups import actions
from kettle.groups.actions import PollSpec
from kettle.groups.models import Group, Invite, Membership, PollChoice, PollVote
from tests.concurrency import at_once
from tests.factories import make_group, make_member
from tests.helpers import posted

pytestmark = pytest.mark.django_db(transaction=True)


def as_member(member_id: int) -> Member:
    """Each thread loads its member on its own connection, as a request would."""
    return Member.objects.get(id=member_id)


def errors_in(results) -> list[Exception]:
    return [result for result in results if isinstance(result, Exception)]


def members(prefix: str, count: int) -> list[Member]:
    return [make_member(f"{prefix}{i}") for i in range(count)]


@pytest.fixture
def owner():
    return make_member("olive")


@pytest.mark.slow
def test_a_hundred_members_voting_at_the_same_moment_give_exactly_a_hundred_ballots(owner):
    voters = members("voter", 100)
    group = make_group(owner, "Suffolk Parents", privacy="public", members=tuple(voters))
    post = posted(owner, "Which class should we run next term?", group_id=group.id,
                  poll=PollSpec(options=["Baby massage", "Sensory play", "Baby signing"]))
    options = list(post.poll.options.values_list("id", flat=True))
    chosen = {voter.id: options[i % 3] for i, voter in enumerate(voters)}

    results = at_once([lambda v=voter.id: actions.do_vote(as_member(v), post.poll.id, [chosen[v]])
                       for voter in voters])

    assert errors_in(results) == []
    assert PollVote.objects.filter(poll=post.poll).count() == 100
    counts = Counter(PollChoice.objects.filter(poll=post.poll).values_list("option_id", flat=True))
    assert counts == {options[0]: 34, options[1]: 33, options[2]: 33}
    assert dict(PollChoice.objects.filter(poll=post.poll).values_list("vote__member_id", "option_id")) == chosen


def test_one_member_sending_two_votes_at_the_same_moment_is_counted_once(owner):
    """Five members each send two different votes at once (ten threads released together): each
    has one ballot holding one choice, one of the two they sent."""
    voters = members("quick", 5)
    group = make_group(owner, "Tea Club", privacy="public", members=tuple(voters))
    post = posted(owner, "Tea or coffee?", group_id=group.id, poll=PollSpec(options=["Tea", "Coffee"]))
    tea, coffee = post.poll.options.values_list("id", flat=True)

    results = at_once([lambda v=voter.id, o=option: actions.do_vote(as_member(v), post.poll.id, [o])
                       for voter in voters for option in (tea, coffee)])

    assert errors_in(results) == []
    for voter in voters:
        assert PollVote.objects.filter(poll=post.poll, member=voter).count() == 1
        assert PollChoice.objects.filter(poll=post.poll, vote__member=voter).count() == 1
    assert PollChoice.objects.filter(poll=post.poll).count() == 5


def test_two_different_ballots_sent_at_once_on_a_multiple_choice_poll_leave_one_of_them_whole(owner):
    voters = members("picker", 5)
    group = make_group(owner, "Weekend Plans", privacy="public", members=tuple(voters))
    post = posted(owner, "Where shall we meet?", group_id=group.id,
                  poll=PollSpec(options=["Park", "Library", "Cafe"], multiple=True))
    park, library, cafe = post.poll.options.values_list("id", flat=True)
    ballots = ({park}, {library, cafe})

    at_once([lambda v=voter.id, b=ballot: actions.do_vote(as_member(v), post.poll.id, sorted(b))
             for voter in voters for ballot in ballots])

    for voter in voters:
        kept = set(PollChoice.objects.filter(poll=post.poll, vote__member=voter).values_list("option_id", flat=True))
        assert kept in ballots  # one ballot, whole: never a mix of the two
    assert PollVote.objects.filter(poll=post.poll).count() == 5


def test_people_taking_the_last_use_of_an_invite_link_at_once_let_in_only_one(owner):
    group = make_group(owner, "Last Place Club", privacy="secret")
    invite = actions.do_create_invite(owner, group.id, days=1, max_uses=1)
    hopefuls = members("hopeful", 4)

    results = at_once([lambda m=m.id: actions.do_join_by_invite(as_member(m), invite.code) for m in hopefuls])

    assert sum(isinstance(result, Membership) for result in results) == 1
    assert all(isinstance(error, Http404) for error in errors_in(results)) and len(errors_in(results)) == 3
    assert Membership.objects.filter(group=group, member__in=hopefuls).count() == 1
    assert Invite.objects.get(id=invite.id).uses == 1
    assert Group.objects.get(id=group.id).member_count == 2


def test_many_joining_at_once_keep_the_member_count_exact(owner):
    joiners = members("joiner", 30)
    group = make_group(owner, "Ipswich Parents", privacy="public")

    results = at_once([lambda m=m.id: actions.do_join_group(as_member(m), group.id) for m in joiners])

    assert errors_in(results) == []
    assert Membership.objects.filter(group=group, state="active").count() == 31
    assert Group.objects.get(id=group.id).member_count == 31


def test_one_member_joining_twice_at_once_joins_once(owner):
    group = make_group(owner, "Double Click Club", privacy="public")
    keen = make_member("keen")

    results = at_once([lambda: actions.do_join_group(as_member(keen.id), group.id)] * 4)

    assert errors_in(results) == []
    assert Membership.objects.filter(group=group, member=keen).count() == 1
    assert Group.objects.get(id=group.id).member_count == 2
