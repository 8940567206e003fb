"""Venues: the public places meetups happen at. Anyone may look; members add them (never a
home), whoever added one corrects it, and staff merge duplicates."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Query, Router, Status

from kettle.api.auth import optional_auth
from kettle.core.pagination import keyset_page
from kettle.groups.api.common import renamed
from kettle.meetups import actions
from kettle.meetups.actions.venues import can_edit_venue
from kettle.meetups.api.common import meetup_outs
from kettle.meetups.api.inputs import MergeIn, VenueIn, VenueListQuery, VenuePatch
from kettle.meetups.api.schemas import VenueDetailOut, VenueOut, VenuePageOut
from kettle.meetups.finding import MeetupCard
from kettle.meetups.models import Meetup, Venue
from kettle.social.api.common import ObjectId, viewer_of

router = Router(tags=["venues"])

UPCOMING = 20
CLEARABLE = {"address": "", "notes": ""}


def _venues(viewer):
    return Venue.objects.visible_to(viewer).select_related("place", "organisation")


def _detail(viewer, venue_id: int) -> VenueDetailOut:
    venue = _venues(viewer).filter(id=venue_id).first()
    if venue is None:
        raise Http404("No such venue.")
    rows = (Meetup.objects.visible_to(viewer).upcoming().filter(venue=venue).for_display()
            .order_by("starts_at", "id")[:UPCOMING])
    cards = [MeetupCard(meetup) for meetup in rows]
    return VenueDetailOut(**VenueOut.of(venue).model_dump(), can_edit=viewer is not None and can_edit_venue(
        viewer, venue), upcoming=meetup_outs(cards, viewer))


@router.get("/venues", response=VenuePageOut, auth=optional_auth,
            summary="Public venues, newest first; ?q= finds them by name, ?place= in one town")
def list_venues(request: HttpRequest, query: Query[VenueListQuery]):
    venues = _venues(viewer_of(request))
    words = (query.q or "").replace("\x00", "")  # PostgreSQL refuses NUL
    if words:
        venues = venues.filter(name__icontains=words)
    if query.place is not None:
        venues = venues.filter(place_id=query.place)
    found = keyset_page(venues, before=query.before, limit=query.limit)
    return VenuePageOut(items=[VenueOut.of(v) for v in found.items], next_before=found.next_before)


@router.post("/venues", response={201: VenueDetailOut},
             summary="Add a public venue (a cafe, library, park, children's centre, soft play or hall; never a home)")
def create_venue(request: HttpRequest, data: VenueIn):
    fields = {name: value for name, value in data.model_dump().items() if value is not None}
    venue = actions.do_create_venue(request.member, **fields)
    return Status(201, _detail(request.member, venue.id))


@router.get("/venues/{venue_id}", response=VenueDetailOut, auth=optional_auth,
            summary="A venue and the upcoming meetups there that you may see")
def get_venue(request: HttpRequest, venue_id: ObjectId):
    return _detail(viewer_of(request), venue_id)


@router.patch("/venues/{venue_id}", response=VenueDetailOut,
              summary="Correct a venue (whoever added it, its organisation's admins, or staff)")
def update_venue(request: HttpRequest, venue_id: ObjectId, data: VenuePatch):
    changes = {}
    for name, value in data.model_dump(exclude_unset=True).items():
        if value is None and name not in CLEARABLE:
            continue
        changes[name] = CLEARABLE[name] if value is None else value
    actions.do_update_venue(request.member, venue_id, **changes)
    return _detail(request.member, venue_id)


@router.post("/venues/{venue_id}/merge", response=VenueDetailOut,
             summary="Fold a duplicate venue into another (staff): its meetups move across")
def merge_venue(request: HttpRequest, venue_id: ObjectId, data: MergeIn):
    try:
        keep = actions.do_merge_venues(request.member, venue_id, data.into)
    except ValidationError as error:
        raise renamed(error, {"keep_id": "into"}) from None
    return _detail(request.member, keep.id)
