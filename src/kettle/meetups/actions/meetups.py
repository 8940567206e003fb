"""Starting, changing and cancelling meetups and courses. The only way they are written."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from kettle.accounts.models import Member
from kettle.core import ratelimit
from kettle.groups.access import require_participant, visible_group
from kettle.groups.actions.common import clean_text
from kettle.groups.models import OrganisationMember
from kettle.meetups.actions.fields import DETAIL_FIELDS, clean_details, raise_if
from kettle.meetups.models import Meetup, Rsvp, Series
from kettle.meetups.models.meetups import CANCEL_REASON_MAX, MAX_SESSIONS
from kettle.meetups.queries import can_manage
from kettle.meetups.schedule import session_times, time_problems, to_utc
from kettle.meetups.tasks import queue_change_notice, schedule_reminders
from kettle.notifications.models import Notification
from kettle.notifications.tasks import notify_many

TOLD_OF_CHANGES = (Rsvp.Status.GOING, Rsvp.Status.MAYBE, Rsvp.Status.WAITLISTED, Rsvp.Status.REQUESTED)


def _organisation_for(host: Member, organisation_id: int | None, kind: str, errors: dict):
    if organisation_id in (None, ""):
        if kind == Meetup.Kind.CLASS:
            errors.setdefault("organisation_id", []).append(
                "Classes are run by an organisation. Choose yours, or make this a playdate or event.")
        return None
    team = (OrganisationMember.objects.filter(member=host, organisation_id=organisation_id).select_related(
        "organisation").first() if str(organisation_id).isdigit() else None)
    if team is None:
        errors.setdefault("organisation_id", []).append("You can only run meetups for an organisation you're part of.")
        return None
    return team.organisation


def _audience(host: Member, audience: str, group_id, errors: dict):
    if group_id not in (None, ""):
        group = visible_group(host, int(group_id)) if str(group_id).isdigit() else None
        if group is None:
            raise Http404("No such group.")
        require_participant(host, group)
        return Meetup.Audience.GROUP, group
    if audience not in (Meetup.Audience.PUBLIC, Meetup.Audience.FOLLOWERS):
        errors.setdefault("audience", []).append("Choose who can see it: everyone, or your followers.")
    return audience, None


def _series_plan(repeat_every_weeks, sessions, errors: dict) -> tuple[int, int]:
    every = repeat_every_weeks or 0
    if every not in (0, 1, 2):
        errors.setdefault("repeat_every_weeks", []).append("Repeat weekly (1), fortnightly (2) or not at all (0).")
        return 0, 1
    if every == 0:
        return 0, 1
    if isinstance(sessions, bool) or not isinstance(sessions, int) or not 2 <= sessions <= MAX_SESSIONS:
        errors.setdefault("sessions", []).append(f"A course has 2 to {MAX_SESSIONS} sessions.")
        return every, 2
    return every, sessions


@transaction.atomic
def do_create_meetup(host: Member, *, title: str, venue_id: int | None, starts_at: datetime | None,
                     ends_at: datetime | None, kind: str = Meetup.Kind.PLAYDATE, description: str = "",
                     audience: str = Meetup.Audience.PUBLIC, group_id: int | None = None,
                     organisation_id: int | None = None, capacity: int | None = None, cost: str = "",
                     accessibility: str = "", age_from_months: int | None = None, age_to_months: int | None = None,
                     requires_approval: bool = False, repeat_every_weeks: int = 0, sessions: int = 1) -> Meetup:
    """Start a meetup, or a weekly or fortnightly course of sessions (each its own meetup, so
    each can be booked, moved or cancelled alone). Times without a zone are the venue's local
    time. Returns the first session."""
    errors: dict[str, list[str]] = {}
    details = clean_details(errors, {
        "title": title, "description": description, "cost": cost, "accessibility": accessibility, "kind": kind,
        "venue_id": venue_id, "capacity": capacity, "age_from_months": age_from_months,
        "age_to_months": age_to_months, "requires_approval": requires_approval}, host)
    audience, group = _audience(host, audience, group_id, errors)
    organisation = _organisation_for(host, organisation_id, kind, errors)
    every, count = _series_plan(repeat_every_weeks, sessions, errors)
    venue = details.get("venue")
    start = end = None
    if venue is not None:
        start = to_utc(starts_at, venue.tz_info) if starts_at else None
        end = to_utc(ends_at, venue.tz_info) if ends_at else None
        errors.update({k: v for k, v in time_problems(start, end, timezone.now()).items() if k not in errors})
    raise_if(errors)
    ratelimit.hit("meetup", str(host.id), settings.MEETUP_CREATE_RATE,
                  message="You've started a lot of meetups today. Please try again tomorrow.")
    series = Series.objects.create(every_weeks=every, sessions=count) if every else None
    times = (session_times(start, end, venue.tz_info, every_weeks=every, sessions=count) if series
             else [(start, end)])
    meetups = [Meetup(host=host, group=group, organisation=organisation, audience=audience, series=series,
                      session_number=(number if series else None), starts_at=s, ends_at=e, **details)
               for number, (s, e) in enumerate(times, start=1)]
    for meetup in meetups:
        meetup.save()  # one by one: ids for every backend, and a handful at most
        schedule_reminders(meetup)
    return meetups[0]


def managed_meetup(actor: Member, meetup_id: int, *, lock: bool = False) -> Meetup:
    """A meetup the actor may see and run; not seeing it is a 404, seeing it a PermissionDenied."""
    found = Meetup.objects.visible_to(actor).filter(id=meetup_id)
    if lock:  # check sight first, then lock the row alone, outside the policy's joins
        # of=("self",): PostgreSQL can't lock the nullable side of the outer join to series.
        found = (Meetup.objects.select_for_update(of=("self",)).filter(id=meetup_id) if found.exists()
                 else Meetup.objects.none())
    meetup = found.select_related("venue__place", "series").first()
    if meetup is None:
        raise Http404("No such meetup.")
    if not can_manage(actor, meetup):
        raise PermissionDenied("Only the meetup's hosts can do that.")
    return meetup


def _locked_for_change(actor: Member, meetup_id: int, *, whole_series: bool) -> Meetup:
    """managed_meetup, locked. For a whole course every session is locked first, in time order
    (the order whole-course bookings lock them in), so a host's edit and a parent's booking
    wait for each other instead of deadlocking (PostgreSQL)."""
    if whole_series:
        meetup = managed_meetup(actor, meetup_id)
        if meetup.series_id:
            list(Meetup.objects.select_for_update(of=("self",)).filter(series_id=meetup.series_id)
                 .order_by("starts_at", "id").only("id"))
    return managed_meetup(actor, meetup_id, lock=True)


def _apply(meetup: Meetup, details: dict, *, start=None, end=None) -> list[str]:
    """Write the changes; return what attendees need to hear about ("time", "venue")."""
    heard: list[str] = []
    for field, value in details.items():
        if getattr(meetup, field) != value:
            setattr(meetup, field, value)
            if field == "venue":
                heard.append("venue")
    if start is not None and (start != meetup.starts_at or end != meetup.ends_at):
        if meetup.series_id and meetup.moved_from is None:
            meetup.moved_from = meetup.starts_at
        meetup.starts_at, meetup.ends_at = start, end
        heard.append("time")
    return heard


@transaction.atomic
def do_update_meetup(actor: Member, meetup_id: int, *, whole_series: bool = False, **changes) -> Meetup:
    """Change a meetup. Details (title, venue, places...) can go to every upcoming session of a
    course with whole_series; a new time only ever moves this one session. Attendees hear of a
    new time or venue once, after the editing stops."""
    meetup = _locked_for_change(actor, meetup_id, whole_series=whole_series)
    if meetup.is_cancelled:
        raise ValidationError("This meetup was cancelled, so it can't be changed.")
    unknown = set(changes) - set(DETAIL_FIELDS) - {"starts_at", "ends_at"}
    if unknown:
        raise TypeError(f"Unknown meetup fields: {', '.join(sorted(unknown))}")
    errors: dict[str, list[str]] = {}
    details = clean_details(errors, {k: v for k, v in changes.items() if k in DETAIL_FIELDS}, actor)
    if details.get("kind") == Meetup.Kind.CLASS and meetup.organisation_id is None:
        errors.setdefault("kind", []).append("Only an organisation's meetups can be classes.")
    venue = details.get("venue") or meetup.venue
    start = end = None
    if "starts_at" in changes or "ends_at" in changes:
        if meetup.has_started:
            errors.setdefault("starts_at", []).append("This meetup has already started, so its time can't change.")
        else:
            start = to_utc(changes["starts_at"], venue.tz_info) if changes.get("starts_at") else (
                None if "starts_at" in changes else meetup.starts_at)
            end = to_utc(changes["ends_at"], venue.tz_info) if changes.get("ends_at") else (
                None if "ends_at" in changes else meetup.ends_at)
            errors.update({k: v for k, v in time_problems(start, end, timezone.now()).items() if k not in errors})
    sessions = [meetup]
    if whole_series and meetup.series_id:
        sessions += list(Meetup.objects.select_for_update(of=("self",)).filter(  # not the venue's and place's rows
            series_id=meetup.series_id, cancelled_at=None, starts_at__gt=timezone.now()).exclude(id=meetup.id)
            .select_related("venue__place"))
    capacity = details.get("capacity", "unchanged")
    if capacity not in ("unchanged", None):
        for session in sessions:
            if session.going_count > capacity:
                errors.setdefault("capacity", []).append(
                    f"{session.going_count} people are going{' to one session' if len(sessions) > 1 else ''}, "
                    "so there need to be at least that many places.")
                break
    raise_if(errors)
    from kettle.meetups.actions.rsvps import fill_places

    for session in sessions:
        heard = _apply(session, details, start=start if session is meetup else None,
                       end=end if session is meetup else None)
        session.save()
        if heard:
            queue_change_notice(session, heard)
        if "time" in heard:
            schedule_reminders(session)
        if details.get("requires_approval") is False:
            # No more asking: those still waiting for the host join the back of the queue.
            Rsvp.objects.filter(meetup=session, status=Rsvp.Status.REQUESTED).update(
                status=Rsvp.Status.WAITLISTED, waitlisted_at=timezone.now())
        fill_places(session)  # more places (or none needed now) let the waitlist in
    return meetup


@transaction.atomic
def do_cancel_meetup(actor: Member, meetup_id: int, *, reason: str = "", whole_series: bool = False) -> Meetup:
    """Cancel a meetup (or every upcoming session of its course). Everyone going, thinking
    about it or waiting is told at once."""
    meetup = _locked_for_change(actor, meetup_id, whole_series=whole_series)
    errors: dict[str, list[str]] = {}
    reason = clean_text(errors, "reason", reason, limit=CANCEL_REASON_MAX)
    raise_if(errors)
    if meetup.is_past:
        raise ValidationError("This meetup has already happened.")
    sessions = [meetup]
    if whole_series and meetup.series_id:
        sessions += list(Meetup.objects.select_for_update(of=("self",)).filter(
            series_id=meetup.series_id, cancelled_at=None, starts_at__gt=timezone.now()).exclude(id=meetup.id))
    now = timezone.now()
    for session in sessions:
        if session.is_cancelled:
            continue
        session.cancelled_at, session.cancel_reason, session.changes = now, reason, []
        session.save(update_fields=["cancelled_at", "cancel_reason", "changes"])
        told = list(Rsvp.objects.filter(meetup=session, status__in=TOLD_OF_CHANGES).values_list("member_id",
                                                                                                flat=True))
        notify_many(told, actor.id, Notification.Kind.MEETUP_CANCELLED, meetup_id=session.id, detail=reason,
                    renew=True)
    return meetup
