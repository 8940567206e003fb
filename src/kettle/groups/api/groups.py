"""Groups: finding them, suggestions, starting one, reading, changing and closing it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Query, Router, Status

from kettle.api.auth import optional_auth
from kettle.core.pagination import keyset_page
from kettle.groups import actions
from kettle.groups.access import visible_group
from kettle.groups.api.common import group_out, group_outs, renamed
from kettle.groups.api.schemas import GroupIn, GroupListQuery, GroupOut, GroupPageOut, GroupPatch, SuggestionOut
from kettle.groups.models import Group, Membership, Organisation
from kettle.groups.suggestions import search_groups, suggested_groups
from kettle.social.api.common import viewer_of

router = Router(tags=["groups"])

API_NAMES = {"organisation_id": "organisation"}  # action field -> API field
# Sent as null, these mean "clear it"; the other fields sent as null are left as they are.
CLEARABLE = {"description": "", "rules": "", "place_id": None, "radius_km": None, "topics": [], "questions": []}


@router.get("/groups", response=GroupPageOut, auth=optional_auth,
            summary="Groups you may see: listed groups and your own, newest first; or search them with ?q=")
def list_groups(request: HttpRequest, query: Query[GroupListQuery]):
    viewer = viewer_of(request)
    if query.q:
        found = search_groups(viewer, query.q, limit=query.limit)
        if query.kind:
            found = [group for group in found if group.kind == query.kind]
        if query.mine:
            mine = set(_my_group_ids(viewer))
            found = [group for group in found if group.id in mine]
        return GroupPageOut(items=group_outs(found, viewer), next_before=None)
    groups = Group.objects.visible_to(viewer).select_related("organisation", "place")
    if query.kind:
        groups = groups.filter(kind=query.kind)
    if query.mine:
        groups = groups.filter(id__in=_my_group_ids(viewer))
    page = keyset_page(groups, before=query.before, limit=query.limit)
    return GroupPageOut(items=group_outs(page.items, viewer), next_before=page.next_before)


def _my_group_ids(viewer):
    """Groups the viewer belongs to, asked to join or was invited to (never those banned from)."""
    if viewer is None:
        return Membership.objects.none().values("group")
    return Membership.objects.filter(member=viewer).exclude(state=Membership.State.BANNED).values_list(
        "group", flat=True)


@router.get("/groups/suggested", response=list[SuggestionOut],
            summary="Groups suggested for you: clubs for your children, local groups and your interests")
def suggested(request: HttpRequest):
    suggestions = suggested_groups(request.member)
    groups = group_outs([s.group for s in suggestions], request.member)
    return [SuggestionOut(group=out, reason=s.reason) for s, out in zip(suggestions, groups, strict=True)]


@router.post("/groups", response={201: GroupOut}, summary="Start a group; you are its owner")
def create_group(request: HttpRequest, data: GroupIn):
    fields = data.model_dump(exclude={"organisation"}, exclude_none=True)
    if data.organisation is not None:
        organisation = Organisation.objects.filter(slug=data.organisation.lower()).first()
        if organisation is None:
            raise ValidationError({"organisation": ["We couldn't find that organisation."]})
        fields["organisation_id"] = organisation.id
    try:
        group = actions.do_create_group(request.member, **fields)
    except ValidationError as error:
        raise renamed(error, API_NAMES) from None
    return Status(201, group_out(visible_group(request.member, group.id), request.member))


@router.get("/groups/{slug}", response=GroupOut, auth=optional_auth,
            summary="A group's about information and where you stand in it")
def get_group(request: HttpRequest, slug: str):
    viewer = viewer_of(request)
    return group_out(visible_group(viewer, slug), viewer)


@router.patch("/groups/{slug}", response=GroupOut,
              summary="Change a group (moderators); only the owner changes who can see it")
def update_group(request: HttpRequest, slug: str, data: GroupPatch):
    group = visible_group(request.member, slug)
    changes = {}
    for name, value in data.model_dump(exclude_unset=True).items():
        if value is None and name not in CLEARABLE:
            continue
        changes[name] = CLEARABLE[name] if value is None else value
    actions.do_update_group(request.member, group.id, **changes)
    return group_out(visible_group(request.member, group.id), request.member)


@router.delete("/groups/{slug}", response={204: None},
               summary="Close a group for good, with its posts and polls (the owner only)")
def delete_group(request: HttpRequest, slug: str):
    actions.do_delete_group(request.member, visible_group(request.member, slug).id)
    return Status(204, None)
