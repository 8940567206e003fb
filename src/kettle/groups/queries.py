"""Reads and visibility for groups and organisations: the one read policy.

Three questions, each answered here and nowhere else:
- visible_to(viewer): may the viewer know the group exists (its page, its listing)?
- readable_by(viewer): may the viewer read what is inside (posts, polls, the member list)?
- moderated_by(viewer): may the viewer moderate it (queue, members, settings)?
Anything a viewer may not see answers 404."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.apps import apps
from django.db import models
from django.db.models import Q

from kettle.core.prepared import PreparedQuery, bound_in, stand_in, stand_ins

if TYPE_CHECKING:
    from kettle.accounts.models import Member

MODERATOR_ROLES = ("owner", "moderator")


def _model(name: str):
    return apps.get_model("groups", name)


def _memberships(viewer: Member, *states: str, roles: tuple[str, ...] = ()):
    qs = _model("Membership").objects.filter(member=viewer, state__in=states)
    if roles:
        qs = qs.filter(role__in=roles)
    return qs.values("group")


def _admin_organisations(viewer: Member):
    return _model("OrganisationMember").objects.filter(member=viewer, role="admin").values("organisation")


@dataclass
class Standing:
    """Where a viewer stands in some groups: which they moderate, which they belong to."""

    moderated: set[int] = field(default_factory=set)
    member_of: set[int] = field(default_factory=set)

    @property
    def participating(self) -> set[int]:
        """Members and moderators: who may take part (vote in a poll, for one)."""
        return self.moderated | self.member_of


def standing_in(viewer: Member | None, group_ids: set[int]) -> Standing:
    """One query for a page's worth of groups; none when there are none."""
    if viewer is None or not group_ids:
        return Standing()
    ids = list(group_ids)
    rows = _standing_rows(len(ids), viewer.is_staff).fetch(
        {STAND_IN_VIEWER: viewer.id} | bound_in(ids, after=1))
    standing = Standing()
    for group_id, moderates, belongs in rows:
        if moderates:
            standing.moderated.add(group_id)
        if belongs:
            standing.member_of.add(group_id)
    return standing


STAND_IN_VIEWER = stand_in(0)


@functools.cache
def _standing_rows(count: int, staff: bool) -> PreparedQuery:
    """standing_in's query for `count` groups: asked on every page of posts with polls or
    anonymous posts in groups, so compiled once per process (kettle.core.prepared)."""
    viewer = apps.get_model("accounts", "Member")(id=STAND_IN_VIEWER, is_staff=staff)
    groups = _model("Group").objects
    rows = groups.filter(id__in=stand_ins(count, after=1)).annotate(
        moderates=Q(id__in=groups.moderated_by(viewer).values("id")),
        belongs=Q(id__in=_memberships(viewer, "active"))).values_list("id", "moderates", "belongs")
    return PreparedQuery(rows, [STAND_IN_VIEWER, *stand_ins(count, after=1)])


class GroupQuerySet(models.QuerySet):
    def visible_to(self, viewer: Member | None) -> GroupQuerySet:
        """Groups whose page the viewer may open: public and private ones (listed), and secret
        ones they belong to, were invited to, or run through their organisation. Banned
        members of a secret group no longer see it."""
        listed = ~Q(privacy="secret")
        if viewer is None:
            return self.filter(listed)
        return self.filter(listed | Q(id__in=_memberships(viewer, "active", "invited"))
                           | Q(id__in=self.moderated_by(viewer).values("id")))

    def readable_by(self, viewer: Member | None) -> GroupQuerySet:
        """Groups whose posts, polls and members the viewer may read: public groups, and the
        groups they are an active member of or moderate."""
        public = Q(privacy="public")
        if viewer is None:
            return self.filter(public)
        return self.filter(public | Q(id__in=_memberships(viewer, "active"))
                           | Q(id__in=self.moderated_by(viewer).values("id")))

    def moderated_by(self, viewer: Member | None) -> GroupQuerySet:
        """Owners and moderators; admins of the organisation that owns the group; staff for
        the clubs the site runs."""
        if viewer is None:
            return self.none()
        rule = (Q(id__in=_memberships(viewer, "active", roles=MODERATOR_ROLES))
                | Q(organisation__in=_admin_organisations(viewer)))
        if viewer.is_staff:
            rule |= Q(run_by_site=True)
        return self.model.objects.filter(rule)

    def listed(self) -> GroupQuerySet:
        """What the groups directory and search show to someone outside: never secret groups."""
        return self.exclude(privacy="secret")


class OrganisationQuerySet(models.QuerySet):
    def visible_to(self, viewer: Member | None) -> OrganisationQuerySet:
        """Organisation pages are public: they are how parents find trusted local services."""
        return self.all()


def membership_of(viewer: Member | None, group) -> object | None:
    if viewer is None:
        return None
    return _model("Membership").objects.filter(group=group, member=viewer).first()


def can_moderate(viewer: Member | None, group) -> bool:
    if viewer is None:
        return False
    return _model("Group").objects.moderated_by(viewer).filter(id=group.id).exists()


def is_organisation_admin(viewer: Member | None, organisation) -> bool:
    if viewer is None:
        return False
    return _model("OrganisationMember").objects.filter(organisation=organisation, member=viewer,
                                                       role="admin").exists()
