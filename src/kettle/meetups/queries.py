"""Reads and visibility for meetups and venues: the one read policy.

- Meetup.objects.visible_to(viewer): may the viewer know the meetup exists (its page, the
  lists, search, calendars, notifications)? Public meetups follow their host's profile for
  logged-out visitors, as posts do; followers-only ones need a follow; a group's meetups follow
  the group's privacy (readable_by). Blocks hide the host's meetups both ways.
- attendees_visible(viewer, meetup): the attendee list, for the hosts and those going only.
- managed_by(viewer): meetups the viewer may run (edit, cancel, approve, message)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import apps
from django.db import models
from django.db.models import Q

from kettle.social.queries import without_blocked

if TYPE_CHECKING:
    from kettle.accounts.models import Member


def _model(app: str, name: str):
    return apps.get_model(app, name)


class MeetupQuerySet(models.QuerySet):
    def visible_to(self, viewer: Member | None) -> MeetupQuerySet:
        groups = _model("groups", "Group").objects
        readable = groups.readable_by(viewer).values("id")
        qs = self.filter(host__is_active=True)
        if viewer is None:
            # Logged out: an organisation's classes, and meetups of hosts whose profile is public.
            named = Q(organisation__isnull=False) | Q(host__profile__is_public=True)
            return qs.filter(named & (Q(group=None, audience="public") | Q(group__in=readable)))
        followed = _model("social", "Follow").objects.filter(follower=viewer).values("followee")
        personal = Q(group=None) & (Q(audience="public") | Q(host=viewer)
                                    | Q(audience="followers", host__in=followed))
        return without_blocked(qs.filter(personal | Q(group__in=readable)), viewer, "host")

    def managed_by(self, viewer: Member | None) -> MeetupQuerySet:
        """The host; admins of the organisation running it; moderators of its group; staff."""
        if viewer is None:
            return self.none()
        if viewer.is_staff:
            return self.all()
        admin_of = _model("groups", "OrganisationMember").objects.filter(member=viewer, role="admin").values(
            "organisation")
        moderated = _model("groups", "Group").objects.moderated_by(viewer).values("id")
        return self.filter(Q(host=viewer) | Q(organisation__in=admin_of) | Q(group__in=moderated))

    def upcoming(self, now=None) -> MeetupQuerySet:
        from django.utils import timezone

        return self.filter(ends_at__gt=now or timezone.now(), cancelled_at=None)

    def for_display(self) -> MeetupQuerySet:
        return self.select_related("host__profile", "venue__place", "organisation", "group", "series")


class VenueQuerySet(models.QuerySet):
    def visible_to(self, viewer: Member | None) -> VenueQuerySet:
        """Venues are public places, so anyone may see them; merged duplicates are gone."""
        return self.filter(merged_into=None)


def can_manage(viewer: Member | None, meetup) -> bool:
    if viewer is None:
        return False
    if viewer.id == meetup.host_id or viewer.is_staff:
        return True
    return _model("meetups", "Meetup").objects.managed_by(viewer).filter(id=meetup.id).exists()


def rsvp_of(viewer: Member | None, meetup):
    if viewer is None:
        return None
    return _model("meetups", "Rsvp").objects.filter(meetup=meetup, member=viewer).first()


def attendees_visible(viewer: Member | None, meetup, rsvp=None, *, manager: bool | None = None) -> bool:
    """The attendee list is for the hosts and the people going, never anyone else."""
    if viewer is None:
        return False
    if manager if manager is not None else can_manage(viewer, meetup):
        return True
    rsvp = rsvp if rsvp is not None else rsvp_of(viewer, meetup)
    return rsvp is not None and rsvp.status == "going"


def attendees_of(viewer: Member, meetup, *, statuses=("going",)):
    """RSVPs of the given statuses, in queue order, minus anyone blocked either way."""
    # Those not in line (going, asking) first, then the queue: NULLs sort first on SQLite but
    # last on PostgreSQL unless told.
    order = (models.F("waitlisted_at").asc(nulls_first=True), "id") if "waitlisted" in statuses else ("id",)
    rsvps = (_model("meetups", "Rsvp").objects.filter(meetup=meetup, status__in=statuses, member__is_active=True)
             .select_related("member__profile").order_by(*order))
    return without_blocked(rsvps, viewer, "member")
