"""Membership and moderation rules at action level: joining, asking, answering requests,
leaving, removing, banning, roles, handing on, invite links, and member_count staying right
through all of it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kettle.groups import actions
from kettle.groups.models import Group, Invite, Membership
from kettle.notifications.models import Notification
from kettle.social import timelines
from kettle.social.models import FeedEntry
from tests.factories import make_member
from tests.helpers import committed, posted

ASKS = ["What brings you here?"]


def state_of(member, group) -> str | None:
    return Membership.objects.filter(group=group, member=member).values_list("state", flat=True).first()


def count_of(group) -> int:
    return Group.objects.get(id=group.id).member_count


def active_count(group) -> int:
    return Membership.objects.filter(group=group, state="active").count()


def home_ids(member) -> list[int]:
    return [card.post.id for card in timelines.home_timeline(member).items]


@pytest.fixture
def private(group_of):
    return group_of("private", questions=ASKS)


@pytest.fixture
def public(group_of):
    return group_of("public")


# --- Joining and asking ---------------------------------------------------------------------

def test_joining_a_public_group_lets_you_in_at_once_and_counts_you(public, nia):
    committed(actions.do_join_group, nia, public.id)
    assert state_of(nia, public) == "active"
    assert count_of(public) == active_count(public) == 4


def test_asking_to_join_a_private_group_waits_with_answers_and_tells_its_moderators(private, nia):
    committed(actions.do_join_group, nia, private.id, answers=["Our first baby, due in May"])
    membership = Membership.objects.get(group=private, member=nia)
    assert (membership.state, membership.answers) == ("pending", ["Our first baby, due in May"])
    assert count_of(private) == 3
    told = Notification.objects.filter(kind=Notification.Kind.GROUP_REQUEST, group=private, actor=nia)
    assert sorted(told.values_list("recipient__handle", flat=True)) == ["moira", "olive"]


def test_asking_without_answering_the_questions_is_refused_and_changes_nothing(private, nia):
    with pytest.raises(ValidationError) as refused:
        actions.do_join_group(nia, private.id, answers=["   "])
    assert "answers.0" in refused.value.message_dict
    assert state_of(nia, private) is None
    assert not Notification.objects.filter(actor=nia).exists()


def test_asking_twice_changes_nothing(private, nia):
    committed(actions.do_join_group, nia, private.id, answers=["Twins!"])
    committed(actions.do_join_group, nia, private.id, answers=["Something else"])
    assert Membership.objects.get(group=private, member=nia).answers == ["Twins!"]
    assert Notification.objects.filter(kind=Notification.Kind.GROUP_REQUEST).count() == 2  # one per moderator


def test_a_request_still_waiting_when_the_group_goes_public_is_let_in_by_joining(private, pending_in, olive, nia):
    pending_in(nia, private)
    committed(actions.do_update_group, olive, private.id, privacy="public")
    committed(actions.do_join_group, nia, private.id)
    assert state_of(nia, private) == "active"
    assert count_of(private) == active_count(private) == 4
    assert not Notification.objects.filter(kind=Notification.Kind.GROUP_REQUEST).exists()


def test_a_secret_group_is_joined_by_invitation_only(group_of, nia):
    secret = group_of("secret")
    with pytest.raises(Http404):
        actions.do_join_group(nia, secret.id)
    committed(actions.do_invite_member, secret.created_by, secret.id, nia.handle)
    assert state_of(nia, secret) == "invited"
    committed(actions.do_join_group, nia, secret.id)
    assert state_of(nia, secret) == "active"
    assert count_of(secret) == 4


# --- Answering requests ---------------------------------------------------------------------

def test_approving_a_request_lets_them_in_and_fills_their_home_with_the_groups_posts(private, pending_in, mo, meg,
                                                                                      nia):
    earlier = posted(meg, "Welcome, everyone", group_id=private.id)
    pending_in(nia, private)
    committed(actions.do_approve_request, mo, private.id, nia.id)

    assert state_of(nia, private) == "active"
    assert count_of(private) == active_count(private) == 4
    assert home_ids(nia) == [earlier.id]
    assert Notification.objects.filter(recipient=nia, kind=Notification.Kind.GROUP_APPROVED, actor=mo).exists()
    assert not Notification.objects.filter(kind=Notification.Kind.GROUP_REQUEST).exists()
    later = posted(meg, "Coffee on Thursday?", group_id=private.id)
    assert home_ids(nia) == [later.id, earlier.id]


def test_declining_a_request_is_quiet_and_they_may_ask_again(private, pending_in, mo, nia):
    pending_in(nia, private)
    committed(actions.do_decline_request, mo, private.id, nia.id)
    assert state_of(nia, private) is None
    assert not Notification.objects.filter(recipient=nia).exists()
    assert not Notification.objects.filter(kind=Notification.Kind.GROUP_REQUEST).exists()
    pending_in(nia, private)
    assert state_of(nia, private) == "pending"


def test_only_moderators_answer_requests(private, pending_in, meg, nia):
    pending_in(nia, private)
    with pytest.raises(PermissionDenied):
        actions.do_approve_request(meg, private.id, nia.id)
    with pytest.raises(PermissionDenied):
        actions.do_decline_request(meg, private.id, nia.id)
    assert state_of(nia, private) == "pending"


def test_approving_someone_who_has_not_asked_is_a_404(private, olive, nia, meg):
    with pytest.raises(Http404):
        actions.do_approve_request(olive, private.id, nia.id)
    with pytest.raises(Http404):
        actions.do_approve_request(olive, private.id, meg.id)  # already in


def test_a_moderators_invitation_approves_a_waiting_request(private, pending_in, mo, nia):
    pending_in(nia, private)
    committed(actions.do_invite_member, mo, private.id, nia.handle)
    assert state_of(nia, private) == "active"
    assert count_of(private) == 4


# --- Leaving --------------------------------------------------------------------------------

def test_leaving_takes_the_groups_posts_out_of_your_home(public, meg, nia):
    committed(actions.do_join_group, nia, public.id)
    post = posted(meg, "Soft play on Saturday?", group_id=public.id)
    assert home_ids(nia) == [post.id]
    committed(actions.do_leave_group, nia, public.id)
    assert state_of(nia, public) is None
    assert home_ids(nia) == []
    assert not FeedEntry.objects.filter(member=nia, group=public).exists()
    assert count_of(public) == active_count(public) == 3


def test_the_owner_cannot_leave_before_handing_the_group_on(public, olive, meg):
    with pytest.raises(ValidationError) as refused:
        actions.do_leave_group(olive, public.id)
    assert "owner" in str(refused.value)
    assert state_of(olive, public) == "active" and count_of(public) == 3
    committed(actions.do_transfer_ownership, olive, public.id, meg.id)
    committed(actions.do_leave_group, olive, public.id)
    assert state_of(olive, public) is None
    assert Membership.objects.get(group=public, member=meg).role == "owner"


def test_leaving_a_group_you_are_not_in_is_a_404(public, nia):
    with pytest.raises(Http404):
        actions.do_leave_group(nia, public.id)


def test_withdrawing_a_request_does_not_change_the_count(private, pending_in, nia):
    pending_in(nia, private)
    committed(actions.do_leave_group, nia, private.id)
    assert state_of(nia, private) is None and count_of(private) == 3


# --- Removing and banning -------------------------------------------------------------------

def test_a_moderator_removes_a_member_who_may_ask_again(private, pending_in, mo, meg):
    post = posted(mo, "Rules reminder", group_id=private.id)
    assert post.id in home_ids(meg)
    committed(actions.do_remove_member, mo, private.id, meg.id)
    assert state_of(meg, private) is None
    assert home_ids(meg) == []
    assert count_of(private) == active_count(private) == 2
    pending_in(meg, private)
    assert state_of(meg, private) == "pending"


@pytest.mark.parametrize("action", [actions.do_remove_member, actions.do_ban_member])
def test_moderators_cannot_remove_or_ban_other_moderators_but_owners_can(private, olive, mo, meg, action):
    committed(actions.do_set_role, olive, private.id, meg.id, "moderator")
    with pytest.raises(PermissionDenied):
        action(mo, private.id, meg.id)
    assert state_of(meg, private) == "active"
    committed(action, olive, private.id, meg.id)
    assert state_of(meg, private) in (None, "banned")
    assert count_of(private) == active_count(private) == 2


@pytest.mark.parametrize("action", [actions.do_remove_member, actions.do_ban_member])
def test_nobody_removes_or_bans_the_owner_or_themselves(private, olive, mo, action):
    with pytest.raises(PermissionDenied):
        action(mo, private.id, olive.id)
    with pytest.raises(PermissionDenied):
        action(olive, private.id, olive.id)
    with pytest.raises(PermissionDenied):
        action(mo, private.id, mo.id)
    assert active_count(private) == count_of(private) == 3


def test_a_ban_ends_membership_purges_the_feed_and_keeps_them_out(private, banned_from, meg, mo):
    post = posted(mo, "Meet-up on Friday", group_id=private.id)
    assert post.id in home_ids(meg)
    banned_from(meg, private)
    assert state_of(meg, private) == "banned"
    assert home_ids(meg) == []
    assert count_of(private) == active_count(private) == 2
    with pytest.raises(PermissionDenied):
        actions.do_join_group(meg, private.id, answers=["Please?"])
    with pytest.raises(ValidationError) as refused:
        actions.do_invite_member(mo, private.id, meg.handle)
    assert "handle" in refused.value.message_dict
    invite = actions.do_create_invite(mo, private.id)
    with pytest.raises(PermissionDenied):
        actions.do_join_by_invite(meg, invite.code)
    assert state_of(meg, private) == "banned"
    assert Invite.objects.get(id=invite.id).uses == 0


def test_a_banned_person_cannot_leave_their_ban_behind(private, banned_from, meg):
    banned_from(meg, private)
    with pytest.raises(Http404):
        actions.do_leave_group(meg, private.id)
    assert state_of(meg, private) == "banned"


def test_someone_can_be_banned_before_they_ever_join(public, olive, nia):
    committed(actions.do_ban_member, olive, public.id, nia.id)
    with pytest.raises(PermissionDenied):
        actions.do_join_group(nia, public.id)
    assert count_of(public) == 3


def test_banning_a_pending_request_ends_it(private, pending_in, olive, nia):
    pending_in(nia, private)
    committed(actions.do_ban_member, olive, private.id, nia.id)
    assert state_of(nia, private) == "banned"
    assert not Notification.objects.filter(kind=Notification.Kind.GROUP_REQUEST).exists()
    assert count_of(private) == 3


def test_unbanning_lets_them_ask_again(private, banned_from, pending_in, olive, meg):
    banned_from(meg, private)
    committed(actions.do_unban_member, olive, private.id, meg.id)
    assert state_of(meg, private) is None
    pending_in(meg, private)
    assert state_of(meg, private) == "pending"


def test_only_moderators_remove_or_ban(public, meg, nia):
    committed(actions.do_join_group, nia, public.id)
    for action in (actions.do_remove_member, actions.do_ban_member):
        with pytest.raises(PermissionDenied):
            action(meg, public.id, nia.id)
    assert state_of(nia, public) == "active"


# --- Roles and handing on -------------------------------------------------------------------

def test_the_owner_chooses_moderators(private, olive, meg):
    committed(actions.do_set_role, olive, private.id, meg.id, "moderator")
    assert Membership.objects.get(group=private, member=meg).role == "moderator"
    committed(actions.do_set_role, olive, private.id, meg.id, "member")
    assert Membership.objects.get(group=private, member=meg).role == "member"


def test_moderators_cannot_choose_moderators(private, mo, meg):
    with pytest.raises(PermissionDenied):
        actions.do_set_role(mo, private.id, meg.id, "moderator")
    assert Membership.objects.get(group=private, member=meg).role == "member"


@pytest.mark.parametrize("role", ["owner", "admin", ""])
def test_a_role_other_than_moderator_or_member_is_refused(private, olive, meg, role):
    with pytest.raises(ValidationError) as refused:
        actions.do_set_role(olive, private.id, meg.id, role)
    assert "role" in refused.value.message_dict


def test_the_owner_stays_owner_until_they_hand_it_on(private, olive):
    with pytest.raises(ValidationError):
        actions.do_set_role(olive, private.id, olive.id, "member")
    assert Membership.objects.get(group=private, member=olive).role == "owner"


def test_handing_on_makes_the_old_owner_a_moderator_and_keeps_one_owner(private, olive, meg):
    committed(actions.do_transfer_ownership, olive, private.id, meg.id)
    roles = dict(Membership.objects.filter(group=private).values_list("member__handle", "role"))
    assert roles == {"olive": "moderator", "moira": "moderator", "meg": "owner"}
    with pytest.raises(PermissionDenied):
        actions.do_transfer_ownership(olive, private.id, olive.id)


def test_only_the_owner_hands_on_and_only_to_an_active_member(private, pending_in, olive, mo, meg, nia):
    with pytest.raises(PermissionDenied):
        actions.do_transfer_ownership(mo, private.id, meg.id)
    pending_in(nia, private)
    with pytest.raises(Http404):
        actions.do_transfer_ownership(olive, private.id, nia.id)
    assert Membership.objects.get(group=private, role="owner").member == olive


# --- Invitations by handle ------------------------------------------------------------------

def test_members_invite_to_public_and_private_groups_only_moderators_to_secret_ones(group_of, meg, nia, mo):
    for privacy in ("public", "private"):
        group = group_of(privacy)
        committed(actions.do_invite_member, meg, group.id, nia.handle)
        assert state_of(nia, group) == "invited"
        assert Notification.objects.filter(recipient=nia, kind=Notification.Kind.GROUP_INVITE, group=group).exists()
    secret = group_of("secret")
    with pytest.raises(PermissionDenied):
        actions.do_invite_member(meg, secret.id, nia.handle)
    committed(actions.do_invite_member, mo, secret.id, nia.handle)
    assert state_of(nia, secret) == "invited"


def test_inviting_an_unknown_handle_says_so(public, meg):
    with pytest.raises(ValidationError) as refused:
        actions.do_invite_member(meg, public.id, "@nobody_here")
    assert "handle" in refused.value.message_dict


def test_turning_down_an_invitation_leaves_no_trace(group_of, mo, nia):
    secret = group_of("secret")
    committed(actions.do_invite_member, mo, secret.id, nia.handle)
    committed(actions.do_leave_group, nia, secret.id)
    assert state_of(nia, secret) is None
    assert not Notification.objects.filter(recipient=nia).exists()
    with pytest.raises(Http404):
        actions.do_join_group(nia, secret.id)


# --- Invite links ---------------------------------------------------------------------------

def test_an_invite_link_lets_people_into_a_secret_group_without_questions(group_of, olive, nia, bea):
    secret = group_of("secret", questions=ASKS)
    invite = actions.do_create_invite(olive, secret.id, days=7, max_uses=5)
    for person in (nia, bea):
        committed(actions.do_join_by_invite, person, invite.code)
        assert state_of(person, secret) == "active"
    assert Invite.objects.get(id=invite.id).uses == 2
    assert count_of(secret) == active_count(secret) == 5


def test_using_a_link_again_once_in_uses_nothing(private, olive, nia):
    invite = actions.do_create_invite(olive, private.id, max_uses=2)
    committed(actions.do_join_by_invite, nia, invite.code)
    committed(actions.do_join_by_invite, nia, invite.code)
    assert Invite.objects.get(id=invite.id).uses == 1
    assert count_of(private) == 4


def test_a_link_used_up_expired_or_revoked_is_a_404(private, olive, nia, bea, dee):
    used_up = actions.do_create_invite(olive, private.id, max_uses=1)
    committed(actions.do_join_by_invite, bea, used_up.code)
    expired = actions.do_create_invite(olive, private.id)
    Invite.objects.filter(id=expired.id).update(expires_at=timezone.now() - timedelta(seconds=1))
    revoked = actions.do_create_invite(olive, private.id)
    actions.do_revoke_invite(olive, private.id, revoked.id)
    for code in (used_up.code, expired.code, revoked.code, "not-a-real-code"):
        with pytest.raises(Http404):
            actions.do_join_by_invite(nia, code)
    assert state_of(nia, private) is None
    assert count_of(private) == 4


def test_a_link_accepted_before_it_expires_still_stands(private, olive, nia):
    invite = actions.do_create_invite(olive, private.id, days=1)
    committed(actions.do_join_by_invite, nia, invite.code)
    Invite.objects.filter(id=invite.id).update(expires_at=timezone.now() - timedelta(days=1))
    assert state_of(nia, private) == "active"


def test_only_moderators_make_or_revoke_links(private, olive, meg):
    with pytest.raises(PermissionDenied):
        actions.do_create_invite(meg, private.id)
    invite = actions.do_create_invite(olive, private.id)
    with pytest.raises(PermissionDenied):
        actions.do_revoke_invite(meg, private.id, invite.id)
    assert Invite.objects.get(id=invite.id).revoked_at is None


@pytest.mark.parametrize("days, max_uses, field", [(0, None, "days"), (31, None, "days"), (7, 0, "max_uses"),
                                                   (7, 1001, "max_uses"), ("7", None, "days")])
def test_a_link_with_a_bad_lifetime_or_limit_is_refused(private, olive, days, max_uses, field):
    with pytest.raises(ValidationError) as refused:
        actions.do_create_invite(olive, private.id, days=days, max_uses=max_uses)
    assert field in refused.value.message_dict
    assert not Invite.objects.exists()


def test_revoking_another_groups_link_is_a_404(group_of, olive):
    one, other = group_of("private"), group_of("private")
    invite = actions.do_create_invite(olive, other.id)
    with pytest.raises(Http404):
        actions.do_revoke_invite(olive, one.id, invite.id)
    assert Invite.objects.get(id=invite.id).revoked_at is None


# --- member_count, whatever happens ---------------------------------------------------------

STEPS = st.lists(st.tuples(st.sampled_from(["join", "leave", "approve", "decline", "remove", "ban", "unban",
                                            "invite", "link"]),
                           st.integers(min_value=0, max_value=3)), max_size=14)


class _Undo(Exception):
    pass


@pytest.fixture
def crowd(db):
    return [make_member(f"parent{i}") for i in range(4)]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=STEPS)
def test_member_count_always_equals_the_active_members(private, olive, crowd, steps):
    try:
        with transaction.atomic():
            invite = actions.do_create_invite(olive, private.id, max_uses=1000)
            for step, who in steps:
                person = crowd[who]
                try:
                    with transaction.atomic():
                        {"join": lambda: actions.do_join_group(person, private.id, answers=["Hello"]),
                         "leave": lambda: actions.do_leave_group(person, private.id),
                         "approve": lambda: actions.do_approve_request(olive, private.id, person.id),
                         "decline": lambda: actions.do_decline_request(olive, private.id, person.id),
                         "remove": lambda: actions.do_remove_member(olive, private.id, person.id),
                         "ban": lambda: actions.do_ban_member(olive, private.id, person.id),
                         "unban": lambda: actions.do_unban_member(olive, private.id, person.id),
                         "invite": lambda: actions.do_invite_member(olive, private.id, person.handle),
                         "link": lambda: actions.do_join_by_invite(person, invite.code)}[step]()
                except (Http404, PermissionDenied, ValidationError):
                    pass
                assert count_of(private) == active_count(private)
            raise _Undo
    except _Undo:
        pass
