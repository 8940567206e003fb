from kettle.meetups.models.meetups import (
    CalendarFeed,
    HostMessage,
    Meetup,
    MeetupComment,
    Rsvp,
    SafetyNote,
    Series,
)
from kettle.meetups.models.venues import Venue

__all__ = ["CalendarFeed", "HostMessage", "Meetup", "MeetupComment", "Rsvp", "SafetyNote", "Series", "Venue"]
