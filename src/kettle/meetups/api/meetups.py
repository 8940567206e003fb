"""Meetups: finding them (near you, this week or later, by day, age and kind), starting one or
a course, reading one, changing and cancelling it, and the ones that are yours."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Query, Router, Status

from kettle.api.auth import optional_auth
from kettle.meetups import actions
from kettle.meetups.api.common import home_place, meetup_detail, meetup_outs
from kettle.meetups.api.inputs import CancelIn, MeetupIn, MeetupPatch, MeetupQuery, MineQuery
from kettle.meetups.api.schemas import MeetupDetailOut, MeetupPageOut
from kettle.meetups.finding import FilterError, find_meetups, my_meetups, parse_filters
from kettle.social.api.common import ObjectId, viewer_of

router = Router(tags=["meetups"])

# Sent as null in a PATCH, these clear; any other null leaves the field as it is.
CLEARABLE = {"description": "", "cost": "", "accessibility": "", "capacity": None, "age_from_months": None,
             "age_to_months": None}


def _near(viewer, near: str | None):
    if near in (None, ""):
        return home_place(viewer)
    if near == "none":
        return None
    if near != "me":
        raise ValidationError({"near": ["Choose me (around your place) or none (everywhere)."]})
    place = home_place(viewer)
    if place is None:
        raise ValidationError({"near": ["Set your town or village on your profile to see meetups near you, or "
                                        "choose none."]})
    return place


@router.get("/meetups", response=MeetupPageOut, auth=optional_auth,
            summary="Upcoming meetups you may see: near your place by distance band, then by time")
def list_meetups(request: HttpRequest, query: Query[MeetupQuery]):
    viewer = viewer_of(request)
    try:
        filters = parse_filters(when=query.when or "", day=query.day or "", age=query.age or "",
                                kind=query.kind or "", q=(query.q or "").replace("\x00", ""))
        page = find_meetups(viewer, filters, near=_near(viewer, query.near), after=query.after or None)
    except FilterError as error:
        raise ValidationError({error.field: [str(error)]}) from None
    return MeetupPageOut(items=meetup_outs(page.cards, viewer), next_after=page.next_after)


@router.post("/meetups", response={201: MeetupDetailOut},
             summary="Start a meetup at a public venue, or a weekly or fortnightly course (returns its first session)")
def create_meetup(request: HttpRequest, data: MeetupIn):
    meetup = actions.do_create_meetup(request.member, **data.model_dump())
    return Status(201, meetup_detail(request.member, meetup.id))


@router.get("/meetups/mine", response=MeetupPageOut,
            summary="What you're hosting, going to, waiting for or thinking about (?past=true: the ones over)")
def mine(request: HttpRequest, query: Query[MineQuery]):
    cards = my_meetups(request.member, past=query.past)
    return MeetupPageOut(items=meetup_outs(cards, request.member), next_after=None)


@router.get("/meetups/{meetup_id}", response=MeetupDetailOut, auth=optional_auth,
            summary="One meetup; who's going only for its hosts and the people going")
def get_meetup(request: HttpRequest, meetup_id: ObjectId):
    return meetup_detail(viewer_of(request), meetup_id)


@router.patch("/meetups/{meetup_id}", response=MeetupDetailOut,
              summary="Change a meetup (its hosts); whole_series applies the details to every upcoming session")
def update_meetup(request: HttpRequest, meetup_id: ObjectId, data: MeetupPatch):
    sent = data.model_dump(exclude_unset=True)
    whole_series = sent.pop("whole_series", False)
    changes = {}
    for name, value in sent.items():
        if value is None and name not in CLEARABLE:
            continue
        changes[name] = CLEARABLE[name] if value is None else value
    actions.do_update_meetup(request.member, meetup_id, whole_series=whole_series, **changes)
    return meetup_detail(request.member, meetup_id)


@router.post("/meetups/{meetup_id}/cancel", response=MeetupDetailOut,
             summary="Cancel a meetup (or every upcoming session of its course); everyone who answered is told")
def cancel_meetup(request: HttpRequest, meetup_id: ObjectId, data: CancelIn):
    actions.do_cancel_meetup(request.member, meetup_id, reason=data.reason, whole_series=data.whole_series)
    return meetup_detail(request.member, meetup_id)
