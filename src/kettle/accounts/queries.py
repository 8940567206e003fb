"""Reads and visibility for members and profiles: the one read policy."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from django.db import models
from django.utils import timezone

from kettle.core.prepared import PreparedQuery, stand_in

if TYPE_CHECKING:
    from kettle.accounts.models import Child, Member


class MemberQuerySet(models.QuerySet):
    def visible_to(self, viewer: Member | None) -> MemberQuerySet:
        """Who a viewer may see. Logged-out visitors see only public profiles; inactive
        accounts are seen by nobody; a block hides both sides from each other. Every profile
        page, endpoint, list and search starts here."""
        from kettle.social.queries import without_blocked

        qs = self.seen_by_members()
        if viewer is None:
            return qs.filter(profile__is_public=True)
        return without_blocked(qs, viewer, "id")

    def seen_by_members(self) -> MemberQuerySet:
        """Who any logged-in member may see, before their own blocks: visible_to's first rule."""
        return self.filter(is_active=True, profile__isnull=False)

    def with_profile(self) -> MemberQuerySet:
        return self.select_related("profile", "profile__place")


def follows(follower_id: int, followee_id: int) -> bool:
    from kettle.social.models import Follow

    return Follow.objects.filter(follower_id=follower_id, followee_id=followee_id).exists()


def can_see_children(viewer: Member | None, member: Member) -> bool:
    """Children's stages follow the member's choice; logged-out visitors never see them."""
    from kettle.accounts.models import ChildrenVisibility

    if viewer is not None and viewer.id == member.id:
        return True
    if viewer is None:
        return False
    setting = member.profile.children_visibility
    if setting == ChildrenVisibility.EVERYONE:
        return True
    if setting == ChildrenVisibility.FOLLOWED:
        return follows(member.id, viewer.id)
    return False


def children_visible_to(viewer: Member | None, member: Member) -> list[Child]:
    """A member's children as the viewer may see them. A recorded loss is the parent's alone."""
    if not can_see_children(viewer, member):
        return []
    children = list(member.children.all())
    if viewer is None or viewer.id != member.id:
        children = [child for child in children if not child.is_lost]
    return children


def children_with_stages(children: list[Child]) -> list[tuple[Child, object]]:
    from kettle.accounts.lifestage import stage_of

    today = timezone.localdate()
    return [(child, None if child.is_lost else stage_of(child, today)) for child in children]


def own_children(member: Member) -> list[Child]:
    """A member's own children, for their home page: asked on every one, so compiled once."""
    children = _children_of().fetch({STAND_IN_PARENT: member.id})
    for child in children:
        child.parent = member  # as member.children.all() would leave it, without a query
    return children


def home_context(member: Member) -> dict:
    """The family card beside the home timeline: children with their stages, milestone
    prompts, and whether a loss is recorded (then the card offers support, not milestones)."""
    from kettle.accounts.lifestage import milestone_prompt

    children = own_children(member)
    today = timezone.localdate()
    return {
        "children": children_with_stages(children),
        "prompts": [prompt for prompt in (milestone_prompt(child, today) for child in children) if prompt],
        "has_loss": any(child.is_lost for child in children),
        "profile": member.profile,
    }


STAND_IN_PARENT = stand_in(0)


@lru_cache(maxsize=1)
def _children_of() -> PreparedQuery:
    from kettle.accounts.models import Child

    return PreparedQuery(Child.objects.filter(parent_id=STAND_IN_PARENT).order_by("id"), [STAND_IN_PARENT])
