"""A group's feed: its pinned posts, then its posts newest first, for whoever may read it."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router
from pydantic import Field

from kettle.api.auth import optional_auth
from kettle.api.pagination import PageParams
from kettle.groups import feed as feeds
from kettle.groups.access import readable_group
from kettle.social.api.common import viewer_of
from kettle.social.schemas import PostOut, PostPageOut

router = Router(tags=["group posts"])


class GroupFeedOut(PostPageOut):
    pinned: list[PostOut] = Field(description="Pinned posts, newest pin first, on the first page only; they are "
                                              "not repeated in items.")


@router.get("/groups/{slug}/posts", response=GroupFeedOut, auth=optional_auth,
            summary="A group's posts, newest first, with its pinned posts on the first page")
def group_feed(request: HttpRequest, slug: str, page: Query[PageParams]):
    viewer = viewer_of(request)
    feed = feeds.group_feed(viewer, readable_group(viewer, slug), before=page.before, limit=page.limit)
    return GroupFeedOut(pinned=[PostOut.of(card, viewer) for card in feed.pinned],
                        items=[PostOut.of(card, viewer) for card in feed.items], next_before=feed.next_before)
