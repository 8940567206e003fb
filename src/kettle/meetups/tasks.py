"""Background work for meetups: reminders, and change notices batched so an edit spree sends
one. Every task takes ids, checks the meetup's state when it runs and is safe to run twice."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

REMINDERS = {"day": timedelta(hours=24), "hour": timedelta(hours=1)}


def _defer_or_skip(the_task, when, **kwargs) -> None:
    """Queue a task for later; a backend that can't wait (tests, scripts) skips it, and the
    tests call the task themselves at the moment it would run."""
    if the_task.get_backend().supports_defer:
        the_task.using(run_after=when).enqueue(**kwargs)


def schedule_reminders(meetup) -> None:
    """After the meetup's time is set or moved: queue the day-before and hour-before reminders.
    Old queued reminders for an earlier time find the time changed and do nothing."""
    meetup_id, start = meetup.id, meetup.starts_at
    now = timezone.now()

    def queue() -> None:
        for which, before in REMINDERS.items():
            if start - before > now:
                _defer_or_skip(send_reminder, start - before, meetup_id=meetup_id, which=which,
                               starts_at=start.isoformat())

    transaction.on_commit(queue)


def remind(meetup_id: int, which: str, starts_at: str | None = None) -> int:
    """Send one reminder to everyone going; returns how many were told. The conditional update
    makes it once per start time, however many times it is queued."""
    from kettle.meetups.models import Meetup, Rsvp
    from kettle.notifications.models import Notification
    from kettle.notifications.tasks import notify_many

    field = {"day": "reminded_day_for", "hour": "reminded_hour_for"}[which]
    kind = {"day": Notification.Kind.MEETUP_TOMORROW, "hour": Notification.Kind.MEETUP_SOON}[which]
    meetup = Meetup.objects.filter(id=meetup_id, cancelled_at=None).first()
    if meetup is None or (starts_at and meetup.starts_at.isoformat() != starts_at):
        return 0  # cancelled, or moved since this reminder was queued
    if meetup.starts_at <= timezone.now():
        return 0
    with transaction.atomic():
        claimed = Meetup.objects.filter(id=meetup_id).exclude(**{field: meetup.starts_at}).update(
            **{field: meetup.starts_at})
        if not claimed:
            return 0
        going = list(Rsvp.objects.filter(meetup_id=meetup_id, status=Rsvp.Status.GOING).values_list(
            "member_id", flat=True))
        notify_many(going, None, kind, meetup_id=meetup_id, detail=_when(meetup), renew=True)
    return len(going)


@task()
def send_reminder(meetup_id: int, which: str, starts_at: str | None = None) -> None:
    remind(meetup_id, which, starts_at)


def _when(meetup) -> str:
    return f"{meetup.when} at {meetup.venue.name}"


def queue_change_notice(meetup, changed: list[str]) -> None:
    """Note what changed and queue a notice for after a quiet spell; each edit pushes it back,
    so attendees hear once when the host has finished."""
    from kettle.meetups.models import Meetup

    now = timezone.now()
    merged = list(dict.fromkeys([*(meetup.changes or []), *changed]))
    Meetup.objects.filter(id=meetup.id).update(changed_at=now, changes=merged)
    meetup.changed_at, meetup.changes = now, merged
    meetup_id = meetup.id
    quiet = timedelta(seconds=settings.MEETUP_CHANGE_QUIET)

    def queue() -> None:
        if send_change_notice.get_backend().supports_defer:
            send_change_notice.using(run_after=now + quiet).enqueue(meetup_id=meetup_id)
        else:
            send_change_notice.enqueue(meetup_id=meetup_id, wait=False)

    transaction.on_commit(queue)


def tell_of_changes(meetup_id: int, *, wait: bool = True) -> int:
    """Tell everyone going, thinking about it or waiting what changed, once the editing has
    stopped for the quiet spell. Returns how many were told (0 when it is not yet time)."""
    from kettle.meetups.models import Meetup, Rsvp
    from kettle.notifications.models import Notification
    from kettle.notifications.tasks import notify_many

    quiet = timedelta(seconds=settings.MEETUP_CHANGE_QUIET)
    with transaction.atomic():
        meetup = (Meetup.objects.select_for_update().filter(id=meetup_id, cancelled_at=None)
                  .exclude(changes=[]).first())
        if meetup is None or not meetup.changes:
            return 0
        if wait and meetup.changed_at and meetup.changed_at + quiet > timezone.now():
            return 0  # edited again since: the later queued notice will go instead
        meetup = Meetup.objects.for_display().get(id=meetup_id)
        detail = change_words(meetup, meetup.changes)
        Meetup.objects.filter(id=meetup_id).update(changes=[])
        told = list(Rsvp.objects.filter(meetup_id=meetup_id, status__in=(
            Rsvp.Status.GOING, Rsvp.Status.MAYBE, Rsvp.Status.WAITLISTED, Rsvp.Status.REQUESTED))
            .values_list("member_id", flat=True))
        notify_many(told, meetup.host_id, Notification.Kind.MEETUP_CHANGED, meetup_id=meetup_id, detail=detail,
                    renew=True)
    return len(told)


def change_words(meetup, changes: list[str]) -> str:
    parts = []
    if "time" in changes:
        parts.append(f"New time: {meetup.when}")
    if "venue" in changes:
        parts.append(f"New place: {meetup.venue.where}")
    return ". ".join(parts)


@task()
def send_change_notice(meetup_id: int, wait: bool = True) -> None:
    tell_of_changes(meetup_id, wait=wait)
