"""Blogs: a member's blog posts with their blog roll, and setting your own blog roll."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest
from ninja import Query, Router

from kettle.accounts.models import Member
from kettle.api.auth import optional_auth
from kettle.api.pagination import PageParams
from kettle.social import actions, timelines
from kettle.social.api.common import post_page, viewer_of, visible_member
from kettle.social.models import BlogRollEntry
from kettle.social.schemas import AuthorOut, BlogOut, BlogRollIn, BlogRollOut, blog_url

router = Router(tags=["blogs"])

LISTED_BY_MAX = 50


def blog_roll(owner: Member, viewer: Member | None) -> list[BlogRollOut]:
    """The owner's blog roll as the viewer may see it: member blogs they can't see are left out."""
    entries = (BlogRollEntry.objects.filter(owner=owner)
               .filter(Q(blog=None) | Q(blog__in=Member.objects.visible_to(viewer)))
               .select_related("blog__profile"))
    return [BlogRollOut.of(entry) for entry in entries]


@router.get("/blogs/{handle}", response=BlogOut, auth=optional_auth,
            summary="A member's blog posts, newest first, with their blog roll")
def blog(request: HttpRequest, handle: str, page: Query[PageParams]):
    viewer = viewer_of(request)
    author = visible_member(viewer, handle)
    posts = post_page(timelines.blog_posts(viewer, author, before=page.before, limit=page.limit), viewer)
    listed_by = (Member.objects.visible_to(viewer).with_profile().filter(blog_roll__blog=author).distinct()
                 .order_by("id")[:LISTED_BY_MAX])
    return BlogOut(id=author.id, url=blog_url(author), author=AuthorOut.of(author), items=posts.items,
                   next_before=posts.next_before, blog_roll=blog_roll(author, viewer),
                   listed_by=[AuthorOut.of(member) for member in listed_by])


@router.get("/me/blog-roll", response=list[BlogRollOut], summary="Your blog roll, in order")
def my_blog_roll(request: HttpRequest):
    return blog_roll(request.member, request.member)


@router.put("/me/blog-roll", response=list[BlogRollOut],
            summary="Replace your blog roll: Kettle handles, or external blogs with a title and URL")
def set_blog_roll(request: HttpRequest, data: BlogRollIn):
    actions.do_set_blog_roll(request.member, [entry.model_dump() for entry in data.entries])
    return blog_roll(request.member, request.member)
