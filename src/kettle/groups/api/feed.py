"""A group's feed: its pinned posts, then its posts newest first, for whoever may read it."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest
from ninja import Query, Router
from pydantic import Field

from kettle.api.auth import optional_auth
from kettle.api.pagination import PageParams
from kettle.core.pagination import keyset_page
from kettle.groups.access import readable_group
from kettle.groups.actions.posts import MAX_PINNED
from kettle.social.api.common import viewer_of
from kettle.social.models import Post
from kettle.social.schemas import PostOut, PostPageOut
from kettle.social.timelines import cards_for

router = Router(tags=["group posts"])


class GroupFeedOut(PostPageOut):
    pinned: list[PostOut] = Field(description="Pinned posts, newest pin first, on the first page only; they are "
                                              "not repeated in items.")


@router.get("/groups/{slug}/posts", response=GroupFeedOut, auth=optional_auth,
            summary="A group's posts, newest first, with its pinned posts on the first page")
def group_feed(request: HttpRequest, slug: str, page: Query[PageParams]):
    viewer = viewer_of(request)
    group = readable_group(viewer, slug)
    # Held posts wait in the moderators' queue; only their author sees them in the feed.
    published = Q(held_at=None) if viewer is None else Q(held_at=None) | Q(author=viewer)
    posts = Post.objects.visible_to(viewer).filter(published, group=group).for_display()
    pinned = [] if page.before else list(posts.filter(pinned_at__isnull=False, held_at=None)
                                         .order_by("-pinned_at")[:MAX_PINNED])
    found = keyset_page(posts.filter(pinned_at=None), before=page.before, limit=page.limit)
    cards = cards_for(pinned + found.items, viewer)  # one pass, so pins cost no extra queries
    outs = [PostOut.of(card, viewer) for card in cards]
    return GroupFeedOut(pinned=outs[:len(pinned)], items=outs[len(pinned):], next_before=found.next_before)
