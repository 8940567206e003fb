"""What the meetups API accepts. Bodies refuse unknown fields (StrictIn); the actions check
values (times, places, ages, homes), so a bad value is a 400 naming its field."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from ninja import Schema
from pydantic import AfterValidator, BeforeValidator, Field, StrictBool, StrictInt, StringConstraints
from pydantic_core import PydanticCustomError

from kettle.api.schemas import StrictIn, Text
from kettle.meetups.actions.talk import COMMENT_MAX, MESSAGE_MAX
from kettle.meetups.api.schemas import Kind, VenueKind
from kettle.meetups.models.meetups import ACCESSIBILITY_MAX, CANCEL_REASON_MAX, COST_MAX, DESCRIPTION_MAX, TITLE_MAX
from kettle.meetups.models.venues import ADDRESS_MAX, VENUE_NAME_MAX, VENUE_NOTES_MAX

DbId = Annotated[StrictInt, Field(ge=1, le=2**63 - 1)]
Filter = Annotated[str, StringConstraints(strip_whitespace=True, max_length=40)]


def _date_and_time(value):
    """A date and time as text, never a bare number or a day on its own."""
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str) or "T" not in value.upper():
        raise PydanticCustomError("datetime_text", "Give a date and time, e.g. 2026-03-14T10:00 (the venue's local "
                                                   "time) or 2026-03-14T10:00:00+00:00.")
    return value


def _sane_year(value: datetime) -> datetime:
    # Far-off years overflow when moved to UTC; the actions say what times are allowed.
    if not 1900 <= value.year <= 2999:
        raise PydanticCustomError("datetime_range", "Choose a time from now up to a year ahead.")
    return value


LocalTime = Annotated[datetime, BeforeValidator(_date_and_time), AfterValidator(_sane_year),
                      Field(description="Without an offset it is the venue's local time.")]


class MeetupQuery(Schema):
    when: Filter | None = Field(None, description="week (the next seven days, the default) or later.")
    day: Filter | None = Field(None, description="One day: a date (2026-03-14) or a weekday (mon ... sun).")
    age: Filter | None = Field(None, description="A children's age band (0-6m, 6-12m, 1-2y, 2-3y, 3-5y), or mine "
                                                 "for your own children's ages.")
    kind: Filter | None = Field(None, description="playdate, coffee, class or event.")
    q: Annotated[str, StringConstraints(max_length=200)] | None = Field(None, description="Words to find.")
    near: Filter | None = Field(None, description="me (around your place; the default when you have one) or none "
                                                  "(everywhere, by time).")
    after: Filter | None = Field(None, description="The next_after of the page before.")


class MineQuery(Schema):
    past: bool = Field(False, description="The ones already over, most recent first.")


class AfterParams(Schema):
    after: int | None = Field(None, ge=1, le=2**63 - 1, description="The next_after of the page before.")
    limit: int = Field(40, ge=1, le=40)


class QueueParams(Schema):
    after: Filter | None = Field(None, description="The next_after of the page before.")
    limit: int = Field(40, ge=1, le=40)


class _MeetupFields(StrictIn):
    description: Text | None = Field(None, max_length=DESCRIPTION_MAX, description="Markdown.")
    kind: Kind | None = None
    capacity: StrictInt | None = Field(None, description="How many places (1 to 1,000); null for no limit.")
    cost: Text | None = Field(None, max_length=COST_MAX, description='In words: "Free", "£6 a session".')
    accessibility: Text | None = Field(None, max_length=ACCESSIBILITY_MAX)
    age_from_months: StrictInt | None = Field(None, description="The youngest children's age, in months (0-72).")
    age_to_months: StrictInt | None = Field(None, description="The oldest children's age, in months (0-72).")
    requires_approval: StrictBool | None = Field(None, description="You approve each person going.")


class MeetupIn(_MeetupFields):
    title: Text = Field(..., max_length=TITLE_MAX)
    venue_id: DbId = Field(..., description="A public venue: an id from GET /venues (or POST /venues).")
    starts_at: LocalTime
    ends_at: LocalTime
    kind: Kind = "playdate"
    audience: Literal["public", "followers"] = Field("public", description="Leave out with group_id.")
    group_id: DbId | None = Field(None, description="Only for the members of this group (you must take part in it).")
    organisation_id: DbId | None = Field(None, description="Run it for an organisation you're part of (classes must "
                                                           "be).")
    requires_approval: StrictBool = False
    repeat_every_weeks: Literal[0, 1, 2] = Field(0, description="A course: 1 weekly, 2 fortnightly, 0 a one-off.")
    sessions: StrictInt = Field(1, description="How many sessions a course has (2 to 26).")


class MeetupPatch(_MeetupFields):
    """Only what is sent changes; null clears description, cost, accessibility, capacity and ages."""

    title: Text | None = Field(None, max_length=TITLE_MAX)
    venue_id: DbId | None = None
    starts_at: LocalTime | None = Field(None, description="Moves this session only, even with whole_series.")
    ends_at: LocalTime | None = None
    whole_series: StrictBool = Field(False, description="Apply the details to every upcoming session of the course.")


class CancelIn(StrictIn):
    reason: Text = Field("", max_length=CANCEL_REASON_MAX, description="Told to everyone who answered.")
    whole_series: StrictBool = Field(False, description="Cancel every upcoming session of the course.")


class RsvpIn(StrictIn):
    status: Literal["going", "maybe", "not_going"]
    first_timer: StrictBool = Field(False, description="It's my first meetup: I'd love someone to say hi.")
    safety_read: StrictBool = Field(False, description="You've read the meet-in-public guidance (needed once).")
    whole_course: StrictBool = Field(False, description="Answer for every upcoming session of the course.")


class DecisionIn(StrictIn):
    decision: Literal["approve", "decline", "remove"]


class CommentIn(StrictIn):
    body: Text = Field(..., max_length=COMMENT_MAX)


class MessageIn(StrictIn):
    body: Text = Field(..., max_length=MESSAGE_MAX)


class VenueListQuery(Schema):
    q: Annotated[str, StringConstraints(strip_whitespace=True, max_length=120)] | None = Field(
        None, description="Find venues by name.")
    place: int | None = Field(None, ge=1, le=2**63 - 1, description="Only venues in this place (an id from "
                                                                    "GET /places).")
    before: int | None = Field(None, ge=1, le=2**63 - 1, description="Show venues older than this id.")
    limit: int = Field(20, ge=1, le=40)


class _VenueFields(StrictIn):
    address: Text | None = Field(None, max_length=ADDRESS_MAX, description="The venue's public street address.")
    notes: Text | None = Field(None, max_length=VENUE_NOTES_MAX, description='e.g. "Buggy park by the door".')
    pram_access: StrictBool | None = None
    baby_changing: StrictBool | None = None
    breastfeeding_friendly: StrictBool | None = None
    step_free: StrictBool | None = None
    parking: StrictBool | None = None


class VenueIn(_VenueFields):
    name: Text = Field(..., max_length=VENUE_NAME_MAX, description='A public place\'s own name, e.g. "Ipswich '
                                                                   'Library"; never a home.')
    place_id: DbId = Field(..., description="The town or village it is in: an id from GET /places.")
    kind: VenueKind = "cafe"
    organisation_id: DbId | None = Field(None, description="An organisation you're part of, if it is theirs.")


class VenuePatch(_VenueFields):
    name: Text | None = Field(None, max_length=VENUE_NAME_MAX)
    place_id: DbId | None = None
    kind: VenueKind | None = None


class MergeIn(StrictIn):
    into: DbId = Field(..., description="The venue that stays; this one's meetups move to it.")
