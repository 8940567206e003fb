"""Your calendar feed: one secret address for everything you're going to. Making a new one
turns the old one off; revoking turns it off (calendars using it get a 404)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from kettle.meetups import actions
from kettle.meetups.actions.calendar import live_feed
from kettle.meetups.api.schemas import CalendarOut
from kettle.meetups.models import CalendarFeed

router = Router(tags=["calendar"])


def _out(request: HttpRequest, feed: CalendarFeed | None) -> CalendarOut:
    if feed is None:
        return CalendarOut(url=None, created_at=None, last_fetched_at=None)
    return CalendarOut(url=request.build_absolute_uri(feed.url), created_at=feed.created_at,
                       last_fetched_at=feed.last_fetched_at)


@router.get("/me/calendar", response=CalendarOut, summary="Your calendar feed's secret address, or null")
def get_calendar(request: HttpRequest):
    return _out(request, live_feed(request.member))


@router.post("/me/calendar", response={201: CalendarOut},
             summary="A new secret calendar address; any older one stops working at once")
def new_calendar(request: HttpRequest):
    return Status(201, _out(request, actions.do_create_calendar_feed(request.member)))


@router.delete("/me/calendar", response={204: None}, summary="Turn your calendar address off")
def revoke_calendar(request: HttpRequest):
    actions.do_revoke_calendar_feed(request.member)
    return Status(204, None)
