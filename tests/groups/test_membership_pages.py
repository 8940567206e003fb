"""The members page, joining (rules, a private group's questions, what happened in words),
leaving (also withdrawing a request and turning down an invitation), inviting by handle, and
an invite link's landing page."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from kettle.groups import actions
from kettle.groups.models import Invite, Membership
from kettle.notifications.models import Notification
from tests.factories import make_member
from tests.helpers import CommittingClient, committed, text_of


def row_of(page: str, member) -> str:
    """One person's row on the members page."""
    start = page.index(f'id="member-{member.id}"')
    return page[start:page.index("</li>", start)]


def browser(member) -> CommittingClient:
    """A logged-in client that runs after-commit work (notifications) as a server would."""
    client = CommittingClient()
    client.force_login(member, backend="kettle.accounts.auth.MemberBackend")
    return client


# --- The members page ----------------------------------------------------------------------


@pytest.mark.parametrize("privacy, who, status", [
    ("public", "logged_out", 404), ("public", "outsider", 200), ("public", "member", 200),
    ("private", "logged_out", 404), ("private", "outsider", 404), ("private", "pending", 404),
    ("private", "invited", 404), ("private", "banned", 404), ("private", "member", 200),
    ("private", "moderator", 200),
    ("secret", "outsider", 404), ("secret", "logged_out", 404), ("secret", "member", 200),
])
def test_who_may_open_the_member_list(privacy, who, status, group_of, olive, mo, meg, nia, pending_in, banned_from,
                                      client_for):
    group = group_of(privacy)
    viewer = {"logged_out": None, "outsider": nia, "member": meg, "moderator": mo}.get(who)
    if who == "pending":
        viewer = make_member("pat")
        pending_in(viewer, group)
    elif who == "invited":
        viewer = make_member("ivy")
        committed(actions.do_invite_member, olive, group.id, "ivy")
    elif who == "banned":
        viewer = make_member("bobo")
        banned_from(viewer, group)

    response = client_for(viewer).get(f"{group.url}/members")

    assert response.status_code == status
    if status == 200:
        assert "@meg" in text_of(response)
    else:
        assert "@meg" not in text_of(response)


def test_the_owner_and_moderators_come_first(group_of, nia, client_for):
    group = group_of("public")
    page = text_of(client_for(nia).get(f"{group.url}/members"))
    team = page[page.index("Owner and moderators"):page.index("<h2>Members")]
    assert "@olive" in team and "@moira" in team and "@meg" not in team
    assert "@meg" in page[page.index("<h2>Members"):]


def test_nobody_blocked_either_way_is_listed(group_of, meg, nia, client_for):
    from kettle.social.actions import do_block

    group = group_of("public")
    committed(actions.do_join_group, nia, group.id)
    committed(do_block, nia, meg)

    assert "@meg" not in text_of(client_for(nia).get(f"{group.url}/members"))
    assert "@nia" not in text_of(client_for(meg).get(f"{group.url}/members"))


def test_the_member_list_goes_a_page_at_a_time(group_of, olive, client_for):
    group = group_of("public")
    for i in range(41):
        committed(actions.do_join_group, make_member(f"parent{i:02d}"), group.id)
    client = client_for(olive)

    first = text_of(client.get(f"{group.url}/members"))
    link = re.search(r'href="\?before=(\d+)" rel="next">More members', first)
    assert link is not None
    second = text_of(client.get(f"{group.url}/members?before={link.group(1)}"))

    first_people = set(re.findall(r"@(parent\d\d|meg)\b", first))
    second_people = set(re.findall(r"@(parent\d\d|meg)\b", second))
    assert len(first_people) == 40 and not first_people & second_people
    assert first_people | second_people == {f"parent{i:02d}" for i in range(41)} | {"meg"}
    assert "Owner and moderators" not in second  # the team heads the first page only


def test_an_owner_manages_everyone_but_themself(group_of, olive, mo, meg, client_for):
    group = group_of("public")
    page = text_of(client_for(olive).get(f"{group.url}/members"))

    meg_row = row_of(page, meg)
    for action in ("moderator", "remove", "ban", "owner"):
        assert f"/groups/{group.slug}/members/{meg.id}/{action}" in meg_row
    assert f"/members/{mo.id}/member" in row_of(page, mo)
    assert f"/members/{olive.id}/" not in page


def test_a_moderator_looks_after_ordinary_members_but_not_roles_or_other_moderators(group_of, mo, meg, client_for):
    group = group_of("public")
    second = make_member("sid")
    committed(actions.do_join_group, second, group.id)
    actions.do_set_role(group.memberships.get(role="owner").member, group.id, second.id, "moderator")

    page = text_of(client_for(mo).get(f"{group.url}/members"))

    meg_row = row_of(page, meg)
    assert f"/members/{meg.id}/remove" in meg_row and f"/members/{meg.id}/ban" in meg_row
    assert f"/members/{meg.id}/moderator" not in meg_row and f"/members/{meg.id}/owner" not in meg_row
    assert f"/members/{second.id}/" not in page


def test_members_see_no_tools_and_no_banned_list(group_of, meg, nia, banned_from, client_for):
    group = group_of("public")
    banned_from(nia, group)
    page = text_of(client_for(meg).get(f"{group.url}/members"))
    assert "Manage" not in page and "/remove" not in page
    assert "Banned" not in page and "@nia" not in page


def test_moderators_see_the_banned_list_and_can_unban(group_of, mo, nia, banned_from, client_for):
    group = group_of("public")
    banned_from(nia, group)
    page = text_of(client_for(mo).get(f"{group.url}/members"))
    banned = page[page.index("<h2>Banned"):]
    assert "@nia" in banned and f"/members/{nia.id}/unban" in banned

    client_for(mo).post(f"/groups/{group.slug}/members/{nia.id}/unban")
    assert not Membership.objects.filter(group=group, member=nia).exists()


# --- Joining -------------------------------------------------------------------------------


def test_joining_a_public_group_says_you_are_in(group_of, nia, client_for):
    group = group_of("public", rules="Be kind.")
    client = client_for(nia)
    page = text_of(client.get(f"{group.url}/join"))
    assert "Be kind." in page and "Join group" in page

    done = client.post(f"{group.url}/join", follow=True)
    assert "You're in! Say hello whenever you're ready." in text_of(done)
    assert Membership.objects.get(group=group, member=nia).state == "active"


def test_asking_to_join_a_private_group_shows_the_rules_and_questions(group_of, nia, client_for):
    group = group_of("private", rules="What's said here stays here.", questions=["Which class?", "Baby's age?"])
    page = text_of(client_for(nia).get(f"{group.url}/join"))
    assert "Ask to join" in page and "What's said here stays here." in page
    assert "Which class?" in page and "Baby's age?" in page and "Only they see your answers" in page


@pytest.mark.parametrize("answers, problem", [
    ({}, "Please answer this question."),
    ({"answer_0": "Tuesday", "answer_1": "   "}, "Please answer this question."),
    ({"answer_0": "x" * 1001, "answer_1": "Four months"}, "Please keep your answer to"),
    ({"answer_0": "nul \x00 here", "answer_1": "Four months"}, None),
])
def test_bad_answers_are_shown_again_with_the_problem_and_nothing_is_sent(answers, problem, group_of, nia, olive):
    group = group_of("private", questions=["Which class?", "Baby's age?"])
    response = browser(nia).post(f"{group.url}/join", answers)
    assert response.status_code == 400
    if problem:
        assert problem in text_of(response)
    assert not Membership.objects.filter(group=group, member=nia).exists()
    assert not Notification.objects.filter(recipient=olive, kind="group_request").exists()


def test_a_request_with_answers_goes_to_the_moderators(group_of, nia, olive, client_for):
    group = group_of("private", questions=["Which class?"])
    done = browser(nia).post(f"{group.url}/join", {"answer_0": "Baby yoga"}, follow=True)

    assert "Your request is with the moderators" in text_of(done)
    asked = Membership.objects.get(group=group, member=nia)
    assert asked.state == "pending" and asked.answers == ["Baby yoga"]
    assert Notification.objects.filter(recipient=olive, kind="group_request").exists()
    again = text_of(client_for(nia).get(f"{group.url}/join"))
    assert "Your request is with the moderators" in again and "<form method=\"post\" novalidate>" not in again


def test_an_invited_member_joins_without_questions(group_of, olive, nia, client_for):
    group = group_of("private", questions=["Which class?"])
    committed(actions.do_invite_member, olive, group.id, "nia")
    page = text_of(client_for(nia).get(f"{group.url}/join"))
    assert "Which class?" not in page
    client_for(nia).post(f"{group.url}/join")
    assert Membership.objects.get(group=group, member=nia).state == "active"


def test_a_parent_due_that_month_joins_their_club_straight_away(client_for):
    from kettle.groups.clubs import clubs_for

    parent = make_member("rowan", place="Ipswich", children=[{"due_date": date(2027, 5, 1)}])
    club = clubs_for(parent)[0]
    page = text_of(client_for(parent).get(f"{club.url}/join"))
    assert "Send my request" not in page and "Join group" in page

    done = client_for(parent).post(f"{club.url}/join", follow=True)
    assert "You're in!" in text_of(done)


def test_a_banned_member_is_told_kindly_and_stays_out(group_of, nia, banned_from, client_for):
    group = group_of("public")
    banned_from(nia, group)
    page = text_of(client_for(nia).get(f"{group.url}/join"))
    assert "You can't join this group." in page and "Join group</button>" not in page

    refused = client_for(nia).post(f"{group.url}/join")
    assert refused.status_code == 400 and "You can't join this group." in text_of(refused)
    assert Membership.objects.get(group=group, member=nia).state == "banned"


def test_joining_asks_a_visitor_to_log_in_first(group_of, client_for):
    group = group_of("public")
    response = client_for(None).get(f"{group.url}/join")
    assert response.status_code == 302 and response.url == f"/login/?next=/groups/{group.slug}/join"
    assert client_for(None).post(f"{group.url}/join").status_code == 302
    assert group.memberships.count() == 3


def test_a_member_going_to_join_is_taken_to_the_group(group_of, meg, client_for):
    group = group_of("private")
    response = client_for(meg).get(f"{group.url}/join")
    assert response.status_code == 302 and response.url == group.url


def test_nobody_can_ask_to_join_a_secret_group(group_of, nia, client_for):
    group = group_of("secret")
    assert client_for(nia).post(f"{group.url}/join").status_code == 404
    assert not Membership.objects.filter(group=group, member=nia).exists()


# --- Leaving -------------------------------------------------------------------------------


def test_leaving_asks_first_then_leaves(group_of, meg, client_for):
    group = group_of("private")
    page = text_of(client_for(meg).get(f"{group.url}/leave"))
    assert f"Leave {group.name}?" in page and "To come back you'll need to ask again." in page

    done = client_for(meg).post(f"{group.url}/leave", follow=True)
    assert f"You've left {group.name}." in text_of(done)
    assert not Membership.objects.filter(group=group, member=meg).exists()


def test_leave_withdraws_a_request(group_of, nia, pending_in, client_for):
    group = group_of("private")
    pending_in(nia, group)
    assert "Withdraw your request?" in text_of(client_for(nia).get(f"{group.url}/leave"))
    done = client_for(nia).post(f"{group.url}/leave", follow=True)
    assert "Your request is withdrawn." in text_of(done)
    assert not Membership.objects.filter(group=group, member=nia).exists()


def test_leave_turns_down_an_invitation(group_of, olive, nia, client_for):
    group = group_of("secret")
    committed(actions.do_invite_member, olive, group.id, "nia")
    assert "Turn down the invitation?" in text_of(client_for(nia).get(f"{group.url}/leave"))
    done = client_for(nia).post(f"{group.url}/leave", follow=True)
    assert "the invitation is turned down" in text_of(done)
    assert not Membership.objects.filter(group=group, member=nia).exists()


def test_the_owner_is_told_to_hand_the_group_on_before_leaving(group_of, olive, client_for):
    group = group_of("public")
    refused = client_for(olive).post(f"{group.url}/leave")
    assert refused.status_code == 400 and "Make another member its owner before you leave." in text_of(refused)
    assert Membership.objects.get(group=group, member=olive).role == "owner"


def test_someone_not_in_the_group_is_sent_back_to_it(group_of, nia, banned_from, client_for):
    group = group_of("public")
    assert client_for(nia).get(f"{group.url}/leave").url == group.url
    banned_from(nia, group)
    client_for(nia).post(f"{group.url}/leave")
    assert Membership.objects.get(group=group, member=nia).state == "banned"  # leaving never lifts a ban


# --- Inviting by handle --------------------------------------------------------------------


def test_a_member_invites_someone_by_handle_and_they_are_told(group_of, meg, nia, client_for):
    group = group_of("private")
    done = browser(meg).post(f"{group.url}/invite", {"handle": "@nia"}, follow=True)
    assert "Invitation sent" in text_of(done)
    assert Membership.objects.get(group=group, member=nia).state == "invited"
    assert Notification.objects.filter(recipient=nia, kind="group_invite", group=group).exists()
    assert "See the invitation" in text_of(client_for(nia).get("/notifications/"))


@pytest.mark.parametrize("handle, problem", [("", "Please fill this in."),
                                              ("nobody_here", "We couldn't find a member with that handle."),
                                              ("x" * 40, "Please keep this to 31 characters")])
def test_a_bad_handle_is_shown_again_with_the_problem(handle, problem, group_of, meg, client_for):
    group = group_of("public")
    response = client_for(meg).post(f"{group.url}/invite", {"handle": handle})
    assert response.status_code == 400 and problem in text_of(response)
    assert group.memberships.count() == 3


def test_only_moderators_invite_to_a_secret_group_and_others_are_told_why(group_of, meg, nia, client_for):
    group = group_of("secret")
    refused = client_for(meg).post(f"{group.url}/invite", {"handle": "nia"})
    assert refused.status_code == 400 and "Only the group's moderators can invite people here." in text_of(refused)
    assert not Membership.objects.filter(group=group, member=nia).exists()


def test_someone_outside_the_group_is_asked_to_join_before_inviting(group_of, nia, client_for):
    group = group_of("public")
    response = client_for(nia).get(f"{group.url}/invite", follow=True)
    assert "Join the group to invite people to it." in text_of(response)
    client_for(nia).post(f"{group.url}/invite", {"handle": "bea"})
    assert group.memberships.count() == 3


# --- Invite links --------------------------------------------------------------------------


@pytest.fixture
def invite(group_of, olive):
    group = group_of("secret", description="A quiet corner for night feeds.", rules="Whisper kindly.")
    return actions.do_create_invite(olive, group.id, days=7, max_uses=5)


def test_an_invite_link_shows_the_group_and_its_rules_even_when_secret(invite, nia, client_for):
    page = text_of(client_for(nia).get(invite.url))
    assert "You're invited to" in page and invite.group.name in page
    assert "A quiet corner for night feeds." in page and "Whisper kindly." in page
    assert f"Join {invite.group.name}</button>" in page


def test_a_visitor_with_an_invite_link_is_asked_to_log_in_and_come_back(invite, client_for):
    page = text_of(client_for(None).get(invite.url))
    assert f'href="/login/?next={invite.url}"' in page.replace("%2F", "/") and "create an account" in page
    response = client_for(None).post(invite.url)
    assert response.status_code == 302 and response.url.startswith("/login/")
    assert invite.group.memberships.count() == 3


def test_joining_through_the_link_lets_you_straight_in(invite, nia, client_for):
    done = client_for(nia).post(invite.url, follow=True)
    assert "You're in!" in text_of(done)
    assert Membership.objects.get(group=invite.group, member=nia).state == "active"
    assert "You're already a member" in text_of(client_for(nia).get(invite.url))


def test_a_banned_member_cannot_use_an_invite_link(invite, nia, banned_from, client_for):
    banned_from(nia, invite.group)
    assert "You can't join this group." in text_of(client_for(nia).get(invite.url))
    client_for(nia).post(invite.url)
    assert Membership.objects.get(group=invite.group, member=nia).state == "banned"


@pytest.mark.parametrize("how", ["unknown", "expired", "revoked", "used_up"])
def test_a_dead_invite_link_is_a_friendly_404(how, invite, olive, nia, client_for):
    address = invite.url
    if how == "unknown":
        address = "/invite/not-a-real-code"
    elif how == "expired":
        Invite.objects.filter(id=invite.id).update(expires_at=timezone.now() - timedelta(minutes=1))
    elif how == "revoked":
        actions.do_revoke_invite(olive, invite.group_id, invite.id)
    else:
        Invite.objects.filter(id=invite.id).update(uses=5)

    for viewer in (nia, None):
        response = client_for(viewer).get(address)
        page = text_of(response)
        assert response.status_code == 404
        assert "This invite link doesn't work" in page and "Ask whoever sent it for a new one." in page
        assert invite.group.name not in page
    assert client_for(nia).post(address).status_code == 404
    assert not Membership.objects.filter(group=invite.group, member=nia).exists()
