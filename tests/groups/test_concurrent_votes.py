"""Votes sent at the same moment, on real threads with their own database connections: 100
members voting at once give exactly 100 ballots with the right counts, and one member's two
votes sent at once count once."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from kettle.accounts.models import Member
from kettle.groups import actions
from kettle.groups.actions import PollSpec
from kettle.groups.models import PollChoice, PollVote
from tests.factories import make_member
from tests.helpers import posted

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def spare_connections() -> int:
    """How many more connections the database accepts: SQLite has no limit; PostgreSQL has
    max_connections, shared with the other test workers."""
    if connection.vendor != "postgresql":
        return 1000
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('max_connections')::int - count(*) FROM pg_stat_activity")
        return cursor.fetchone()[0]


def at_once(calls) -> list[Exception]:
    """Run the calls on threads with their own connections, all released together; return what
    they raised. One thread per call, unless the database has fewer connections to spare (as a
    server's worker pool would): then each thread takes its share of calls back to back."""
    lanes = max(2, min(len(calls), spare_connections() - 15))
    shares = [calls[i::lanes] for i in range(lanes)]
    barrier = threading.Barrier(lanes)
    errors: list[Exception] = []

    def run(share):
        try:
            barrier.wait()
            for call in share:
                try:
                    call()
                except Exception as error:  # noqa: BLE001 (collected and reported by the test)
                    errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(share,)) for share in shares]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_a_hundred_members_voting_at_the_same_moment_give_exactly_a_hundred_votes():
    author = make_member("poller")
    post = posted(author, "Which baby class should we run next term?",
                  poll=PollSpec(options=["Baby massage", "Sensory play", "Baby signing"]))
    options = list(post.poll.options.values_list("id", flat=True))
    voters = [make_member(f"voter{i}") for i in range(100)]
    chosen = {voter.id: options[i % 3] for i, voter in enumerate(voters)}

    errors = at_once([lambda v=voter: actions.do_vote(Member.objects.get(id=v.id), post.poll.id, [chosen[v.id]])
                      for voter in voters])

    assert errors == []
    assert PollVote.objects.filter(poll=post.poll).count() == 100
    counts = {o: PollChoice.objects.filter(option_id=o).count() for o in options}
    assert counts == {options[0]: 34, options[1]: 33, options[2]: 33}


def test_one_member_sending_two_votes_at_the_same_moment_is_counted_once():
    author, voter = make_member("poller"), make_member("quick")
    post = posted(author, "Tea or coffee?", poll=PollSpec(options=["Tea", "Coffee"]))
    tea, coffee = post.poll.options.values_list("id", flat=True)

    errors = at_once([lambda: actions.do_vote(Member.objects.get(id=voter.id), post.poll.id, [tea]),
                      lambda: actions.do_vote(Member.objects.get(id=voter.id), post.poll.id, [coffee])])

    assert errors == []
    assert PollVote.objects.filter(poll=post.poll, member=voter).count() == 1
    assert PollChoice.objects.filter(poll=post.poll).count() == 1  # single choice: one option, whichever won


def test_two_people_taking_the_last_use_of_an_invite_link_at_once_let_in_only_one():
    from kettle.groups.models import Membership
    from tests.factories import make_group

    owner = make_member("owner")
    group = make_group(owner, "Last Place Club", privacy="secret")
    invite = actions.do_create_invite(owner, group.id, days=1, max_uses=1)
    a, b = make_member("first"), make_member("second")

    errors = at_once([lambda m=m: actions.do_join_by_invite(Member.objects.get(id=m.id), invite.code) for m in (a, b)])

    assert Membership.objects.filter(group=group, state="active", member__in=(a, b)).count() == 1
    assert len(errors) == 1
