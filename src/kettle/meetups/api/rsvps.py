"""Going, maybe, can't go; who's going (for its hosts and the people going only); the waitlist
and requests, and the hosts' decisions on them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest
from ninja import Query, Router

from kettle.accounts.models import Member
from kettle.api.auth import optional_auth
from kettle.meetups import actions
from kettle.meetups.actions.meetups import managed_meetup
from kettle.meetups.api.common import visible_meetup
from kettle.meetups.api.inputs import AfterParams, DecisionIn, QueueParams, RsvpIn
from kettle.meetups.api.schemas import AttendeeOut, AttendeePageOut, DecisionOut, QueueEntryOut, QueuePageOut, RsvpOut
from kettle.meetups.models import Meetup, Rsvp
from kettle.meetups.queries import attendees_of, attendees_visible
from kettle.social.api.common import ObjectId, viewer_of
from kettle.social.schemas import AuthorOut

router = Router(tags=["meetup rsvps"])

EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)
# The queue: the waitlist by when each joined it, then requests by when each asked.
SECTIONS = (("w", Rsvp.Status.WAITLISTED, "waitlisted_at"), ("r", Rsvp.Status.REQUESTED, "updated_at"))


def _waitlist_position(rsvp: Rsvp) -> int | None:
    if rsvp.status != Rsvp.Status.WAITLISTED or rsvp.waitlisted_at is None:
        return None
    ahead = Rsvp.objects.filter(meetup_id=rsvp.meetup_id, status=Rsvp.Status.WAITLISTED).filter(
        Q(waitlisted_at__lt=rsvp.waitlisted_at) | Q(waitlisted_at=rsvp.waitlisted_at, id__lt=rsvp.id))
    return ahead.count() + 1


def _rsvp_out(rsvp: Rsvp) -> RsvpOut:
    counts = Meetup.objects.filter(id=rsvp.meetup_id).values("going_count", "waitlist_count", "capacity").get()
    places_left = None if counts["capacity"] is None else max(0, counts["capacity"] - counts["going_count"])
    return RsvpOut(meetup_id=rsvp.meetup_id, status=rsvp.status, first_timer=rsvp.first_timer,
                   waitlist_position=_waitlist_position(rsvp), going_count=counts["going_count"],
                   waitlist_count=counts["waitlist_count"], places_left=places_left)


@router.put("/meetups/{meetup_id}/rsvp", response=RsvpOut,
            summary="Answer going, maybe or can't go; when it's full, going joins the waitlist")
def rsvp(request: HttpRequest, meetup_id: ObjectId, data: RsvpIn):
    answer = actions.do_rsvp(request.member, meetup_id, data.status, first_timer=data.first_timer,
                             safety_read=data.safety_read, whole_course=data.whole_course)
    return _rsvp_out(answer)


@router.delete("/meetups/{meetup_id}/rsvp", response=RsvpOut, summary="Say you can't go after all (not_going)")
def unrsvp(request: HttpRequest, meetup_id: ObjectId):
    return _rsvp_out(actions.do_rsvp(request.member, meetup_id, Rsvp.Status.NOT_GOING))


@router.get("/meetups/{meetup_id}/attendees", response=AttendeePageOut, auth=optional_auth,
            summary="Who's going, in the order they answered: for the meetup's hosts and the people going only")
def attendees(request: HttpRequest, meetup_id: ObjectId, page: Query[AfterParams]):
    viewer = viewer_of(request)
    meetup = visible_meetup(viewer, meetup_id)
    if not attendees_visible(viewer, meetup):
        raise PermissionDenied("Only the hosts and the people going can see who's going.")
    going = attendees_of(viewer, meetup)
    if page.after is not None:
        going = going.filter(id__gt=page.after)
    rows = list(going[:page.limit + 1])
    items = rows[:page.limit]
    return AttendeePageOut(items=[AttendeeOut.of(r) for r in items],
                           next_after=items[-1].id if len(rows) > page.limit else None)


def _cursor(section: str, rsvp: Rsvp, field: str) -> str:
    return f"{section}.{(getattr(rsvp, field) - EPOCH) // MICROSECOND}.{rsvp.id}"


def _parse_cursor(after: str | None) -> tuple[int, datetime | None, int]:
    if not after:
        return 0, None, 0
    section, _, rest = after.partition(".")
    micros, _, rsvp_id = rest.partition(".")
    index = next((i for i, (key, _, _) in enumerate(SECTIONS) if key == section), None)
    if index is None or not micros.isdigit() or not rsvp_id.isdigit() or int(micros) > 10**17:
        raise ValidationError({"after": ["That page link is out of date. Start again from the first page."]})
    return index, EPOCH + int(micros) * MICROSECOND, int(rsvp_id)


@router.get("/meetups/{meetup_id}/waitlist", response=QueuePageOut,
            summary="The waitlist in order, then the people asking to come (the meetup's hosts)")
def waitlist(request: HttpRequest, meetup_id: ObjectId, page: Query[QueueParams]):
    meetup = managed_meetup(request.member, meetup_id)
    start, moment, last_id = _parse_cursor(page.after)
    items: list[QueueEntryOut] = []
    next_after = None
    for index, (section, status, field) in enumerate(SECTIONS):
        if index < start:
            continue
        queue = attendees_of(request.member, meetup, statuses=(status,)).order_by(field, "id")
        position = 1
        if index == start and moment is not None:
            seen = Q(**{f"{field}__lt": moment}) | Q(**{field: moment, "id__lte": last_id})
            if status == Rsvp.Status.WAITLISTED:
                position = queue.filter(seen).count() + 1
            queue = queue.exclude(seen)
        room = page.limit - len(items)
        rows = list(queue[:room + 1])
        for offset, row in enumerate(rows[:room]):
            items.append(QueueEntryOut(id=row.id, member=AuthorOut.of(row.member), status=status,
                                       position=position + offset if status == Rsvp.Status.WAITLISTED else None,
                                       first_timer=row.first_timer, since=getattr(row, field)))
        if len(rows) > room:
            last = rows[room - 1] if room else None
            next_after = _cursor(section, last, field) if last is not None else f"{section}.0.0"
            break
    return QueuePageOut(items=items, next_after=next_after)


@router.post("/meetups/{meetup_id}/people/{member_id}", response=DecisionOut,
             summary="Approve or decline someone asking to come, or take someone off the list (the meetup's hosts)")
def decide(request: HttpRequest, meetup_id: ObjectId, member_id: ObjectId, data: DecisionIn):
    answer = actions.do_decide_rsvp(request.member, meetup_id, member_id, data.decision)
    counts = Meetup.objects.filter(id=meetup_id).values("going_count", "waitlist_count").get()
    person = Member.objects.with_profile().get(id=answer.member_id)
    return DecisionOut(member=AuthorOut.of(person), status=answer.status, **counts)
