"""Lookups and builders the meetups API shares. Every meetup a viewer reaches starts from
Meetup.objects.visible_to (the one read policy): what they may not see is a 404."""

from __future__ import annotations

from django.http import Http404

from kettle.accounts.models import Member
from kettle.core.places import distance_band
from kettle.meetups.actions.rsvps import SAFETY_GUIDANCE, needs_safety_guidance
from kettle.meetups.api.schemas import AttendeeOut, MeetupDetailOut, MeetupOut
from kettle.meetups.finding import MeetupCard
from kettle.meetups.models import Meetup, Rsvp
from kettle.meetups.queries import attendees_of, attendees_visible, can_manage, rsvp_of

ATTENDEE_PREVIEW = 20  # on the meetup itself; GET .../attendees pages through the rest


def visible_meetup(viewer: Member | None, meetup_id: int) -> Meetup:
    meetup = Meetup.objects.visible_to(viewer).for_display().filter(id=meetup_id).first()
    if meetup is None:
        raise Http404("No such meetup.")
    return meetup


def home_place(viewer: Member | None):
    profile = getattr(viewer, "profile", None) if viewer is not None else None
    return profile.place if profile is not None and profile.place_id else None


def my_rsvps(viewer: Member | None, meetup_ids: list[int]) -> dict[int, Rsvp]:
    if viewer is None or not meetup_ids:
        return {}
    return {rsvp.meetup_id: rsvp for rsvp in Rsvp.objects.filter(member=viewer, meetup_id__in=meetup_ids)}


def meetup_outs(cards: list[MeetupCard], viewer: Member | None) -> list[MeetupOut]:
    """MeetupOuts for cards from kettle.meetups.finding (loaded with for_display): one query
    for the viewer's own answers, however many meetups."""
    home = home_place(viewer)
    mine = my_rsvps(viewer, [card.meetup.id for card in cards])
    return [MeetupOut(**MeetupOut.fields_of(card.meetup, rsvp=mine.get(card.meetup.id),
                                            distance=card.band or distance_band(home, card.meetup.venue.place)))
            for card in cards]


def meetup_detail(viewer: Member | None, meetup_id: int) -> MeetupDetailOut:
    """One meetup as the viewer may see it: who's going only for its hosts and the people going."""
    meetup = visible_meetup(viewer, meetup_id)
    rsvp = rsvp_of(viewer, meetup)
    manager = can_manage(viewer, meetup)
    show_people = attendees_visible(viewer, meetup, rsvp, manager=manager)
    attendees = ([AttendeeOut.of(r) for r in attendees_of(viewer, meetup)[:ATTENDEE_PREVIEW]]
                 if show_people else None)
    fields = MeetupOut.fields_of(meetup, rsvp=rsvp, distance=distance_band(home_place(viewer), meetup.venue.place))
    return MeetupDetailOut(
        **fields, description=meetup.description if manager else None, description_html=meetup.description_html,
        comment_count=meetup.comment_count, can_manage=manager, attendees_visible=show_people, attendees=attendees,
        safety_guidance=SAFETY_GUIDANCE if needs_safety_guidance(viewer) else None)
