"""Joining, asking, approving, declining, leaving, removing, banning, roles, ownership and
invitations, at the level of the actions every page and endpoint calls. member_count always
equals the number of active members; a member's home feed holds a group's posts exactly while
they belong to it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from kettle.groups import actions
from kettle.groups.models import Group, Invite, Membership
from kettle.notifications.models import Notification
from kettle.social.actions import do_block
from kettle.social.models import FeedEntry
from tests.factories import make_member
from tests.helpers import committed, posted

ANSWERS = ["We're due in March and new to Ipswich"]


@pytest.fixture
def private(group_of):
    return group_of("private", questions=["What brings you here?"])


@pytest.fixture
def public(group_of):
    return group_of("public")


def state_of(group, member) -> str | None:
    return Membership.objects.filter(group=group, member=member).values_list("state", flat=True).first()


def role_of(group, member) -> str | None:
    return Membership.objects.filter(group=group, member=member).values_list("role", flat=True).first()


def counted(group) -> tuple[int, int]:
    """(member_count as stored, active memberships as counted): always equal."""
    stored = Group.objects.get(id=group.id).member_count
    return stored, Membership.objects.filter(group=group, state=Membership.State.ACTIVE).count()


def group_posts_in_feed(member, group) -> set[int]:
    return set(FeedEntry.objects.filter(member=member, group=group).values_list("post_id", flat=True))


def notices(kind: str, **filters) -> list[tuple[str, str | None]]:
    rows = Notification.objects.filter(kind=kind, **filters).order_by("recipient__handle")
    return list(rows.values_list("recipient__handle", "actor__handle"))


# --- Joining and asking ---------------------------------------------------------------------

def test_joining_a_public_group_lets_you_in_at_once_and_fills_your_feed(public, olive, nia):
    earlier = posted(olive, "Welcome, everyone. Say hello!", group_id=public.id)
    membership = committed(actions.do_join_group, nia, public.id)
    assert membership.state == Membership.State.ACTIVE and membership.role == Membership.Role.MEMBER
    assert counted(public) == (4, 4)
    assert group_posts_in_feed(nia, public) == {earlier.id}


def test_asking_to_join_a_private_group_needs_an_answer_to_each_question(private, nia):
    with pytest.raises(ValidationError) as refused:
        actions.do_join_group(nia, private.id, answers=["   "])
    assert refused.value.message_dict == {"answers.0": ["Please answer: “What brings you here?”"]}
    assert state_of(private, nia) is None
    assert not Notification.objects.filter(kind=Notification.Kind.GROUP_REQUEST).exists()


def test_asking_to_join_waits_for_a_moderator_and_tells_the_moderators(private, nia):
    membership = committed(actions.do_join_group, nia, private.id, answers=ANSWERS)
    assert (membership.state, membership.answers) == (Membership.State.PENDING, ANSWERS)
    assert counted(private) == (3, 3)
    assert notices(Notification.Kind.GROUP_REQUEST) == [("moira", "nia"), ("olive", "nia")]


def test_asking_twice_changes_nothing(private, nia):
    committed(actions.do_join_group, nia, private.id, answers=ANSWERS)
    again = committed(actions.do_join_group, nia, private.id, answers=["Something else entirely"])
    assert (again.state, again.answers) == (Membership.State.PENDING, ANSWERS)
    assert len(notices(Notification.Kind.GROUP_REQUEST)) == 2


def test_a_request_left_waiting_when_the_group_goes_public_lets_them_in_on_joining(private, pending_in, olive, nia):
    pending_in(nia, private, ANSWERS)
    committed(actions.do_update_group, olive, private.id, privacy="public")
    assert committed(actions.do_join_group, nia, private.id).state == Membership.State.ACTIVE
    assert counted(private) == (4, 4)
    assert notices(Notification.Kind.GROUP_REQUEST) == []


def test_a_secret_group_cannot_be_found_or_asked_without_an_invitation(group_of, nia):
    secret = group_of("secret")
    with pytest.raises(Http404):
        actions.do_join_group(nia, secret.id, answers=ANSWERS)
    assert state_of(secret, nia) is None


def test_accepting_an_invitation_lets_you_straight_in_without_questions(private, olive, nia):
    committed(actions.do_invite_member, olive, private.id, "@Nia")
    assert notices(Notification.Kind.GROUP_INVITE, recipient=nia) == [("nia", "olive")]
    assert state_of(private, nia) == Membership.State.INVITED and counted(private) == (3, 3)
    committed(actions.do_join_group, nia, private.id)
    assert state_of(private, nia) == Membership.State.ACTIVE and counted(private) == (4, 4)


# --- Answering requests ---------------------------------------------------------------------

def test_approving_a_request_lets_them_in_tells_them_and_fills_their_feed(private, pending_in, mo, meg, nia):
    post = posted(meg, "Anyone for the library rhyme time?", group_id=private.id)
    pending_in(nia, private, ANSWERS)
    committed(actions.do_approve_request, mo, private.id, nia.id)
    assert state_of(private, nia) == Membership.State.ACTIVE
    assert counted(private) == (4, 4)
    assert group_posts_in_feed(nia, private) == {post.id}
    assert notices(Notification.Kind.GROUP_APPROVED) == [("nia", "moira")]
    assert notices(Notification.Kind.GROUP_REQUEST) == []  # the request has been dealt with


def test_only_a_waiting_request_can_be_approved(private, mo, meg, nia):
    for someone in (meg, nia):
        with pytest.raises(Http404):
            actions.do_approve_request(mo, private.id, someone.id)
    assert counted(private) == (3, 3)


def test_an_ordinary_member_cannot_answer_requests(private, pending_in, meg, nia):
    pending_in(nia, private, ANSWERS)
    with pytest.raises(PermissionDenied):
        actions.do_approve_request(meg, private.id, nia.id)
    with pytest.raises(PermissionDenied):
        actions.do_decline_request(meg, private.id, nia.id)
    assert state_of(private, nia) == Membership.State.PENDING


def test_declining_a_request_is_quiet_and_they_may_ask_again(private, pending_in, olive, nia):
    pending_in(nia, private, ANSWERS)
    committed(actions.do_decline_request, olive, private.id, nia.id)
    assert state_of(private, nia) is None
    assert Notification.objects.filter(recipient=nia).count() == 0
    assert notices(Notification.Kind.GROUP_REQUEST) == []
    assert committed(actions.do_join_group, nia, private.id, answers=ANSWERS).state == Membership.State.PENDING


# --- Leaving --------------------------------------------------------------------------------

def test_leaving_takes_the_groups_posts_out_of_your_feed(public, olive, meg):
    posted(olive, "Coffee at the Waterfront on Friday?", group_id=public.id)
    elsewhere = posted(olive, "Lovely walk today")
    assert group_posts_in_feed(meg, public)
    committed(actions.do_leave_group, meg, public.id)
    assert state_of(public, meg) is None
    assert group_posts_in_feed(meg, public) == set()
    assert counted(public) == (2, 2)
    assert FeedEntry.objects.filter(post=elsewhere).exists()  # only the group's posts go


def test_the_owner_cannot_leave_before_handing_the_group_on(public, olive, meg):
    with pytest.raises(ValidationError) as refused:
        actions.do_leave_group(olive, public.id)
    assert "group" in refused.value.message_dict
    assert role_of(public, olive) == Membership.Role.OWNER
    committed(actions.do_transfer_ownership, olive, public.id, meg.id)
    committed(actions.do_leave_group, olive, public.id)
    assert state_of(public, olive) is None and role_of(public, meg) == Membership.Role.OWNER
    assert counted(public) == (2, 2)


def test_withdrawing_a_request_or_turning_down_an_invitation_is_leaving(private, pending_in, olive, nia, bea):
    pending_in(nia, private, ANSWERS)
    committed(actions.do_invite_member, olive, private.id, "bea")
    committed(actions.do_leave_group, nia, private.id)
    committed(actions.do_leave_group, bea, private.id)
    assert state_of(private, nia) is None and state_of(private, bea) is None
    assert counted(private) == (3, 3)
    assert not Notification.objects.filter(recipient=bea, group=private).exists()


def test_leaving_a_group_you_are_not_in_is_a_404(public, nia):
    with pytest.raises(Http404):
        actions.do_leave_group(nia, public.id)


# --- Removing and banning -------------------------------------------------------------------

def test_removing_a_member_purges_the_group_from_their_feed_and_they_may_come_back(public, olive, mo, meg):
    post = posted(olive, "Sling library this Saturday", group_id=public.id)
    committed(actions.do_remove_member, mo, public.id, meg.id)
    assert state_of(public, meg) is None
    assert group_posts_in_feed(meg, public) == set()
    assert counted(public) == (2, 2)
    committed(actions.do_join_group, meg, public.id)
    assert group_posts_in_feed(meg, public) == {post.id}
    assert counted(public) == (3, 3)


@pytest.mark.parametrize("actor, target, allowed", [
    ("moderator", "member", True),
    ("moderator", "other_moderator", False),
    ("moderator", "owner", False),
    ("moderator", "self", False),
    ("owner", "member", True),
    ("owner", "moderator", True),
    ("owner", "self", False),
    ("member", "member", False),
])
@pytest.mark.parametrize("how", ["remove", "ban"])
def test_who_may_remove_or_ban_whom(public, olive, mo, meg, how, actor, target, allowed):
    other_moderator = make_member("max")
    committed(actions.do_join_group, other_moderator, public.id)
    actions.do_set_role(olive, public.id, other_moderator.id, Membership.Role.MODERATOR)
    tom = make_member("tom")
    committed(actions.do_join_group, tom, public.id)
    cast = {"moderator": mo, "owner": olive, "member": meg}
    acting = cast[actor]
    aimed_at = {"member": tom, "other_moderator": other_moderator, "moderator": mo, "owner": olive,
                "self": acting}[target]
    action = actions.do_remove_member if how == "remove" else actions.do_ban_member
    before = state_of(public, aimed_at)
    if allowed:
        committed(action, acting, public.id, aimed_at.id)
        assert state_of(public, aimed_at) == (None if how == "remove" else Membership.State.BANNED)
    else:
        with pytest.raises(PermissionDenied):
            action(acting, public.id, aimed_at.id)
        assert state_of(public, aimed_at) == before
    assert counted(public)[0] == counted(public)[1]


def test_a_ban_ends_membership_and_keeps_them_out(private, olive, mo, meg):
    posted(olive, "Tuesday's baby massage is full", group_id=private.id)
    banned = committed(actions.do_ban_member, mo, private.id, meg.id)
    assert (banned.state, banned.role) == (Membership.State.BANNED, Membership.Role.MEMBER)
    assert group_posts_in_feed(meg, private) == set() and counted(private) == (2, 2)
    with pytest.raises(PermissionDenied):
        actions.do_join_group(meg, private.id, answers=ANSWERS)
    with pytest.raises(ValidationError) as refused:
        actions.do_invite_member(olive, private.id, "meg")
    assert refused.value.message_dict == {"handle": ["That member can't be invited to this group."]}
    invite = committed(actions.do_create_invite, olive, private.id)
    with pytest.raises(PermissionDenied):
        actions.do_join_by_invite(meg, invite.code)
    assert Invite.objects.get(id=invite.id).uses == 0
    assert state_of(private, meg) == Membership.State.BANNED and counted(private) == (2, 2)


def test_banning_a_moderator_takes_away_their_role(public, olive, mo):
    committed(actions.do_ban_member, olive, public.id, mo.id)
    assert (state_of(public, mo), role_of(public, mo)) == (Membership.State.BANNED, Membership.Role.MEMBER)
    assert not Group.objects.moderated_by(mo).filter(id=public.id).exists()


def test_banning_someone_who_asked_ends_the_request_and_its_notices(private, pending_in, olive, nia):
    pending_in(nia, private, ANSWERS)
    committed(actions.do_ban_member, olive, private.id, nia.id)
    assert state_of(private, nia) == Membership.State.BANNED
    assert notices(Notification.Kind.GROUP_REQUEST) == [] and counted(private) == (3, 3)


def test_someone_can_be_banned_before_they_ever_join(public, olive, nia):
    committed(actions.do_ban_member, olive, public.id, nia.id)
    with pytest.raises(PermissionDenied):
        actions.do_join_group(nia, public.id)
    assert counted(public) == (3, 3)


def test_banning_nobody_is_a_404(public, olive):
    with pytest.raises(Http404):
        actions.do_ban_member(olive, public.id, 999_999)


def test_unbanning_lets_them_ask_again(private, olive, meg):
    committed(actions.do_ban_member, olive, private.id, meg.id)
    committed(actions.do_unban_member, olive, private.id, meg.id)
    assert state_of(private, meg) is None
    assert committed(actions.do_join_group, meg, private.id, answers=ANSWERS).state == Membership.State.PENDING
    with pytest.raises(Http404):
        actions.do_unban_member(olive, private.id, meg.id)  # no longer banned


# --- Roles and ownership --------------------------------------------------------------------

def test_the_owner_chooses_moderators(public, olive, meg):
    committed(actions.do_set_role, olive, public.id, meg.id, Membership.Role.MODERATOR)
    assert Group.objects.moderated_by(meg).filter(id=public.id).exists()
    committed(actions.do_set_role, olive, public.id, meg.id, Membership.Role.MEMBER)
    assert not Group.objects.moderated_by(meg).filter(id=public.id).exists()


def test_a_moderator_cannot_choose_moderators(public, mo, meg):
    with pytest.raises(PermissionDenied):
        actions.do_set_role(mo, public.id, meg.id, Membership.Role.MODERATOR)
    assert role_of(public, meg) == Membership.Role.MEMBER


@pytest.mark.parametrize("role", ["owner", "admin", ""])
def test_roles_are_moderator_or_member(public, olive, meg, role):
    with pytest.raises(ValidationError) as refused:
        actions.do_set_role(olive, public.id, meg.id, role)
    assert "role" in refused.value.message_dict
    assert role_of(public, meg) == Membership.Role.MEMBER


def test_the_owners_role_changes_only_by_handing_the_group_on(public, olive):
    with pytest.raises(ValidationError):
        actions.do_set_role(olive, public.id, olive.id, Membership.Role.MEMBER)
    assert role_of(public, olive) == Membership.Role.OWNER


def test_roles_go_to_active_members_only(private, pending_in, olive, nia):
    pending_in(nia, private, ANSWERS)
    with pytest.raises(Http404):
        actions.do_set_role(olive, private.id, nia.id, Membership.Role.MODERATOR)
    with pytest.raises(Http404):
        actions.do_transfer_ownership(olive, private.id, nia.id)
    assert (state_of(private, nia), role_of(private, olive)) == (Membership.State.PENDING, Membership.Role.OWNER)


def test_handing_the_group_on_keeps_one_owner_and_the_old_owner_moderates(public, olive, meg):
    committed(actions.do_transfer_ownership, olive, public.id, meg.id)
    roles = dict(Membership.objects.filter(group=public).values_list("member__handle", "role"))
    assert roles == {"olive": "moderator", "moira": "moderator", "meg": "owner"}
    assert Membership.objects.get(group=public, member=meg).trusted is True
    with pytest.raises(PermissionDenied):
        actions.do_transfer_ownership(olive, public.id, olive.id)  # no longer the owner's call


def test_a_moderator_cannot_take_the_group(public, mo, meg):
    with pytest.raises(PermissionDenied):
        actions.do_transfer_ownership(mo, public.id, mo.id)
    with pytest.raises(PermissionDenied):
        actions.do_transfer_ownership(mo, public.id, meg.id)
    assert role_of(public, mo) == Membership.Role.MODERATOR and role_of(public, meg) == Membership.Role.MEMBER


# --- Invitations by handle ------------------------------------------------------------------

def test_a_moderators_invitation_approves_a_waiting_request(private, pending_in, mo, nia):
    pending_in(nia, private, ANSWERS)
    committed(actions.do_invite_member, mo, private.id, "nia")
    assert state_of(private, nia) == Membership.State.ACTIVE and counted(private) == (4, 4)
    assert notices(Notification.Kind.GROUP_APPROVED) == [("nia", "moira")]


def test_a_members_invitation_leaves_a_waiting_request_to_the_moderators(private, pending_in, meg, nia):
    pending_in(nia, private, ANSWERS)
    committed(actions.do_invite_member, meg, private.id, "nia")
    assert state_of(private, nia) == Membership.State.PENDING


@pytest.mark.parametrize("handle", ["nobody-here", "", "@"])
def test_inviting_an_unknown_handle_says_so(public, meg, handle):
    with pytest.raises(ValidationError) as refused:
        actions.do_invite_member(meg, public.id, handle)
    assert refused.value.message_dict == {"handle": ["We couldn't find a member with that handle."]}


def test_someone_who_blocked_you_cannot_be_found_to_invite(public, meg, nia):
    committed(do_block, nia, meg)
    with pytest.raises(ValidationError):
        actions.do_invite_member(meg, public.id, "nia")
    assert state_of(public, nia) is None
    assert not Notification.objects.filter(recipient=nia).exists()


def test_inviting_someone_already_in_changes_nothing(public, meg, mo):
    again = committed(actions.do_invite_member, meg, public.id, "moira")
    assert (again.state, again.role) == (Membership.State.ACTIVE, Membership.Role.MODERATOR)
    assert not Notification.objects.filter(kind=Notification.Kind.GROUP_INVITE).exists()


# --- Invite links ---------------------------------------------------------------------------

@pytest.fixture
def secret(group_of):
    return group_of("secret", questions=["Who told you about us?"])


def test_an_invite_link_lets_you_into_a_secret_group_without_questions(secret, olive, nia):
    invite = committed(actions.do_create_invite, olive, secret.id, days=3, max_uses=5)
    membership = committed(actions.do_join_by_invite, nia, invite.code)
    assert (membership.state, membership.answers, membership.invited_by) == (Membership.State.ACTIVE, [], olive)
    assert Invite.objects.get(id=invite.id).uses == 1 and counted(secret) == (4, 4)


def test_using_a_link_when_already_in_spends_no_use(secret, olive, meg):
    invite = committed(actions.do_create_invite, olive, secret.id, max_uses=1)
    committed(actions.do_join_by_invite, meg, invite.code)
    assert Invite.objects.get(id=invite.id).uses == 0 and counted(secret) == (3, 3)


@pytest.mark.parametrize("spoil", ["expired", "revoked", "used_up", "unknown"])
def test_a_spent_link_lets_nobody_in(secret, olive, nia, spoil):
    invite = committed(actions.do_create_invite, olive, secret.id, max_uses=1)
    code = invite.code
    if spoil == "expired":
        Invite.objects.filter(id=invite.id).update(expires_at=timezone.now() - timedelta(seconds=1))
    elif spoil == "revoked":
        committed(actions.do_revoke_invite, olive, secret.id, invite.id)
    elif spoil == "used_up":
        committed(actions.do_join_by_invite, make_member("una"), code)
    else:
        code = "not-a-real-code"
    with pytest.raises(Http404):
        actions.do_join_by_invite(nia, code)
    assert state_of(secret, nia) is None
    assert Invite.objects.get(id=invite.id).uses == (1 if spoil == "used_up" else 0)


@pytest.mark.parametrize("fields, field", [
    ({"days": 0}, "days"), ({"days": 31}, "days"), ({"max_uses": 0}, "max_uses"), ({"max_uses": 1001}, "max_uses"),
])
def test_an_invite_link_lasts_one_to_thirty_days_and_one_to_a_thousand_uses(secret, olive, fields, field):
    with pytest.raises(ValidationError) as refused:
        actions.do_create_invite(olive, secret.id, **fields)
    assert set(refused.value.message_dict) == {field}
    assert not Invite.objects.exists()


def test_only_moderators_make_or_revoke_links(secret, olive, meg):
    with pytest.raises(PermissionDenied):
        actions.do_create_invite(meg, secret.id)
    invite = committed(actions.do_create_invite, olive, secret.id)
    with pytest.raises(PermissionDenied):
        actions.do_revoke_invite(meg, secret.id, invite.id)
    assert Invite.objects.get(id=invite.id).revoked_at is None


def test_revoking_twice_keeps_the_first_time_and_other_groups_links_are_404(secret, public, olive):
    invite = committed(actions.do_create_invite, olive, secret.id)
    first = committed(actions.do_revoke_invite, olive, secret.id, invite.id).revoked_at
    assert committed(actions.do_revoke_invite, olive, secret.id, invite.id).revoked_at == first
    with pytest.raises(Http404):
        actions.do_revoke_invite(olive, public.id, invite.id)


# --- member_count through a whole story -----------------------------------------------------

def test_member_count_stays_right_through_joining_leaving_and_banning(private, pending_in, olive, mo, meg):
    people = [make_member(handle) for handle in ("ada", "bob", "cyd", "dil")]
    for person in people:
        pending_in(person, private, ANSWERS)
    committed(actions.do_approve_request, mo, private.id, people[0].id)
    committed(actions.do_approve_request, mo, private.id, people[1].id)
    committed(actions.do_decline_request, mo, private.id, people[2].id)
    committed(actions.do_ban_member, olive, private.id, people[3].id)  # banned while asking: never counted
    committed(actions.do_leave_group, people[0], private.id)
    committed(actions.do_ban_member, olive, private.id, people[1].id)
    committed(actions.do_remove_member, mo, private.id, meg.id)
    committed(actions.do_join_group, people[0], private.id, answers=ANSWERS)
    committed(actions.do_invite_member, olive, private.id, people[0].handle)
    assert counted(private) == (3, 3)
    active = Membership.objects.filter(group=private, state=Membership.State.ACTIVE)
    assert sorted(active.values_list("member__handle", flat=True)) == ["ada", "moira", "olive"]
