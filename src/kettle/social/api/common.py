"""Lookups shared by the social API: everything a viewer reaches starts from visible_to()."""

from __future__ import annotations

from typing import Annotated

from django.http import Http404, HttpRequest
from ninja.params.functions import Path

from kettle.accounts.models import Member
from kettle.core.pagination import Page
from kettle.social.models import Post
from kettle.social.schemas import PostOut, PostPageOut
from kettle.social.timelines import PostCard, author_shown, cards_for

# An id in a path: a positive 64-bit integer, so a silly number is a 422, never a database error.
ObjectId = Annotated[int, Path(ge=1, le=2**63 - 1)]


def viewer_of(request: HttpRequest) -> Member | None:
    return getattr(request, "member", None)


def clean_handle(handle: str) -> str:
    return (handle or "").strip().lstrip("@").lower()


def visible_member(viewer: Member | None, handle: str) -> Member:
    """A member the viewer may see, by handle; anyone else is a 404."""
    member = Member.objects.visible_to(viewer).with_profile().filter(handle=clean_handle(handle)).first()
    if member is None:
        raise Http404("No such member.")
    return member


def visible_post(viewer: Member | None, post_id: int) -> Post:
    """A post the viewer may see; deleted, private or blocked posts are a 404."""
    post = Post.objects.visible_to(viewer).for_display().filter(id=post_id).first()
    if post is None:
        raise Http404("No such post.")
    return post


def post_out(post: Post, viewer: Member | None) -> PostOut:
    [card] = cards_for([post], viewer)
    return PostOut.of(card, viewer)


def new_post_out(post: Post, author: Member, *, with_images: bool) -> PostOut:
    """The card of a post its author has just written, built from the objects the posting
    action holds (author with profile, group, poll): the author may see their own new post,
    so it is not read back through visible_to, whose query costs more to build than the
    rest of posting together. Nobody can have reacted to it or saved it before its author
    hears it exists, so without images or a poll there is nothing to look up at all."""
    poll = Post._meta.get_field("poll")
    if not poll.is_cached(post):
        poll.set_cached_value(post, None)  # made in this request, so a poll would be in hand
    if with_images or poll.get_cached_value(post) is not None:
        return post_out(post, author)
    shown, revealed = author_shown(post, author, set())
    return PostOut.of(PostCard(post=post, author=shown, revealed=revealed), author)


def post_page(page: Page[PostCard], viewer: Member | None) -> PostPageOut:
    return PostPageOut.model_construct(items=[PostOut.of(card, viewer) for card in page.items],
                                       next_before=page.next_before)
