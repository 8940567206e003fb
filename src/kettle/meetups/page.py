"""Everything one meetup's page shows, read with a fixed number of queries whatever the
numbers going, waiting or commenting. The attendee list is only ever read for those allowed
it (attendees_visible): the hosts and the people going."""

from __future__ import annotations

from django.utils import timezone

from kettle.meetups.actions.rsvps import SAFETY_GUIDANCE, needs_safety_guidance
from kettle.meetups.models import HostMessage, Meetup, MeetupComment, Rsvp
from kettle.meetups.queries import attendees_of, attendees_visible, can_manage, rsvp_of
from kettle.social.queries import without_blocked

COMMENTS_SHOWN = 100
MESSAGES_SHOWN = 20


def comments_for(viewer, meetup: Meetup, limit: int = COMMENTS_SHOWN) -> list[MeetupComment]:
    rows = (MeetupComment.objects.filter(meetup=meetup, deleted_at=None, author__is_active=True)
            .select_related("author__profile").order_by("id"))
    if viewer is not None:
        rows = without_blocked(rows, viewer, "author")
    return list(rows[:limit])


def sessions_of(viewer, meetup: Meetup) -> list[Meetup]:
    """Every session of the meetup's course the viewer may see, in order (the course's outline)."""
    if not meetup.series_id:
        return []
    return list(Meetup.objects.visible_to(viewer).filter(series_id=meetup.series_id).select_related(
        "venue__place").order_by("starts_at", "id"))


def meetup_context(viewer, meetup: Meetup) -> dict:
    rsvp = rsvp_of(viewer, meetup)
    manager = can_manage(viewer, meetup)
    show_people = attendees_visible(viewer, meetup, rsvp, manager=manager)
    going = list(attendees_of(viewer, meetup)) if show_people else []
    queue = list(attendees_of(viewer, meetup, statuses=(Rsvp.Status.WAITLISTED, Rsvp.Status.REQUESTED))) \
        if manager else []
    hears_host = manager or (rsvp is not None and rsvp.status in (Rsvp.Status.GOING, Rsvp.Status.WAITLISTED))
    host_messages = list(HostMessage.objects.filter(meetup=meetup).select_related("author__profile")[
                         :MESSAGES_SHOWN]) if hears_host else []
    can_answer = viewer is not None and viewer.id != meetup.host_id and not meetup.is_cancelled \
        and not meetup.has_started
    return {
        "meetup": meetup, "rsvp": rsvp, "manager": manager, "show_people": show_people, "going": going,
        # New faces to say hi to: the viewer's own first-timer tick isn't news to them.
        "first_timers": sum(1 for row in going if row.first_timer and row.member_id != getattr(viewer, "id", None)),
        "waitlist": [row for row in queue if row.status == Rsvp.Status.WAITLISTED],
        "requests": [row for row in queue if row.status == Rsvp.Status.REQUESTED],
        "host_messages": host_messages, "comments": comments_for(viewer, meetup),
        "sessions": sessions_of(viewer, meetup), "can_answer": can_answer,
        "safety_guidance": SAFETY_GUIDANCE if can_answer and needs_safety_guidance(viewer) else "",
        "now": timezone.now(), "nav": "meetups",
    }
