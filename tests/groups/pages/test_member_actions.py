"""What moderators do to members from the member list: remove, ban (after a confirmation page),
unban, make moderator or member again, and hand the group on (after a confirmation page).
Refusals are friendly messages; to anyone who doesn't moderate, all of it is a 404."""

from __future__ import annotations

import pytest

from kettle.groups.models import Membership
from kettle.social.actions import do_block
from tests.helpers import CommittingClient, committed, text_of

HTMX = {"HTTP_HX_REQUEST": "true"}


def browser(member) -> CommittingClient:
    client = CommittingClient()
    if member is not None:
        client.force_login(member, backend="kettle.accounts.auth.MemberBackend")
    return client


def action_url(group, member, what: str) -> str:
    return f"/groups/{group.slug}/members/{member.id}/{what}"


def state_of(group, member) -> tuple[str, str] | None:
    found = Membership.objects.filter(group=group, member=member).first()
    return (found.state, found.role) if found else None


def test_removing_a_member_lets_them_ask_again_later(group_of, mo, meg):
    group = group_of("private")
    response = browser(mo).post(action_url(group, meg, "remove"), follow=True)
    assert "Removed." in text_of(response)
    assert response.redirect_chain[-1][0] == f"/groups/{group.slug}/members"
    assert state_of(group, meg) is None


def test_a_ban_asks_first_and_only_the_post_bans(group_of, mo, meg):
    group = group_of("private")
    client = browser(mo)

    confirm = client.get(action_url(group, meg, "ban"))
    assert confirm.status_code == 200
    assert f"Ban Meg from {group.name}?" in text_of(confirm) and "They aren't told." in text_of(confirm)
    assert state_of(group, meg) == ("active", "member")

    done = client.post(action_url(group, meg, "ban"), follow=True)
    assert "Banned." in text_of(done)
    assert state_of(group, meg) == ("banned", "member")


def test_banning_someone_outside_the_group_keeps_them_out(group_of, olive, nia):
    group = group_of("private")
    browser(olive).post(action_url(group, nia, "ban"))
    assert state_of(group, nia) == ("banned", "member")
    browser(nia).post(f"{group.url}/join", {"answer_0": "Please?"})
    assert state_of(group, nia) == ("banned", "member")


def test_unbanning_lets_them_ask_again(group_of, mo, nia, banned_from):
    group = group_of("private")
    banned_from(nia, group)
    response = browser(mo).post(action_url(group, nia, "unban"), follow=True)
    assert "Unbanned." in text_of(response)
    assert state_of(group, nia) is None


def test_the_owner_makes_a_moderator_and_back(group_of, olive, meg):
    group = group_of("public")
    client = browser(olive)
    assert "They're a moderator now." in text_of(client.post(action_url(group, meg, "moderator"), follow=True))
    assert state_of(group, meg) == ("active", "moderator")
    assert "ordinary member again" in text_of(client.post(action_url(group, meg, "member"), follow=True))
    assert state_of(group, meg) == ("active", "member")


def test_a_moderator_cannot_choose_moderators_and_is_told_so(group_of, mo, meg):
    group = group_of("public")
    response = browser(mo).post(action_url(group, meg, "moderator"), follow=True)
    assert response.status_code == 200 and "Only the group's owner can choose its moderators." in text_of(response)
    assert state_of(group, meg) == ("active", "member")


def test_a_moderator_cannot_remove_or_ban_the_owner_or_another_moderator(group_of, olive, mo, meg):
    group = group_of("public")
    browser(olive).post(action_url(group, meg, "moderator"))
    client = browser(mo)

    for target, what in ((olive, "remove"), (olive, "ban"), (meg, "remove"), (meg, "ban")):
        refused = client.post(action_url(group, target, what), follow=True)
        assert refused.status_code == 200 and "You can't" in text_of(refused), (target, what)
    assert state_of(group, olive) == ("active", "owner") and state_of(group, meg) == ("active", "moderator")


def test_handing_on_the_group_asks_first_and_keeps_the_old_owner_as_moderator(group_of, olive, meg):
    group = group_of("public")
    client = browser(olive)

    confirm = client.get(action_url(group, meg, "owner"))
    assert f"Make Meg the owner of {group.name}?" in text_of(confirm)
    assert state_of(group, meg) == ("active", "member")

    done = client.post(action_url(group, meg, "owner"), follow=True)
    assert "they own the group now" in text_of(done)
    assert state_of(group, meg) == ("active", "owner") and state_of(group, olive) == ("active", "moderator")


def test_only_the_owner_hands_the_group_on(group_of, olive, mo, meg):
    group = group_of("public")
    refused = browser(mo).post(action_url(group, meg, "owner"), follow=True)
    assert "Only the group's owner can hand it on." in text_of(refused)
    assert state_of(group, olive) == ("active", "owner") and state_of(group, meg) == ("active", "member")


def test_actions_without_a_confirmation_page_send_a_get_back_to_the_members(group_of, olive, meg):
    group = group_of("public")
    response = browser(olive).get(action_url(group, meg, "remove"))
    assert response.status_code == 302 and response.url == f"/groups/{group.slug}/members"
    assert state_of(group, meg) == ("active", "member")


def test_an_unknown_action_or_person_is_a_404(group_of, olive, meg):
    group = group_of("public")
    client = browser(olive)
    assert client.post(action_url(group, meg, "promote")).status_code == 404
    assert client.post(f"/groups/{group.slug}/members/999999/remove").status_code == 404
    assert state_of(group, meg) == ("active", "member")


def test_someone_the_moderator_has_blocked_is_a_404_on_the_confirmation_page(group_of, olive, meg):
    group = group_of("public")
    committed(do_block, meg, olive)
    assert browser(olive).get(action_url(group, meg, "ban")).status_code == 404


def test_removing_someone_already_gone_is_a_message_not_an_error(group_of, mo, nia):
    group = group_of("public")
    response = browser(mo).post(action_url(group, nia, "remove"), follow=True)
    assert response.status_code == 200 and "No such member of this group." in text_of(response)


@pytest.mark.parametrize("what", ["remove", "ban", "unban", "moderator", "member", "owner"])
def test_member_actions_are_a_404_to_members_and_outsiders(what, group_of, meg, nia, banned_from, bea):
    group = group_of("private")
    banned_from(bea, group)
    target = bea if what == "unban" else meg
    before = state_of(group, target)
    for person in (meg, nia):
        client = browser(person)
        assert client.post(action_url(group, target, what)).status_code == 404
        assert client.get(action_url(group, target, what)).status_code == 404
    assert state_of(group, target) == before


def test_member_actions_for_a_logged_out_reader_go_to_log_in(group_of, meg):
    group = group_of("public")
    response = browser(None).post(action_url(group, meg, "remove"))
    assert response.status_code == 302 and "/login" in response.url
    assert state_of(group, meg) == ("active", "member")


def test_htmx_removal_answers_with_a_small_note(group_of, mo, meg):
    group = group_of("public")
    response = browser(mo).post(action_url(group, meg, "remove"), **HTMX)
    assert response.status_code == 200 and "<html" not in text_of(response) and "Removed." in text_of(response)
    assert state_of(group, meg) is None


def test_the_member_list_offers_the_owner_every_action_and_a_moderator_only_the_member_ones(group_of, olive, mo,
                                                                                             meg):
    group = group_of("public")
    owners = text_of(browser(olive).get(f"/groups/{group.slug}/members"))
    assert action_url(group, meg, "moderator") in owners and action_url(group, meg, "owner") in owners
    moderators = text_of(browser(mo).get(f"/groups/{group.slug}/members"))
    assert action_url(group, meg, "remove") in moderators and action_url(group, meg, "ban") in moderators
    assert action_url(group, meg, "owner") not in moderators and action_url(group, olive, "remove") not in moderators
