"""Meetups (playdates, coffees, classes and events), class series, and who is going."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from kettle.meetups.queries import MeetupQuerySet

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

TITLE_MAX = 120
DESCRIPTION_MAX = 5_000
COST_MAX = 80
ACCESSIBILITY_MAX = 500
CANCEL_REASON_MAX = 300
MAX_CAPACITY = 1_000
MAX_AGE_MONTHS = 72  # children's ages are given in months, up to school age
MAX_SESSIONS = 26


class Series(models.Model):
    """A weekly or fortnightly course: its sessions are Meetups sharing this row."""

    every_weeks = models.PositiveSmallIntegerField(help_text="1 for weekly, 2 for fortnightly.")
    sessions = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "series"

    def __str__(self) -> str:
        return f"{'Weekly' if self.every_weeks == 1 else 'Fortnightly'}, {self.sessions} sessions"

    @property
    def rhythm(self) -> str:
        return "weekly" if self.every_weeks == 1 else "fortnightly"


class Meetup(models.Model):
    class Kind(models.TextChoices):
        PLAYDATE = "playdate", "Playdate"
        COFFEE = "coffee", "Coffee"
        CLASS = "class", "Class"
        EVENT = "event", "Event"

    class Audience(models.TextChoices):
        PUBLIC = "public", "Everyone"
        FOLLOWERS = "followers", "My followers"
        GROUP = "group", "The group"

    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PLAYDATE)
    title = models.CharField(max_length=TITLE_MAX)
    description = models.TextField(blank=True)
    description_html = models.TextField(blank=True)
    host = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hosted_meetups")
    organisation = models.ForeignKey("groups.Organisation", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="meetups", help_text="The organisation running it (classes).")
    group = models.ForeignKey("groups.Group", null=True, blank=True, on_delete=models.CASCADE,
                              related_name="meetups")
    audience = models.CharField(max_length=10, choices=Audience.choices, default=Audience.PUBLIC)
    venue = models.ForeignKey("meetups.Venue", on_delete=models.PROTECT, related_name="meetups")
    starts_at = models.DateTimeField(help_text="Stored in UTC; entered and shown in the venue's time zone.")
    ends_at = models.DateTimeField()
    age_from_months = models.PositiveSmallIntegerField(null=True, blank=True)
    age_to_months = models.PositiveSmallIntegerField(null=True, blank=True)
    capacity = models.PositiveIntegerField(null=True, blank=True, help_text="Empty for no limit.")
    cost = models.CharField(max_length=COST_MAX, blank=True, help_text='In words: "Free", "£6 a session".')
    accessibility = models.CharField(max_length=ACCESSIBILITY_MAX, blank=True)
    requires_approval = models.BooleanField(default=False, help_text="The host approves each person going.")
    series = models.ForeignKey(Series, null=True, blank=True, on_delete=models.SET_NULL, related_name="meetups")
    session_number = models.PositiveSmallIntegerField(null=True, blank=True)
    moved_from = models.DateTimeField(null=True, blank=True, help_text="A session's first planned start, once moved.")
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=CANCEL_REASON_MAX, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Change notices wait for a quiet spell, so an edit spree sends attendees one notice.
    changed_at = models.DateTimeField(null=True, blank=True)
    changes = models.JSONField(default=list, blank=True, help_text="What changed since attendees were last told.")
    # The start time each reminder was sent for: moving a meetup makes its reminders due again.
    reminded_day_for = models.DateTimeField(null=True, blank=True)
    reminded_hour_for = models.DateTimeField(null=True, blank=True)
    # Kept under the meetup's row lock by the RSVP actions, so pages never count rows.
    going_count = models.PositiveIntegerField(default=0)
    waitlist_count = models.PositiveIntegerField(default=0)
    comment_count = models.PositiveIntegerField(default=0)

    objects = MeetupQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["starts_at", "id"], name="meetup_time_idx"),
            models.Index(fields=["group", "starts_at"], name="meetup_group_idx"),
            models.Index(fields=["organisation", "starts_at"], name="meetup_org_idx"),
            models.Index(fields=["host", "starts_at"], name="meetup_host_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")),
                                   name="meetup_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def url(self) -> str:
        return reverse("meetups:meetup", kwargs={"meetup_id": self.id})

    @property
    def ics_url(self) -> str:
        return reverse("meetups:ics", kwargs={"meetup_id": self.id})

    @property
    def tz(self) -> ZoneInfo:
        return self.venue.tz_info

    @property
    def local_start(self):
        return self.starts_at.astimezone(self.tz)

    @property
    def local_end(self):
        return self.ends_at.astimezone(self.tz)

    @property
    def when(self) -> str:
        """"Sat 14 March, 10:00-11:30", at the venue's time."""
        start, end = self.local_start, self.local_end
        return f"{start:%a} {start.day} {start:%B}, {start:%H:%M}-{end:%H:%M}"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def is_past(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def is_full(self) -> bool:
        return self.capacity is not None and self.going_count >= self.capacity

    @property
    def places_left(self) -> int | None:
        return None if self.capacity is None else max(0, self.capacity - self.going_count)

    @property
    def age_range(self) -> str:
        from kettle.meetups.ages import age_range_words

        return age_range_words(self.age_from_months, self.age_to_months)


class Rsvp(models.Model):
    class Status(models.TextChoices):
        GOING = "going", "Going"
        MAYBE = "maybe", "Maybe"
        NOT_GOING = "not_going", "Can't go"
        WAITLISTED = "waitlisted", "On the waitlist"
        REQUESTED = "requested", "Asked the host"

    meetup = models.ForeignKey(Meetup, on_delete=models.CASCADE, related_name="rsvps")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rsvps")
    status = models.CharField(max_length=12, choices=Status.choices)
    first_timer = models.BooleanField(default=False, help_text="It's my first meetup: I'd love someone to say hi.")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    waitlisted_at = models.DateTimeField(null=True, blank=True, help_text="Place in the queue: earliest first.")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meetup", "member"], name="rsvp_once")]
        indexes = [
            models.Index(fields=["meetup", "status", "waitlisted_at", "id"], name="rsvp_queue_idx"),
            models.Index(fields=["member", "status"], name="rsvp_member_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.status} {self.meetup_id}"


class MeetupComment(models.Model):
    """Questions and chat under a meetup ("is there parking?"), seen by whoever sees the meetup."""

    meetup = models.ForeignKey(Meetup, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField()
    body_html = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["meetup", "id"], name="meetup_comment_idx")]

    def __str__(self) -> str:
        return self.body[:60]


class HostMessage(models.Model):
    """A message from the host to the people going (and waiting): "we've moved to the back room"."""

    meetup = models.ForeignKey(Meetup, on_delete=models.CASCADE, related_name="host_messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField()
    body_html = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.body[:60]


class SafetyNote(models.Model):
    """When a member read the meet-in-public guidance, shown before their first RSVP."""

    member = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True,
                                  related_name="meetup_safety_note")
    read_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.member_id} read the safety guidance"


class CalendarFeed(models.Model):
    """A secret address for the member's personal calendar: everything they are going to.
    Revoking it (or making a new one) makes the old address a 404."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_fetched_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member"], condition=models.Q(revoked_at=None),
                                               name="one_live_calendar_feed")]

    def __str__(self) -> str:
        return f"Calendar of {self.member_id}"

    @property
    def url(self) -> str:
        return reverse("meetups:calendar_feed", kwargs={"token": self.token})
