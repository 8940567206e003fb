"""A group's feed as every page and endpoint reads it: its pinned posts (first page only),
then its other posts newest first. Held posts wait in the moderators' queue; only their
author sees them here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q

from kettle.core.pagination import keyset_page
from kettle.groups.actions.posts import MAX_PINNED
from kettle.social.models import Post
from kettle.social.timelines import PostCard, cards_for

if TYPE_CHECKING:
    from kettle.accounts.models import Member
    from kettle.groups.models import Group


@dataclass
class GroupFeed:
    pinned: list[PostCard]
    items: list[PostCard]
    next_before: int | None


def group_feed(viewer: Member | None, group: Group, *, before: int | None = None,
               limit: int | None = None) -> GroupFeed:
    """The caller has already checked the viewer may read the group (readable_group)."""
    published = Q(held_at=None) if viewer is None else Q(held_at=None) | Q(author=viewer)
    posts = Post.objects.visible_to(viewer).filter(published, group=group).for_display()
    pinned = [] if before else list(posts.filter(pinned_at__isnull=False, held_at=None)
                                    .order_by("-pinned_at")[:MAX_PINNED])
    found = keyset_page(posts.filter(pinned_at=None), before=before, limit=limit)
    cards = cards_for(pinned + found.items, viewer)  # one pass, so pins cost no extra queries
    return GroupFeed(pinned=cards[:len(pinned)], items=cards[len(pinned):], next_before=found.next_before)
