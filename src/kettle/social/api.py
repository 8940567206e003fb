"""API for posts, comments, reactions, timelines, blogs, follows, blocks and mutes."""

from ninja import Router

router = Router(tags=["posts"])
