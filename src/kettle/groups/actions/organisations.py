"""Organisations: made by a member (its first admin), verified by staff, with a team."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from kettle.accounts.models import Member
from kettle.core.markdown import render_markdown
from kettle.core.models import Place
from kettle.groups.actions.common import clean_text, unique_slug
from kettle.groups.models import Organisation, OrganisationMember
from kettle.groups.queries import is_organisation_admin

EDITABLE = ("name", "description", "place_id", "area", "website")


def _clean(fields: dict) -> dict:
    errors: dict[str, list[str]] = {}
    out: dict = {}
    if "name" in fields:
        out["name"] = clean_text(errors, "name", fields["name"], limit=120, one_line=True,
                                 required="Give the organisation's name.")
    if "description" in fields:
        out["description"] = clean_text(errors, "description", fields["description"], limit=4000)
        out["description_html"] = render_markdown(out["description"]) if out["description"] else ""
    if "area" in fields:
        out["area"] = clean_text(errors, "area", fields["area"], limit=120, one_line=True)
    if "website" in fields:
        out["website"] = clean_text(errors, "website", fields["website"], limit=300, one_line=True)
        if out["website"]:
            try:
                URLValidator(schemes=["http", "https"])(out["website"])
            except ValidationError:
                errors.setdefault("website", []).append("Give the full address, starting https://")
    if "place_id" in fields:
        place_id = fields["place_id"]
        out["place"] = Place.objects.filter(id=place_id).first() if place_id else None
        if place_id and out["place"] is None:
            errors["place_id"] = ["We couldn't find that place. Pick a town or village from the list."]
    if errors:
        raise ValidationError(errors)
    return out


@transaction.atomic
def do_create_organisation(member: Member, *, name: str, description: str = "", place_id: int | None = None,
                           area: str = "", website: str = "") -> Organisation:
    """Register an organisation; its creator is its first admin. Staff verify it separately."""
    fields = _clean({"name": name, "description": description, "place_id": place_id, "area": area,
                     "website": website})
    organisation = Organisation.objects.create(slug=unique_slug(Organisation, fields["name"], fallback="org"),
                                               created_by=member, **fields)
    OrganisationMember.objects.create(organisation=organisation, member=member, role=OrganisationMember.Role.ADMIN)
    return organisation


def _administered(member: Member, organisation_id: int) -> Organisation:
    organisation = Organisation.objects.filter(id=organisation_id).first()
    if organisation is None:
        raise Http404("No such organisation.")
    if not is_organisation_admin(member, organisation):
        raise PermissionDenied("Only the organisation's admins can do that.")
    return organisation


@transaction.atomic
def do_update_organisation(member: Member, organisation_id: int, **changes) -> Organisation:
    organisation = _administered(member, organisation_id)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError({name: ["This can't be changed here."] for name in unknown})
    fields = _clean(changes)
    if "name" in fields and fields["name"] != organisation.name and organisation.is_verified:
        organisation.verified_at = None  # a new name is checked again
        organisation.verified_by = None
    for name, value in fields.items():
        setattr(organisation, name, value)
    organisation.save()
    return organisation


@transaction.atomic
def do_set_team_member(member: Member, organisation_id: int, handle: str, *, role: str = OrganisationMember.Role.TEAM,
                       title: str = "") -> OrganisationMember:
    """Add someone to the team, or change their role or title."""
    organisation = _administered(member, organisation_id)
    errors: dict[str, list[str]] = {}
    title = clean_text(errors, "title", title, limit=60, one_line=True)
    if role not in OrganisationMember.Role.values:
        errors["role"] = ["Choose admin or team member."]
    person = Member.objects.visible_to(member).filter(handle=(handle or "").strip().lstrip("@").lower()).first()
    if person is None:
        errors["handle"] = ["We couldn't find a member with that handle."]
    if errors:
        raise ValidationError(errors)
    row, _ = OrganisationMember.objects.update_or_create(organisation=organisation, member=person,
                                                         defaults={"role": role, "title": title})
    _keep_an_admin(organisation)
    return row


@transaction.atomic
def do_remove_team_member(member: Member, organisation_id: int, member_id: int) -> None:
    organisation = _administered(member, organisation_id)
    deleted, _ = OrganisationMember.objects.filter(organisation=organisation, member_id=member_id).delete()
    if not deleted:
        raise Http404("No such team member.")
    _keep_an_admin(organisation)


def _keep_an_admin(organisation: Organisation) -> None:
    if not OrganisationMember.objects.filter(organisation=organisation, role=OrganisationMember.Role.ADMIN).exists():
        raise ValidationError({"role": ["An organisation needs at least one admin."]})


@transaction.atomic
def do_verify_organisation(staff: Member, organisation_id: int, *, verified: bool = True) -> Organisation:
    """Staff confirm an organisation is who it says it is; verified ones carry a badge."""
    if not staff.is_staff:
        raise PermissionDenied("Only staff can verify organisations.")
    organisation = Organisation.objects.filter(id=organisation_id).first()
    if organisation is None:
        raise Http404("No such organisation.")
    organisation.verified_at = timezone.now() if verified else None
    organisation.verified_by = staff if verified else None
    organisation.save(update_fields=["verified_at", "verified_by"])
    return organisation
