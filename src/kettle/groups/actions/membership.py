"""Joining, asking to join, answering requests, leaving, removing, banning and roles."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import Http404
from django.utils import timezone

from kettle.accounts.models import Member
from kettle.groups.access import moderated_group, visible_group
from kettle.groups.actions.common import clean_text
from kettle.groups.clubs import matches_club
from kettle.groups.models import Group, Membership
from kettle.groups.models.groups import ANSWER_MAX
from kettle.groups.queries import can_moderate, is_organisation_admin
from kettle.notifications.models import Notification
from kettle.notifications.tasks import notify
from kettle.social.tasks import backfill_group_feed, purge_group_feed


def moderator_ids(group: Group) -> list[int]:
    """Who hears of requests and held posts: owner and moderators, the owning organisation's
    admins, and staff for the clubs the site runs."""
    from kettle.groups.models import OrganisationMember

    ids = set(Membership.objects.filter(group=group, state=Membership.State.ACTIVE,
                                        role__in=(Membership.Role.OWNER, Membership.Role.MODERATOR))
              .values_list("member_id", flat=True))
    if group.organisation_id:
        ids |= set(OrganisationMember.objects.filter(organisation_id=group.organisation_id,
                                                     role=OrganisationMember.Role.ADMIN)
                   .values_list("member_id", flat=True))
    if group.run_by_site:
        ids |= set(Member.objects.filter(is_staff=True, is_active=True).values_list("id", flat=True))
    return sorted(ids)


def _activate(membership: Membership, *, notify_by: Member | None = None) -> Membership:
    """Make a membership active: count it, fill the member's feed with the group's recent posts."""
    was_active = membership.is_active
    membership.state = Membership.State.ACTIVE
    membership.joined_at = membership.joined_at or timezone.now()
    membership.save(update_fields=["state", "joined_at"])
    if not was_active:
        Group.objects.filter(id=membership.group_id).update(member_count=F("member_count") + 1)
        member_id, group_id = membership.member_id, membership.group_id
        transaction.on_commit(lambda: backfill_group_feed.enqueue(member_id=member_id, group_id=group_id))
        if notify_by is not None:
            notify(member_id, notify_by.id, Notification.Kind.GROUP_APPROVED, group_id=group_id)
        Notification.objects.filter(group_id=group_id, actor_id=member_id,
                                    kind=Notification.Kind.GROUP_REQUEST).delete()
    return membership


def _deactivate(membership: Membership) -> None:
    if membership.is_active:
        Group.objects.filter(id=membership.group_id, member_count__gt=0).update(member_count=F("member_count") - 1)
    purge_group_feed(membership.member_id, membership.group_id)


def _clean_answers(group: Group, answers) -> list[str]:
    errors: dict[str, list[str]] = {}
    answers = list(answers or [])
    cleaned = []
    for i, question in enumerate(group.questions):
        given = answers[i] if i < len(answers) and isinstance(answers[i], str) else ""
        cleaned.append(clean_text(errors, f"answers.{i}", given, limit=ANSWER_MAX,
                                  required=f"Please answer: “{question}”"))
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def do_join_group(member: Member, group_id: int, *, answers: list[str] | None = None) -> Membership:
    """Join a public group, accept an invitation, or ask to join a private one (with answers to
    its questions). A due-month club lets in at once parents with a child due or born that month."""
    group = visible_group(member, group_id)
    membership = Membership.objects.select_for_update().filter(group=group, member=member).first()
    if membership is not None:
        if membership.state == Membership.State.BANNED:
            raise PermissionDenied("You can't join this group.")
        if membership.state == Membership.State.INVITED or (membership.state == Membership.State.PENDING
                                                            and group.is_public):  # asked before it went public
            return _activate(membership)
        return membership  # already in, or already asked: asking twice changes nothing
    if group.is_secret and not can_moderate(member, group):
        raise PermissionDenied("This group is joined by invitation only.")
    opens = group.is_public or (group.is_club and matches_club(member, group)) or can_moderate(member, group)
    cleaned = [] if opens else _clean_answers(group, answers)
    try:
        with transaction.atomic():
            membership = Membership.objects.create(group=group, member=member, answers=cleaned,
                                                   state=Membership.State.PENDING)
    except IntegrityError:
        return Membership.objects.get(group=group, member=member)  # a second click at the same moment
    if opens:
        return _activate(membership)
    for moderator_id in moderator_ids(group):
        notify(moderator_id, member.id, Notification.Kind.GROUP_REQUEST, group_id=group.id)
    return membership


def _membership_in(group: Group, member_id: int, *states: str) -> Membership:
    membership = (Membership.objects.select_for_update().filter(group=group, member_id=member_id, state__in=states)
                  .first())
    if membership is None:
        raise Http404("No such member of this group.")
    return membership


@transaction.atomic
def do_approve_request(moderator: Member, group_id: int, member_id: int) -> Membership:
    group = moderated_group(moderator, group_id)
    return _activate(_membership_in(group, member_id, Membership.State.PENDING), notify_by=moderator)


@transaction.atomic
def do_decline_request(moderator: Member, group_id: int, member_id: int) -> None:
    """Decline quietly: the request goes, and they may ask again later."""
    group = moderated_group(moderator, group_id)
    _membership_in(group, member_id, Membership.State.PENDING).delete()
    Notification.objects.filter(group=group, actor_id=member_id, kind=Notification.Kind.GROUP_REQUEST).delete()


@transaction.atomic
def do_leave_group(member: Member, group_id: int) -> None:
    """Leave (or withdraw a request, or turn down an invitation). The owner hands the group on first."""
    group = visible_group(member, group_id)
    membership = (Membership.objects.select_for_update().filter(group=group, member=member)
                  .exclude(state=Membership.State.BANNED).first())
    if membership is None:
        raise Http404("You aren't in this group.")
    if membership.role == Membership.Role.OWNER:
        raise ValidationError({"group": ["You own this group. Make another member its owner before you leave."]})
    _deactivate(membership)
    membership.delete()
    Notification.objects.filter(group=group, recipient=member).delete()


def _outranks(actor: Member, group: Group, target: Membership) -> bool:
    """Owners (and organisation admins, and staff for site clubs) act on anyone but the owner;
    moderators act on ordinary members only."""
    if target.role == Membership.Role.OWNER:
        return False
    if target.role == Membership.Role.MEMBER or target.state != Membership.State.ACTIVE:
        return True
    return _is_owner_like(actor, group)


def _is_owner_like(actor: Member, group: Group) -> bool:
    own = Membership.objects.filter(group=group, member=actor, role=Membership.Role.OWNER,
                                    state=Membership.State.ACTIVE).exists()
    return own or (group.organisation is not None and is_organisation_admin(actor, group.organisation)) \
        or (group.run_by_site and actor.is_staff)


@transaction.atomic
def do_remove_member(moderator: Member, group_id: int, member_id: int) -> None:
    """Remove a member; they may ask to join again. Use a ban to keep them out."""
    group = moderated_group(moderator, group_id)
    target = _membership_in(group, member_id, Membership.State.ACTIVE, Membership.State.INVITED)
    if target.member_id == moderator.id or not _outranks(moderator, group, target):
        raise PermissionDenied("You can't remove this member.")
    _deactivate(target)
    target.delete()


@transaction.atomic
def do_ban_member(moderator: Member, group_id: int, member_id: int) -> Membership:
    """Keep someone out: their membership or request ends, their posts stay for moderators to
    review, and they can no longer join, ask, post or be invited."""
    group = moderated_group(moderator, group_id)
    if not Member.objects.filter(id=member_id, is_active=True).exists():
        raise Http404("No such member.")
    target = Membership.objects.select_for_update().filter(group=group, member_id=member_id).first()
    if target is not None and (target.member_id == moderator.id or not _outranks(moderator, group, target)):
        raise PermissionDenied("You can't ban this member.")
    if target is None:
        target = Membership(group=group, member_id=member_id)
    else:
        _deactivate(target)
    target.state, target.role = Membership.State.BANNED, Membership.Role.MEMBER
    target.save()
    Notification.objects.filter(group=group, actor_id=member_id).delete()
    return target


@transaction.atomic
def do_unban_member(moderator: Member, group_id: int, member_id: int) -> None:
    group = moderated_group(moderator, group_id)
    _membership_in(group, member_id, Membership.State.BANNED).delete()


@transaction.atomic
def do_set_role(actor: Member, group_id: int, member_id: int, role: str) -> Membership:
    """Make a member a moderator, or a moderator a member again. The owner's call."""
    group = moderated_group(actor, group_id)
    if role not in (Membership.Role.MODERATOR, Membership.Role.MEMBER):
        raise ValidationError({"role": ["Choose moderator or member. To hand over the group, transfer ownership."]})
    if not _is_owner_like(actor, group):
        raise PermissionDenied("Only the group's owner can choose its moderators.")
    target = _membership_in(group, member_id, Membership.State.ACTIVE)
    if target.role == Membership.Role.OWNER:
        raise ValidationError({"role": ["The owner stays the owner until they hand the group on."]})
    target.role = role
    target.save(update_fields=["role"])
    return target


@transaction.atomic
def do_transfer_ownership(owner: Member, group_id: int, member_id: int) -> Membership:
    """Hand the group to another active member; the old owner stays on as a moderator."""
    group = moderated_group(owner, group_id)
    current = Membership.objects.select_for_update().filter(group=group, role=Membership.Role.OWNER).first()
    if not _is_owner_like(owner, group):
        raise PermissionDenied("Only the group's owner can hand it on.")
    target = _membership_in(group, member_id, Membership.State.ACTIVE)
    if current is not None and current.id == target.id:
        return target
    if current is not None:
        current.role = Membership.Role.MODERATOR
        current.save(update_fields=["role"])
    target.role = Membership.Role.OWNER
    target.trusted = True
    target.save(update_fields=["role", "trusted"])
    return target


@transaction.atomic
def do_invite_member(inviter: Member, group_id: int, handle: str) -> Membership:
    """Invite someone by handle. Members invite to public and private groups; only moderators
    invite to secret ones. A pending request is simply approved by a moderator's invitation."""
    group = visible_group(inviter, group_id)
    moderator = can_moderate(inviter, group)
    mine = Membership.objects.filter(group=group, member=inviter, state=Membership.State.ACTIVE).exists()
    if not moderator and (not mine or group.is_secret):
        raise PermissionDenied("Only the group's moderators can invite people here." if mine
                               else "Join the group to invite people to it.")
    invitee = Member.objects.visible_to(inviter).filter(handle=(handle or "").strip().lstrip("@").lower()).first()
    if invitee is None:
        raise ValidationError({"handle": ["We couldn't find a member with that handle."]})
    membership = Membership.objects.select_for_update().filter(group=group, member=invitee).first()
    if membership is not None:
        if membership.state == Membership.State.BANNED:
            raise ValidationError({"handle": ["That member can't be invited to this group."]})
        if membership.state == Membership.State.PENDING and moderator:
            return _activate(membership, notify_by=inviter)
        return membership
    membership = Membership.objects.create(group=group, member=invitee, state=Membership.State.INVITED,
                                           invited_by=inviter)
    notify(invitee.id, inviter.id, Notification.Kind.GROUP_INVITE, group_id=group.id)
    return membership
