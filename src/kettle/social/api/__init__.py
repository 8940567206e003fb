"""API for posts, comments, reactions, timelines, blogs, follows, blocks and mutes.

`router` is what kettle.api.root mounts; each module below adds its own tagged router to it."""

from ninja import Router

from kettle.social.api import blogs, comments, posts, relationships, timelines

router = Router()
router.add_router("", posts.router)
router.add_router("", comments.router)
router.add_router("", timelines.router)
router.add_router("", blogs.router)
router.add_router("", relationships.router)

__all__ = ["router"]
