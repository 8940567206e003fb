"""API for meetups, RSVPs, comments and host messages, venues and the calendar feed.

`router` is what kettle.api.root mounts; each module below adds its own tagged router to it."""

from ninja import Router

from kettle.meetups.api import calendars, meetups, rsvps, talk, venues

router = Router()
router.add_router("", meetups.router)
router.add_router("", rsvps.router)
router.add_router("", talk.router)
router.add_router("", venues.router)
router.add_router("", calendars.router)

__all__ = ["router"]
