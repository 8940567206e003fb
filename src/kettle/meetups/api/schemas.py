"""What the meetups API answers with. Outputs are built explicitly from what the queries
return, never by serialising a model. Times come twice: in the venue's local time (with its
UTC offset), which is what people read, and in UTC, which is what machines compare."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.urls import reverse
from ninja import Schema
from pydantic import Field

from kettle.groups.api.schemas import OrganisationRefOut
from kettle.meetups.models import HostMessage, Meetup, MeetupComment, Rsvp, Venue
from kettle.meetups.models.venues import FACILITIES
from kettle.social.schemas import AuthorOut, GroupRefOut

Kind = Literal["playdate", "coffee", "class", "event"]
Audience = Literal["public", "followers", "group"]
RsvpStatus = Literal["going", "maybe", "not_going", "waitlisted", "requested"]
VenueKind = Literal["cafe", "library", "park", "childrens_centre", "soft_play", "church_hall", "community_centre",
                    "other"]


# --- venues --------------------------------------------------------------------------------

class VenueRefOut(Schema):
    id: int
    url: str
    name: str
    kind: VenueKind
    address: str = Field(description="The venue's public street address; never a home.")
    place: str = Field(description="The town or village it is in: its name only.")
    facilities: list[str] = Field(description='In words, e.g. "Pram access", "Baby changing".')

    @staticmethod
    def fields_of(venue: Venue) -> dict:
        return {"id": venue.id, "url": reverse("meetups:venue", kwargs={"venue_id": venue.id}), "name": venue.name,
                "kind": venue.kind, "address": venue.address, "place": venue.place.name,
                "facilities": venue.facilities}

    @staticmethod
    def of(venue: Venue) -> VenueRefOut:
        return VenueRefOut(**VenueRefOut.fields_of(venue))


class VenueOut(VenueRefOut):
    place_id: int
    time_zone: str
    notes: str
    pram_access: bool
    baby_changing: bool
    breastfeeding_friendly: bool
    step_free: bool
    parking: bool
    organisation: OrganisationRefOut | None

    @staticmethod
    def of(venue: Venue) -> VenueOut:
        flags = {field: getattr(venue, field) for field, _ in FACILITIES}
        return VenueOut(**VenueRefOut.fields_of(venue), **flags, place_id=venue.place_id,
                        time_zone=venue.timezone_name, notes=venue.notes,
                        organisation=OrganisationRefOut.of(venue.organisation) if venue.organisation_id else None)


class VenuePageOut(Schema):
    items: list[VenueOut]
    next_before: int | None = Field(None, description="Pass as ?before= to get the next page; null at the end.")


# --- meetups -------------------------------------------------------------------------------

class SeriesOut(Schema):
    every_weeks: int = Field(description="1 for weekly, 2 for fortnightly.")
    sessions: int
    session_number: int | None


class MyRsvpOut(Schema):
    status: RsvpStatus
    first_timer: bool


class MeetupOut(Schema):
    id: int
    url: str
    ics_url: str
    title: str
    kind: Kind
    starts_at: datetime = Field(description="Local time at the venue, with its UTC offset.")
    ends_at: datetime = Field(description="Local time at the venue, with its UTC offset.")
    starts_at_utc: datetime
    ends_at_utc: datetime
    time_zone: str = Field(description='The venue\'s time zone, e.g. "Europe/London".')
    venue: VenueRefOut
    host: AuthorOut
    organisation: OrganisationRefOut | None = Field(description="The organisation running it (classes).")
    group: GroupRefOut | None
    audience: Audience
    age_from_months: int | None
    age_to_months: int | None
    age_range: str = Field(description='The children\'s ages in words, e.g. "0-6 months", "All ages".')
    capacity: int | None = Field(description="Null for no limit.")
    places_left: int | None
    going_count: int
    waitlist_count: int
    cost: str
    accessibility: str
    requires_approval: bool = Field(description="The host approves each person going.")
    series: SeriesOut | None = Field(description="Set for a session of a weekly or fortnightly course.")
    moved_from: datetime | None = Field(description="A session's first planned start (local time), once moved.")
    cancelled: bool
    cancel_reason: str
    distance: str | None = Field(description='How far from your place, in bands: "same town", "under 5 km", '
                                             '"5-15 km", "15-30 km", "over 30 km"; null without a place.')
    my_rsvp: MyRsvpOut | None = Field(description="Your answer; null if you haven't answered.")

    @staticmethod
    def fields_of(meetup: Meetup, *, distance: str | None, rsvp: Rsvp | None) -> dict:
        tz = meetup.tz
        series = (SeriesOut(every_weeks=meetup.series.every_weeks, sessions=meetup.series.sessions,
                            session_number=meetup.session_number) if meetup.series_id else None)
        return {
            "id": meetup.id, "url": meetup.url, "ics_url": meetup.ics_url, "title": meetup.title,
            "kind": meetup.kind, "starts_at": meetup.starts_at.astimezone(tz), "ends_at": meetup.ends_at.astimezone(tz),
            "starts_at_utc": meetup.starts_at, "ends_at_utc": meetup.ends_at, "time_zone": meetup.venue.timezone_name,
            "venue": VenueRefOut.of(meetup.venue), "host": AuthorOut.of(meetup.host),
            "organisation": OrganisationRefOut.of(meetup.organisation) if meetup.organisation_id else None,
            "group": GroupRefOut.of(meetup.group) if meetup.group_id else None, "audience": meetup.audience,
            "age_from_months": meetup.age_from_months, "age_to_months": meetup.age_to_months,
            "age_range": meetup.age_range, "capacity": meetup.capacity, "places_left": meetup.places_left,
            "going_count": meetup.going_count, "waitlist_count": meetup.waitlist_count, "cost": meetup.cost,
            "accessibility": meetup.accessibility, "requires_approval": meetup.requires_approval, "series": series,
            "moved_from": meetup.moved_from.astimezone(tz) if meetup.moved_from else None,
            "cancelled": meetup.is_cancelled, "cancel_reason": meetup.cancel_reason, "distance": distance,
            "my_rsvp": MyRsvpOut(status=rsvp.status, first_timer=rsvp.first_timer) if rsvp is not None else None,
        }


class MeetupPageOut(Schema):
    items: list[MeetupOut]
    next_after: str | None = Field(None, description="Pass as ?after= (with the same filters) for the next page; "
                                                     "null at the end.")


class AttendeeOut(Schema):
    id: int = Field(description="The RSVP's id (use it as ?after=).")
    member: AuthorOut
    first_timer: bool = Field(description="It's their first meetup: they'd love someone to say hi.")
    since: datetime

    @staticmethod
    def of(rsvp: Rsvp) -> AttendeeOut:
        return AttendeeOut(id=rsvp.id, member=AuthorOut.of(rsvp.member), first_timer=rsvp.first_timer,
                           since=rsvp.updated_at)


class AttendeePageOut(Schema):
    items: list[AttendeeOut]
    next_after: int | None = Field(None, description="Pass as ?after= for the next page; null at the end.")


class MeetupDetailOut(MeetupOut):
    description: str | None = Field(description="The markdown source, for those who run the meetup only.")
    description_html: str
    comment_count: int
    can_manage: bool = Field(description="You may change or cancel it, approve people and message them.")
    attendees_visible: bool = Field(description="You may see who's going (its hosts and the people going).")
    attendees: list[AttendeeOut] | None = Field(
        description="The first people going, in the order they answered; null unless attendees_visible. "
                    "GET .../attendees has them all.")
    safety_guidance: str | None = Field(description="Meet-in-public guidance to show before your first RSVP; "
                                                    "send safety_read: true with it.")


class RsvpOut(Schema):
    meetup_id: int
    status: RsvpStatus
    first_timer: bool
    waitlist_position: int | None = Field(description="Your place in the queue (1 is next), while waitlisted.")
    going_count: int
    waitlist_count: int
    places_left: int | None


class QueueEntryOut(Schema):
    id: int = Field(description="The RSVP's id.")
    member: AuthorOut
    status: Literal["waitlisted", "requested"]
    position: int | None = Field(description="Place in the waitlist (1 is next); null for a request.")
    first_timer: bool
    since: datetime


class QueuePageOut(Schema):
    items: list[QueueEntryOut] = Field(description="The waitlist in order, then those asking the host, earliest "
                                                   "first.")
    next_after: str | None = None


class DecisionOut(Schema):
    member: AuthorOut
    status: RsvpStatus
    going_count: int
    waitlist_count: int


class VenueDetailOut(VenueOut):
    can_edit: bool = Field(description="You may correct it (whoever added it, its organisation's admins, staff).")
    upcoming: list[MeetupOut] = Field(description="The next meetups here that you may see, soonest first.")


# --- talk ----------------------------------------------------------------------------------

class MeetupCommentOut(Schema):
    id: int
    meetup_id: int
    author: AuthorOut
    body: str | None = Field(description="The source, for its author only.")
    body_html: str
    created_at: datetime
    can_delete: bool

    @staticmethod
    def of(comment: MeetupComment, viewer, *, manager: bool) -> MeetupCommentOut:
        mine = viewer is not None and viewer.id == comment.author_id
        return MeetupCommentOut(id=comment.id, meetup_id=comment.meetup_id, author=AuthorOut.of(comment.author),
                                body=comment.body if mine else None, body_html=comment.body_html,
                                created_at=comment.created_at, can_delete=mine or manager)


class MeetupCommentPageOut(Schema):
    items: list[MeetupCommentOut]
    next_before: int | None = None


class HostMessageOut(Schema):
    id: int
    meetup_id: int
    author: AuthorOut
    body_html: str
    created_at: datetime

    @staticmethod
    def of(message: HostMessage) -> HostMessageOut:
        return HostMessageOut(id=message.id, meetup_id=message.meetup_id, author=AuthorOut.of(message.author),
                              body_html=message.body_html, created_at=message.created_at)


class HostMessagePageOut(Schema):
    items: list[HostMessageOut]
    next_before: int | None = None


# --- calendar ------------------------------------------------------------------------------

class CalendarOut(Schema):
    url: str | None = Field(description="Your secret calendar address (subscribe to it in a calendar app); null "
                                        "when turned off. Anyone with it can read your meetups: keep it private.")
    created_at: datetime | None
    last_fetched_at: datetime | None
