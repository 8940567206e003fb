"""Invite links: made by moderators, expiring and revocable; the only way into a secret group
besides a personal invitation."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.http import Http404
from django.utils import timezone

from kettle.accounts.models import Member
from kettle.groups.access import moderated_group
from kettle.groups.actions.membership import _activate
from kettle.groups.models import Group, Invite, Membership

MAX_DAYS = 30
MAX_USES = 1000


@transaction.atomic
def do_create_invite(moderator: Member, group_id: int, *, days: int = 7, max_uses: int | None = None) -> Invite:
    group = moderated_group(moderator, group_id)
    errors: dict[str, list[str]] = {}
    if not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
        errors["days"] = [f"Choose how long the link works: 1 to {MAX_DAYS} days."]
    if max_uses is not None and (not isinstance(max_uses, int) or not 1 <= max_uses <= MAX_USES):
        errors["max_uses"] = [f"Choose how many people can use it: 1 to {MAX_USES}, or no limit."]
    if errors:
        raise ValidationError(errors)
    return Invite.objects.create(group=group, code=secrets.token_urlsafe(16), created_by=moderator,
                                 expires_at=timezone.now() + timedelta(days=days), max_uses=max_uses)


@transaction.atomic
def do_revoke_invite(moderator: Member, group_id: int, invite_id: int) -> Invite:
    group = moderated_group(moderator, group_id)
    invite = Invite.objects.filter(id=invite_id, group=group).first()
    if invite is None:
        raise Http404("No such invite link.")
    if invite.revoked_at is None:
        invite.revoked_at = timezone.now()
        invite.save(update_fields=["revoked_at"])
    return invite


def usable_invite(code: str) -> Invite | None:
    """The invite behind a code, if it still works. Unknown, expired and revoked links look alike."""
    invite = Invite.objects.filter(code=code or "").select_related("group").first()
    return invite if invite is not None and invite.is_usable() else None


@transaction.atomic
def do_join_by_invite(member: Member, code: str) -> Membership:
    """Join through a link: straight in, without questions or approval (not if banned)."""
    invite = usable_invite(code)
    if invite is None:
        raise Http404("This invite link has expired or been turned off. Ask for a new one.")
    group: Group = invite.group
    membership = Membership.objects.select_for_update().filter(group=group, member=member).first()
    if membership is not None and membership.state == Membership.State.BANNED:
        raise PermissionDenied("You can't join this group.")
    if membership is not None and membership.is_active:
        return membership
    # Count the use only while uses remain: two people using the last place at once can't both get in.
    counted = Invite.objects.filter(Q(max_uses=None) | Q(uses__lt=F("max_uses")), id=invite.id,
                                    revoked_at=None, expires_at__gt=timezone.now()).update(uses=F("uses") + 1)
    if not counted:
        raise Http404("This invite link has expired or been turned off. Ask for a new one.")
    if membership is None:
        try:
            with transaction.atomic():
                membership = Membership.objects.create(group=group, member=member, state=Membership.State.PENDING,
                                                       invited_by=invite.created_by)
        except IntegrityError:
            membership = Membership.objects.get(group=group, member=member)
    return _activate(membership)
