"""Timelines: home (with the "N new posts" count), local, tag pages, trending tags, search,
bookmarks and a member's posts. Every list is keyset-paginated by post id."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Query, Router, Schema
from pydantic import Field, StringConstraints

from kettle.api.auth import optional_auth
from kettle.api.pagination import PageParams
from kettle.api.render import rendered
from kettle.social import timelines
from kettle.social.api.common import post_page, viewer_of, visible_member
from kettle.social.schemas import NewPostsOut, PostPageOut, TagOut, TagPageOut

router = Router(tags=["timelines"])

TAG_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{1,59}$")


class NewPostsQuery(Schema):
    after: int = Field(..., ge=0, le=2**63 - 1, description="The id of the newest post you are showing.")


class SearchQuery(PageParams):
    q: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    type: Literal["posts"] = Field("posts", description="What to find; posts for now.")


@router.get("/timelines/home", response=PostPageOut,
            summary="Posts from people you follow and your own, newest first")
def home(request: HttpRequest, page: Query[PageParams]):
    return rendered(request, post_page(timelines.home_timeline(request.member, before=page.before, limit=page.limit),
                                       request.member))


@router.get("/timelines/home/new", response=NewPostsOut,
            summary="How many posts arrived in your home timeline after a given one")
def home_new(request: HttpRequest, query: Query[NewPostsQuery]):
    return NewPostsOut(new=timelines.newer_count(request.member, query.after))


@router.get("/timelines/local", response=PostPageOut, auth=optional_auth,
            summary="Every public post on this Kettle, newest first")
def local(request: HttpRequest, page: Query[PageParams]):
    viewer = viewer_of(request)
    return rendered(request, post_page(timelines.local_timeline(viewer, before=page.before, limit=page.limit), viewer))


@router.get("/tags/trending", response=list[TagOut], auth=optional_auth,
            summary="The most used hashtags on public posts of the last 7 days")
def trending(request: HttpRequest):
    return [TagOut(name=name, url=reverse("social:tag", kwargs={"name": name}), uses=uses)
            for name, uses in timelines.trending_hashtags()]


@router.get("/tags/{name}", response=TagPageOut, auth=optional_auth, summary="Posts with a hashtag, newest first")
def tag(request: HttpRequest, name: str, page: Query[PageParams]):
    name = name.lstrip("#")
    if not TAG_NAME.match(name):
        raise Http404("No such tag.")
    viewer = viewer_of(request)
    found = post_page(timelines.tag_timeline(viewer, name, before=page.before, limit=page.limit), viewer)
    name = name.lower()
    return rendered(request, TagPageOut.model_construct(name=name, url=reverse("social:tag", kwargs={"name": name}),
                                                        items=found.items, next_before=found.next_before))


@router.get("/search", response=PostPageOut, auth=optional_auth,
            summary="Find posts you may see by their words, newest first")
def search(request: HttpRequest, query: Query[SearchQuery]):
    viewer = viewer_of(request)
    return rendered(request, post_page(timelines.search_posts(viewer, query.q, before=query.before,
                                                            limit=query.limit), viewer))


@router.get("/bookmarks", response=PostPageOut, summary="Posts you saved, newest post first")
def bookmarks(request: HttpRequest, page: Query[PageParams]):
    return rendered(request, post_page(timelines.bookmarked_posts(request.member, before=page.before,
                                                                  limit=page.limit), request.member))


@router.get("/people/{handle}/posts", response=PostPageOut, auth=optional_auth,
            summary="A member's posts that you may see, newest first")
def person_posts(request: HttpRequest, handle: str, page: Query[PageParams]):
    viewer = viewer_of(request)
    author = visible_member(viewer, handle)
    return rendered(request, post_page(timelines.profile_posts(viewer, author, before=page.before, limit=page.limit),
                                       viewer))
