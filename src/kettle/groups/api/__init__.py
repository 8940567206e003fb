"""API for groups, membership, group posts, organisations and polls.

`router` is what kettle.api.root mounts; each module below adds its own tagged router to it."""

from ninja import Router

from kettle.groups.api import feed, groups, membership, moderation, organisations, polls

router = Router()
router.add_router("", groups.router)
router.add_router("", membership.router)
router.add_router("", feed.router)
router.add_router("", moderation.router)
router.add_router("", organisations.router)
router.add_router("", polls.router)

__all__ = ["router"]
