"""Group notifications lead somewhere useful, and a closed poll's notice names nobody."""

from __future__ import annotations

from kettle.groups import actions
from kettle.groups.actions import PollSpec
from kettle.groups.polls import close_and_notify
from tests.helpers import committed, posted, text_of


def test_a_request_to_join_reaches_the_moderators_with_a_link_to_the_queue(group_of, olive, nia, client_for):
    group = group_of("private")
    committed(actions.do_join_group, nia, group.id, answers=[])

    page = text_of(client_for(olive).get("/notifications/"))
    assert "Nia asked to join Ipswich Private Parents" in page
    assert f"/groups/{group.slug}/queue" in page


def test_voters_hear_when_a_poll_closes_and_the_notice_names_nobody(group_of, olive, meg, client_for):
    group = group_of("public", allow_anonymous=True)
    post = posted(olive, "Best day for the meet-up?", group_id=group.id, anonymous=True,
                  poll=PollSpec(options=["Tuesday", "Thursday"]))
    committed(actions.do_vote, meg, post.poll.id, [post.poll.options.first().id])
    committed(actions.do_close_poll, olive, post.poll.id)
    assert not close_and_notify(post.poll.id)  # already done: voters hear once

    page = text_of(client_for(meg).get("/notifications/"))
    assert "A poll you voted in has closed: see the results" in page
    assert "Olive" not in page and "@olive" not in page
