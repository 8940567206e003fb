"""Joining as the notifications page leads to it: each group notification links to where its
reader acts (the queue, the group, the post); and the edges of joining the pages must survive:
an invite link used up between opening it and pressing Join, a visitor joining by a plain form,
and the owner who tries to leave."""

from __future__ import annotations

import pytest
from django.test import TestCase

from kettle.groups import actions
from kettle.groups.actions import PollSpec
from kettle.groups.models import Invite, Membership
from kettle.notifications.models import Notification
from tests.factories import make_group, make_member
from tests.helpers import CommittingClient, committed, posted, text_of


def notifications_page(member) -> str:
    client = CommittingClient()
    client.force_login(member, backend="kettle.accounts.auth.MemberBackend")
    return text_of(client.get("/notifications/"))


def test_a_request_to_join_links_the_moderators_to_the_queue(group_of, olive, nia, pending_in):
    group = group_of("private")
    pending_in(nia, group)

    assert Notification.objects.filter(recipient=olive, kind="group_request", group=group).exists()
    assert f'href="/groups/{group.slug}/queue"' in notifications_page(olive)


def test_an_invitation_and_an_approval_link_to_the_group(group_of, olive, nia, pending_in):
    invited_to = group_of("secret")
    committed(actions.do_invite_member, olive, invited_to.id, "nia")
    asked = make_group(olive, "Ipswich Night Feeds", privacy="private")
    pending_in(nia, asked)
    committed(actions.do_approve_request, olive, asked.id, nia.id)

    page = notifications_page(nia)

    assert f'href="{invited_to.url}">See the invitation' in page
    assert f'href="{asked.url}">Go to {asked.name}' in page


def test_a_held_post_links_to_the_queue_and_its_approval_to_the_post(group_of, olive, meg):
    group = group_of("private", post_approval="all")
    post = posted(meg, "Anyone up for a walk on Saturday?", group_id=group.id)

    assert f'href="/groups/{group.slug}/queue"' in notifications_page(olive)

    committed(actions.do_approve_post, olive, group.id, post.id)
    post.refresh_from_db()
    assert f'href="{post.url}"' in notifications_page(meg)


def test_a_closed_poll_links_its_voters_to_the_post(group_of, meg, nia):
    group = group_of("public")
    committed(actions.do_join_group, nia, group.id)
    post = posted(meg, "Swim class: mornings or afternoons?", group_id=group.id,
                  poll=PollSpec(options=["Mornings", "Afternoons"]))
    committed(actions.do_vote, nia, post.poll.id, [post.poll.options.first().id])
    committed(actions.do_close_poll, meg, post.poll.id)

    assert Notification.objects.filter(recipient=nia, kind="poll_closed").exists()
    assert f'href="{post.url}"' in notifications_page(nia)


@pytest.fixture
def invite(group_of, olive):
    group = group_of("private", questions=["Where are you based?"])
    return committed(actions.do_create_invite, olive, group.id, days=7, max_uses=1)


def test_an_invite_link_used_up_before_pressing_join_says_so_kindly(invite, nia, client_for):
    client = client_for(nia)
    assert client.get(f"/invite/{invite.code}").status_code == 200
    committed(actions.do_join_by_invite, make_member("quick"), invite.code)  # the last place goes meanwhile

    response = client.post(f"/invite/{invite.code}")

    assert response.status_code == 404
    assert "This invite link doesn't work" in text_of(response)
    assert not Membership.objects.filter(group=invite.group, member=nia).exists()
    assert Invite.objects.get(id=invite.id).uses == 1


def test_a_visitor_pressing_join_is_asked_to_log_in_and_nothing_changes(group_of, client_for):
    group = group_of("public")

    response = client_for(None).post(f"/groups/{group.slug}/join")

    assert response.status_code == 302 and "/login" in response["Location"]
    assert f"next=/groups/{group.slug}/join" in response["Location"].replace("%2F", "/")
    assert Membership.objects.filter(group=group).count() == 3


def test_joining_a_public_group_from_its_page_shows_the_rules_first(group_of, nia, client_for):
    group = group_of("public", rules="No selling, please.")

    page = text_of(client_for(nia).get(f"/groups/{group.slug}/join"))

    assert "No selling, please." in page and "Join group" in page
    assert not Membership.objects.filter(group=group, member=nia).exists()


def test_the_owner_trying_to_leave_is_told_to_hand_on_and_stays(group_of, olive, client_for):
    group = group_of("public")

    response = client_for(olive).post(f"/groups/{group.slug}/leave")

    assert response.status_code == 400
    assert "role=\"alert\"" in response.content.decode()
    assert Membership.objects.get(group=group, member=olive).role == Membership.Role.OWNER


def test_accepting_an_invitation_through_the_join_page_asks_no_questions(group_of, olive, nia, client_for):
    group = group_of("private", questions=["How old is your little one?"])
    committed(actions.do_invite_member, olive, group.id, "nia")

    page = text_of(client_for(nia).get(f"/groups/{group.slug}/join"))
    assert "How old is your little one?" not in page
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client_for(nia).post(f"/groups/{group.slug}/join")

    assert response.status_code == 302 and response["Location"] == group.url
    assert Membership.objects.get(group=group, member=nia).is_active
