"""Adding, changing and merging venues. Public places only: venues.py refuses homes."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404

from kettle.accounts.models import Member
from kettle.core import ratelimit
from kettle.core.models import Place
from kettle.core.places import normalise
from kettle.groups.actions.common import clean_text
from kettle.groups.models import Organisation, OrganisationMember
from kettle.meetups.models import Meetup, Venue
from kettle.meetups.models.venues import ADDRESS_MAX, FACILITIES, VENUE_NAME_MAX, VENUE_NOTES_MAX
from kettle.meetups.venues import home_address_problem

FACILITY_FIELDS = tuple(field for field, _ in FACILITIES)


def _clean_venue(errors: dict[str, list[str]], *, name, kind, address, place_id, notes) -> dict:
    fields = {
        "name": clean_text(errors, "name", name, limit=VENUE_NAME_MAX, required="Give the venue's name.",
                           one_line=True),
        "address": clean_text(errors, "address", address, limit=ADDRESS_MAX, one_line=True),
        "notes": clean_text(errors, "notes", notes, limit=VENUE_NOTES_MAX),
    }
    if kind not in Venue.Kind.values:
        errors.setdefault("kind", []).append("Choose what kind of place it is: a cafe, library, park, "
                                             "children's centre, soft play, hall or another public place.")
    fields["kind"] = kind
    place = Place.objects.filter(id=place_id).first() if place_id else None
    if place is None:
        errors.setdefault("place_id", []).append("Pick the town or village the venue is in from the list.")
    fields["place"] = place
    if "name" not in errors:
        for field, message in home_address_problem(fields["name"], fields["address"]).items():
            errors.setdefault(field, []).append(message)
    return fields


def _check_organisation(member: Member, organisation_id: int | None):
    if organisation_id in (None, ""):
        return None
    refused = ValidationError({"organisation_id": ["You can only add venues for an organisation you're part of."]})
    if not str(organisation_id).isdigit():
        raise refused
    team = OrganisationMember.objects.filter(member=member, organisation_id=organisation_id).select_related(
        "organisation").first()
    if team is not None:
        return team.organisation
    # Staff add venues for any organisation: keep the one they named rather than dropping it.
    organisation = Organisation.objects.filter(id=organisation_id).first() if member.is_staff else None
    if organisation is None:
        raise refused
    return organisation


def _twin(member: Member, place: Place, name: str, *, exclude_id: int | None = None) -> Venue | None:
    """A venue already listed in the same town under the same name (spelt any way)."""
    return next((v for v in Venue.objects.visible_to(member).filter(place=place).exclude(id=exclude_id)
                 if normalise(v.name) == normalise(name)), None)


def _twin_error(twin: Venue, place: Place) -> list[str]:
    return [f"{twin.name} in {place.name} is already on Kettle: choose it from the list."]


@transaction.atomic
def do_create_venue(member: Member, *, name: str, place_id: int | None, kind: str = "cafe", address: str = "",
                    notes: str = "", organisation_id: int | None = None, **facilities: bool) -> Venue:
    """Add a public venue. A venue already listed under the same name in the same town is
    refused with a pointer to it, so the list stays free of duplicates."""
    errors: dict[str, list[str]] = {}
    unknown = set(facilities) - set(FACILITY_FIELDS)
    if unknown:
        raise TypeError(f"Unknown venue facilities: {', '.join(sorted(unknown))}")
    fields = _clean_venue(errors, name=name, kind=kind, address=address, place_id=place_id, notes=notes)
    organisation = _check_organisation(member, organisation_id)
    if not errors:
        twin = _twin(member, fields["place"], fields["name"])
        if twin is not None:
            errors["name"] = _twin_error(twin, fields["place"])
    if errors:
        raise ValidationError(errors)
    ratelimit.hit("venue", str(member.id), settings.VENUE_CREATE_RATE,
                  message="You've added a lot of venues today. Please try again tomorrow.")
    return Venue.objects.create(created_by=member, organisation=organisation,
                                **fields, **{f: bool(facilities.get(f, False)) for f in FACILITY_FIELDS})


def can_edit_venue(member: Member, venue: Venue) -> bool:
    if member.is_staff or venue.created_by_id == member.id:
        return True
    return venue.organisation_id is not None and OrganisationMember.objects.filter(
        member=member, organisation_id=venue.organisation_id, role="admin").exists()


@transaction.atomic
def do_update_venue(member: Member, venue_id: int, **changes) -> Venue:
    """Correct a venue: whoever added it, its organisation's admins, or staff."""
    venue = Venue.objects.visible_to(member).filter(id=venue_id).select_for_update().first()
    if venue is None:
        raise Http404("No such venue.")
    if not can_edit_venue(member, venue):
        raise PermissionDenied("Only whoever added this venue (or the site's staff) can change it.")
    errors: dict[str, list[str]] = {}
    current = {"name": venue.name, "kind": venue.kind, "address": venue.address, "place_id": venue.place_id,
               "notes": venue.notes}
    text = {key: changes.get(key, value) for key, value in current.items()}
    fields = _clean_venue(errors, **text)
    if not errors:  # a new name (or town) must not make it a twin of another listed venue
        twin = _twin(member, fields["place"], fields["name"], exclude_id=venue.id)
        if twin is not None:
            errors["name"] = _twin_error(twin, fields["place"])
    if errors:
        raise ValidationError(errors)
    for key, value in fields.items():
        setattr(venue, key, value)
    for field in FACILITY_FIELDS:
        if field in changes:
            setattr(venue, field, bool(changes[field]))
    venue.save()
    return venue


@transaction.atomic
def do_merge_venues(staff: Member, duplicate_id: int, keep_id: int) -> Venue:
    """Staff fold a duplicate into the venue that stays: its meetups move across."""
    if not staff.is_staff:
        raise PermissionDenied("Only the site's staff can merge venues.")
    if duplicate_id == keep_id:
        raise ValidationError({"keep_id": ["Choose a different venue to keep."]})
    venues = {v.id: v for v in Venue.objects.visible_to(staff).filter(id__in=[duplicate_id, keep_id])}
    if len(venues) != 2:
        raise Http404("No such venue.")
    duplicate, keep = venues[duplicate_id], venues[keep_id]
    Meetup.objects.filter(venue=duplicate).update(venue=keep)
    # Venues merged into the duplicate earlier now stand for the one that stays, so a meetup
    # started at any of them never lands on a merged venue.
    Venue.objects.filter(merged_into=duplicate).update(merged_into=keep)
    for field in FACILITY_FIELDS:  # what either knew about its facilities stays known
        setattr(keep, field, getattr(keep, field) or getattr(duplicate, field))
    keep.save()
    duplicate.merged_into = keep
    duplicate.save(update_fields=["merged_into"])
    return keep
