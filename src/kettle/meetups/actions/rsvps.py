"""Going, maybe, can't go; the waitlist; the host's approval. The only way RSVPs are written.

Every change locks the meetup's row first, so places are counted one person at a time: with
ten places and a hundred people pressing "going" at once, ten go and ninety wait, in order."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from kettle.accounts.models import Member
from kettle.groups.access import require_participant
from kettle.meetups.models import Meetup, Rsvp, SafetyNote
from kettle.meetups.queries import can_manage
from kettle.notifications.models import Notification
from kettle.notifications.tasks import notify

ANSWERS = (Rsvp.Status.GOING, Rsvp.Status.MAYBE, Rsvp.Status.NOT_GOING)
SAFETY_GUIDANCE = (
    "Before your first meetup: meet in the public place on the listing, never at someone's home. "
    "Tell someone you trust where you're going. Keep your own way home, and leave whenever you like. "
    "If anything feels wrong, tell the host or report it: we're here to help."
)


def _visible_meetup(member: Member, meetup_id: int) -> Meetup:
    meetup = Meetup.objects.visible_to(member).filter(id=meetup_id).select_related("group", "series").first()
    if meetup is None:
        raise Http404("No such meetup.")
    return meetup


def needs_safety_guidance(member: Member | None) -> bool:
    return member is not None and not SafetyNote.objects.filter(member=member).exists()


def _recount(meetup: Meetup) -> None:
    counts = dict.fromkeys((Rsvp.Status.GOING, Rsvp.Status.WAITLISTED), 0)
    for status in Rsvp.objects.filter(meetup=meetup, status__in=counts).values_list("status", flat=True):
        counts[status] += 1
    meetup.going_count, meetup.waitlist_count = counts[Rsvp.Status.GOING], counts[Rsvp.Status.WAITLISTED]
    Meetup.objects.filter(id=meetup.id).update(going_count=meetup.going_count,
                                               waitlist_count=meetup.waitlist_count)


def fill_places(meetup: Meetup) -> list[int]:
    """Promote the first in line while there are places; tell each of them. The meetup's row
    must be locked by the caller. Returns who was promoted."""
    _recount(meetup)
    if meetup.is_cancelled or meetup.has_started:
        return []
    free = None if meetup.capacity is None else meetup.capacity - meetup.going_count
    if free is not None and free <= 0:
        return []
    queue = Rsvp.objects.filter(meetup=meetup, status=Rsvp.Status.WAITLISTED).order_by(
        "waitlisted_at", "id").values_list("id", "member_id")
    promoted = list(queue[:free] if free is not None else queue)
    if promoted:
        Rsvp.objects.filter(id__in=[rsvp_id for rsvp_id, _ in promoted]).update(
            status=Rsvp.Status.GOING, waitlisted_at=None, updated_at=timezone.now())
        for _, member_id in promoted:
            notify(member_id, None, Notification.Kind.MEETUP_PROMOTED, meetup_id=meetup.id, renew=True)
        _recount(meetup)
    return [member_id for _, member_id in promoted]


def _answer(member: Member, meetup: Meetup, status: str, first_timer: bool) -> Rsvp:
    """One session: lock it, decide where the member stands, keep the counts exact."""
    meetup = Meetup.objects.select_for_update().get(id=meetup.id)
    if meetup.is_cancelled:
        raise ValidationError({"status": ["This meetup was cancelled."]})
    if meetup.has_started:
        raise ValidationError({"status": ["This meetup has already started."]})
    rsvp = Rsvp.objects.filter(meetup=meetup, member=member).first()
    before = rsvp.status if rsvp else None
    now = timezone.now()
    new = status
    if status == Rsvp.Status.GOING:
        asked = before == Rsvp.Status.REQUESTED and meetup.requires_approval
        if before in (Rsvp.Status.GOING, Rsvp.Status.WAITLISTED) or asked:
            new = before  # already in, in line or asked: keep their place
        elif meetup.requires_approval and not can_manage(member, meetup):
            new = Rsvp.Status.REQUESTED
        elif meetup.is_full:
            new = Rsvp.Status.WAITLISTED
    if rsvp is None:
        rsvp = Rsvp(meetup=meetup, member=member, created_at=now)
    if new != before:
        rsvp.waitlisted_at = now if new == Rsvp.Status.WAITLISTED else None
    rsvp.status, rsvp.updated_at = new, now
    rsvp.first_timer = bool(first_timer) if new != Rsvp.Status.NOT_GOING else False
    rsvp.save()
    if new == Rsvp.Status.REQUESTED and before != Rsvp.Status.REQUESTED:
        notify(meetup.host_id, member.id, Notification.Kind.MEETUP_REQUEST, meetup_id=meetup.id, renew=True)
    if before == Rsvp.Status.GOING and new != Rsvp.Status.GOING:
        fill_places(meetup)
    else:
        _recount(meetup)
    return rsvp


@transaction.atomic
def do_rsvp(member: Member, meetup_id: int, status: str, *, first_timer: bool = False,
            safety_read: bool = False, whole_course: bool = False) -> Rsvp:
    """Answer going, maybe or can't go, for one session or (whole_course) every upcoming session
    of its course. Past capacity "going" joins the waitlist; with host approval it asks. The
    first answer ever waits until the member has read the meet-in-public guidance."""
    if status not in ANSWERS:
        raise ValidationError({"status": ["Answer going, maybe or can't go."]})
    meetup = _visible_meetup(member, meetup_id)
    if meetup.host_id == member.id:
        raise ValidationError({"status": ["You're hosting this one, so you're going already."]})
    if meetup.group_id:
        require_participant(member, meetup.group)
    if status != Rsvp.Status.NOT_GOING and needs_safety_guidance(member):
        if not safety_read:
            raise ValidationError({"safety_read": [SAFETY_GUIDANCE + " Tick the box to say you've read this."]})
        SafetyNote.objects.get_or_create(member=member)
    sessions = [meetup]
    if whole_course and meetup.series_id:
        rest = Meetup.objects.visible_to(member).filter(
            series_id=meetup.series_id, cancelled_at=None, starts_at__gt=timezone.now()).exclude(id=meetup.id)
        if status == Rsvp.Status.NOT_GOING:  # "can't go" to the course: only where they had answered
            rest = rest.filter(rsvps__member=member)
        sessions += list(rest.order_by("starts_at"))
    # Sessions are locked in time order, whichever one was pressed, so two members booking
    # the same course at once wait for each other rather than deadlock (PostgreSQL).
    answers = {session.id: _answer(member, session, status, first_timer)
               for session in sorted(sessions, key=lambda s: (s.starts_at, s.id))}
    return answers[meetup.id]


@transaction.atomic
def do_decide_rsvp(actor: Member, meetup_id: int, member_id: int, decision: str) -> Rsvp:
    """A host approves or declines someone who asked to come, or takes someone off the list.
    Approved people go if there's a place and join the waitlist if not."""
    from kettle.meetups.actions.meetups import managed_meetup

    if decision not in ("approve", "decline", "remove"):
        raise ValidationError({"decision": ["Choose approve, decline or remove."]})
    meetup = managed_meetup(actor, meetup_id, lock=True)
    rsvp = Rsvp.objects.filter(meetup=meetup, member_id=member_id).exclude(status=Rsvp.Status.NOT_GOING).first()
    if rsvp is None:
        raise Http404("That person hasn't answered this meetup.")
    before, now = rsvp.status, timezone.now()
    if decision == "approve":
        if before != Rsvp.Status.REQUESTED:
            raise ValidationError({"decision": ["Only people who asked to come can be approved."]})
        if meetup.is_cancelled or meetup.has_started:  # "you're going" would be untrue
            raise ValidationError({"decision": ["This meetup was cancelled or has started, so nobody new can join."]})
        _recount(meetup)
        rsvp.status = Rsvp.Status.WAITLISTED if meetup.is_full else Rsvp.Status.GOING
        rsvp.waitlisted_at = now if rsvp.status == Rsvp.Status.WAITLISTED else None
        notify(rsvp.member_id, actor.id, Notification.Kind.MEETUP_APPROVED, meetup_id=meetup.id, renew=True,
               detail="It's full just now, so you're on the waitlist." if meetup.is_full else "You're going.")
    else:
        rsvp.status, rsvp.waitlisted_at = Rsvp.Status.NOT_GOING, None
    rsvp.updated_at = now
    rsvp.save()
    if before == Rsvp.Status.GOING:
        fill_places(meetup)
    else:
        _recount(meetup)
    return rsvp
