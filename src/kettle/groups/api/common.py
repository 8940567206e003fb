"""Lookups the groups API shares. Every group a viewer reaches starts from the read policy in
kettle.groups.queries (through kettle.groups.access); what they may not see is a 404."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.http import Http404

from kettle.accounts.models import Member
from kettle.api.pagination import PageParams
from kettle.core.pagination import Page, keyset_page
from kettle.groups.access import visible_group
from kettle.groups.api.schemas import GroupOut, MeInGroupOut
from kettle.groups.models import Group, Membership
from kettle.groups.queries import can_moderate
from kettle.social.api.common import clean_handle, post_page
from kettle.social.schemas import PostPageOut
from kettle.social.timelines import cards_for


def group_outs(groups: list[Group], viewer: Member | None) -> list[GroupOut]:
    """GroupOuts for a list of groups, with the viewer's place in each: three queries however
    many groups (topics, memberships, moderated), so a list costs what one group does."""
    if not groups:
        return []
    ids = [group.id for group in groups]
    prefetch_related_objects(groups, "topics")
    mine: dict[int, MeInGroupOut] = {}
    if viewer is not None:
        moderated = set(Group.objects.moderated_by(viewer).filter(id__in=ids).values_list("id", flat=True))
        memberships = {m.group_id: m for m in Membership.objects.filter(member=viewer, group_id__in=ids)}
        for group_id in ids:
            membership = memberships.get(group_id)
            mine[group_id] = MeInGroupOut(state=membership.state if membership else None,
                                          role=membership.role if membership else None,
                                          moderator=group_id in moderated)
    return [GroupOut.of(group, mine.get(group.id)) for group in groups]


def group_out(group: Group, viewer: Member | None) -> GroupOut:
    [out] = group_outs([group], viewer)
    return out


def moderated_or_404(viewer: Member, slug: str) -> Group:
    """For what only moderators may read (requests, the queue, bans, invite links): anyone else
    gets a 404, so these lists leak nothing. Changes go through the actions, which say why not."""
    group = visible_group(viewer, slug)
    if not can_moderate(viewer, group):
        raise Http404("No such list.")
    return group


def membership_by_handle(group: Group, handle: str, *states: str) -> Membership:
    """Someone's membership of this group, by their handle; a 404 if they have none here."""
    memberships = Membership.objects.filter(group=group, member__handle=clean_handle(handle), member__is_active=True)
    if states:
        memberships = memberships.filter(state__in=states)
    membership = memberships.select_related("member__profile", "group").first()
    if membership is None:
        raise Http404("No such member of this group.")
    return membership


def active_member(handle: str) -> Member:
    """Anyone with an account, by handle: a moderator may ban someone who blocked them."""
    member = Member.objects.with_profile().filter(handle=clean_handle(handle), is_active=True).first()
    if member is None:
        raise Http404("No such member.")
    return member


def post_list(posts, viewer: Member | None, page: PageParams) -> PostPageOut:
    """A keyset page of posts as PostOuts, authors shown only as cards_for allows."""
    found = keyset_page(posts.for_display(), before=page.before, limit=page.limit)
    return post_page(Page(items=cards_for(found.items, viewer), next_before=found.next_before), viewer)


def renamed(error: ValidationError, names: dict[str, str]) -> ValidationError:
    """An action's field errors under the names the API uses for those fields."""
    if not hasattr(error, "error_dict"):
        return error
    return ValidationError({names.get(field, field): messages for field, messages in error.message_dict.items()})
