"""Organisations: the not-for-profits, children's centres and councils that run groups. Their
pages are public; admins change them and their team; staff verify them."""

from __future__ import annotations

from typing import Annotated

from django.http import Http404, HttpRequest
from ninja import Query, Router, Status
from pydantic import Field, StringConstraints

from kettle.accounts.models import Member
from kettle.api.auth import optional_auth
from kettle.api.pagination import PageParams
from kettle.core.pagination import keyset_page
from kettle.groups import actions
from kettle.groups.api.schemas import (
    OrganisationDetailOut,
    OrganisationIn,
    OrganisationOut,
    OrganisationPageOut,
    OrganisationPatch,
    TeamIn,
    TeamMemberOut,
)
from kettle.groups.models import Group, Organisation, OrganisationMember
from kettle.social.api.common import clean_handle, viewer_of
from kettle.social.schemas import AuthorOut, GroupRefOut

router = Router(tags=["organisations"])

# Sent as null, these clear; a null name is left as it is.
CLEARABLE = {"description": "", "place_id": None, "area": "", "website": ""}


class OrganisationQuery(PageParams):
    q: Annotated[str, StringConstraints(strip_whitespace=True, max_length=120)] | None = Field(
        None, description="Find organisations by name.")


def _organisation(viewer: Member | None, slug: str) -> Organisation:
    organisation = (Organisation.objects.visible_to(viewer).select_related("place")
                    .filter(slug=slug.lower()).first())
    if organisation is None:
        raise Http404("No such organisation.")
    return organisation


def _detail(organisation_id: int, viewer: Member | None) -> OrganisationDetailOut:
    organisation = Organisation.objects.select_related("place").get(id=organisation_id)
    team = (OrganisationMember.objects.filter(organisation=organisation,
                                              member__in=Member.objects.visible_to(viewer))
            .select_related("member__profile"))
    groups = Group.objects.visible_to(viewer).filter(organisation=organisation).order_by("name")
    base = OrganisationOut.of(organisation).model_dump()
    return OrganisationDetailOut(
        **base, team=[TeamMemberOut(member=AuthorOut.of(row.member), role=row.role, title=row.title) for row in team],
        groups=[GroupRefOut.of(group) for group in groups])


@router.get("/organisations", response=OrganisationPageOut, auth=optional_auth,
            summary="Organisations on this Kettle, newest first; ?q= finds them by name")
def list_organisations(request: HttpRequest, query: Query[OrganisationQuery]):
    organisations = Organisation.objects.visible_to(viewer_of(request)).select_related("place")
    words = (query.q or "").replace("\x00", "")  # PostgreSQL refuses NUL
    if words:
        organisations = organisations.filter(name__icontains=words)
    found = keyset_page(organisations, before=query.before, limit=query.limit)
    return OrganisationPageOut(items=[OrganisationOut.of(o) for o in found.items], next_before=found.next_before)


@router.post("/organisations", response={201: OrganisationDetailOut},
             summary="Register an organisation; you are its first admin, and staff verify it")
def create_organisation(request: HttpRequest, data: OrganisationIn):
    organisation = actions.do_create_organisation(request.member, **data.model_dump(exclude_none=True))
    return Status(201, _detail(organisation.id, request.member))


@router.get("/organisations/{slug}", response=OrganisationDetailOut, auth=optional_auth,
            summary="An organisation, its team and the groups it runs that you may see")
def get_organisation(request: HttpRequest, slug: str):
    viewer = viewer_of(request)
    return _detail(_organisation(viewer, slug).id, viewer)


@router.patch("/organisations/{slug}", response=OrganisationDetailOut,
              summary="Change an organisation's page (its admins)")
def update_organisation(request: HttpRequest, slug: str, data: OrganisationPatch):
    organisation = _organisation(request.member, slug)
    changes = {}
    for name, value in data.model_dump(exclude_unset=True).items():
        if value is None and name not in CLEARABLE:
            continue
        changes[name] = CLEARABLE[name] if value is None else value
    actions.do_update_organisation(request.member, organisation.id, **changes)
    return _detail(organisation.id, request.member)


@router.post("/organisations/{slug}/team", response=TeamMemberOut,
             summary="Add someone to the team, or change their role or title (admins)")
def set_team_member(request: HttpRequest, slug: str, data: TeamIn):
    organisation = _organisation(request.member, slug)
    row = actions.do_set_team_member(request.member, organisation.id, data.handle, role=data.role, title=data.title)
    member = Member.objects.with_profile().get(id=row.member_id)
    return TeamMemberOut(member=AuthorOut.of(member), role=row.role, title=row.title)


@router.delete("/organisations/{slug}/team/{handle}", response={204: None},
               summary="Take someone off the team (admins); an organisation keeps at least one admin")
def remove_team_member(request: HttpRequest, slug: str, handle: str):
    organisation = _organisation(request.member, slug)
    row = OrganisationMember.objects.filter(organisation=organisation, member__handle=clean_handle(handle)).first()
    if row is None:
        raise Http404("No such team member.")
    actions.do_remove_team_member(request.member, organisation.id, row.member_id)
    return Status(204, None)


@router.post("/organisations/{slug}/verification", response=OrganisationOut,
             summary="Confirm an organisation is who it says it is (staff): it carries a badge")
def verify_organisation(request: HttpRequest, slug: str):
    organisation = actions.do_verify_organisation(request.member, _organisation(request.member, slug).id)
    return OrganisationOut.of(organisation)


@router.delete("/organisations/{slug}/verification", response=OrganisationOut,
               summary="Take an organisation's verified badge away (staff)")
def unverify_organisation(request: HttpRequest, slug: str):
    organisation = actions.do_verify_organisation(request.member, _organisation(request.member, slug).id,
                                                  verified=False)
    return OrganisationOut.of(organisation)

