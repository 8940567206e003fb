"""Who may do what in a group, checked inside every action. Not seeing a group is a 404;
seeing it but lacking the right is a PermissionDenied with words saying what would help."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.http import Http404

from kettle.groups.models import Group, Membership
from kettle.groups.queries import can_moderate, membership_of

if TYPE_CHECKING:
    from kettle.accounts.models import Member


def visible_group(viewer: Member | None, slug_or_id: str | int) -> Group:
    """A group whose page the viewer may open, by slug or id; anything else is a 404."""
    groups = Group.objects.visible_to(viewer).select_related("organisation", "place")
    key = {"id": slug_or_id} if isinstance(slug_or_id, int) else {"slug": str(slug_or_id).lower()}
    group = groups.filter(**key).first()
    if group is None:
        raise Http404("No such group.")
    return group


def readable_group(viewer: Member | None, slug: str) -> Group:
    """A group whose posts, polls and members the viewer may read; anything else is a 404."""
    group = visible_group(viewer, slug)
    if not Group.objects.readable_by(viewer).filter(id=group.id).exists():
        raise Http404("No such group.")
    return group


def moderated_group(viewer: Member, slug_or_id: str | int) -> Group:
    """A group the viewer moderates. Seeing it without moderating it is a PermissionDenied."""
    group = visible_group(viewer, slug_or_id)
    if not can_moderate(viewer, group):
        raise PermissionDenied("Only the group's moderators can do that.")
    return group


def active_membership(member: Member, group: Group) -> Membership | None:
    membership = membership_of(member, group)
    return membership if membership is not None and membership.is_active else None


def require_participant(member: Member, group: Group) -> Membership | None:
    """Posting, commenting, reacting and voting in a group need an active membership (or the
    right to moderate it). Returns the membership, if any."""
    membership = membership_of(member, group)
    if (membership is not None and membership.is_active) or can_moderate(member, group):
        return membership
    if membership is not None and membership.state == Membership.State.BANNED:
        raise PermissionDenied("You can't take part in this group.")
    raise PermissionDenied("Join the group to take part.")
