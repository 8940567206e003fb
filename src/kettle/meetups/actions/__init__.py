"""Every write to meetups, venues, RSVPs and calendars goes through these actions."""

from kettle.meetups.actions.calendar import do_create_calendar_feed, do_revoke_calendar_feed
from kettle.meetups.actions.meetups import do_cancel_meetup, do_create_meetup, do_update_meetup
from kettle.meetups.actions.rsvps import do_decide_rsvp, do_rsvp
from kettle.meetups.actions.talk import do_comment_on_meetup, do_delete_meetup_comment, do_message_attendees
from kettle.meetups.actions.venues import do_create_venue, do_merge_venues, do_update_venue

__all__ = [
    "do_cancel_meetup", "do_comment_on_meetup", "do_create_calendar_feed", "do_create_meetup",
    "do_decide_rsvp", "do_delete_meetup_comment", "do_merge_venues", "do_message_attendees", "do_revoke_calendar_feed",
    "do_rsvp", "do_update_meetup", "do_update_venue", "do_create_venue",
]
