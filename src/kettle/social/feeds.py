"""RSS 2.0 and Atom feeds of a member's blog.

A feed is a public document, fetched by feed readers that never log in and copied into
places we don't control, so it holds exactly what a logged-out visitor may see: the blog
must be on a public profile (otherwise 404) and every post comes through
Post.objects.visible_to(None), which keeps out followers-only, deleted and group posts."""

from __future__ import annotations

import re

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from django.utils.html import format_html

from kettle.accounts.models import Member
from kettle.social.models import Post

FEED_SIZE = 20
# Links in sanitised post HTML are site-relative (/@handle, /tags/…, /media/…); a feed reader
# needs them absolute. nh3 always writes attributes in double quotes.
RELATIVE = re.compile(r'(\s(?:href|src))="/(?!/)')


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _content(post: Post, link: str) -> str:
    if post.content_note:
        # Readers can't fold a post behind its note, so the feed carries the note and a link.
        return format_html('<p>Content note: {}. <a href="{}">Read the post on {}</a> when you feel ready.</p>',
                           post.content_note, link, settings.SITE_NAME)
    return RELATIVE.sub(rf'\1="{settings.SITE_URL}/', post.body_html)


def _feed(request: HttpRequest, handle: str, feed_class: type[SyndicationFeed], route: str) -> HttpResponse:
    member = get_object_or_404(Member.objects.visible_to(None).with_profile(), handle=handle.lower())
    posts = list(Post.objects.visible_to(None).filter(author=member, kind=Post.Kind.BLOG).for_display()
                 .order_by("-id")[:FEED_SIZE])
    name = member.display_name
    blog_url = _absolute(reverse("social:blog", kwargs={"handle": member.handle}))
    feed = feed_class(
        title=f"{name}'s blog on {settings.SITE_NAME}",
        link=blog_url,
        description=f"Blog posts by {name} (@{member.handle}) on {settings.SITE_NAME}.",
        language="en-gb",
        feed_url=_absolute(reverse(route, kwargs={"handle": member.handle})),
        author_name=name,
        author_link=_absolute(member.url),
        feed_guid=blog_url,
    )
    for post in posts:
        link = _absolute(post.url)
        feed.add_item(
            title=post.title or "A blog post",
            link=link,
            description=_content(post, link),
            unique_id=link,
            unique_id_is_permalink=True,
            pubdate=post.created_at,
            updateddate=post.edited_at or post.created_at,
            author_name=name,
            author_link=_absolute(member.url),
        )
    response = HttpResponse(content_type=feed.content_type)
    feed.write(response, "utf-8")
    return response


def blog_rss(request: HttpRequest, handle: str) -> HttpResponse:
    return _feed(request, handle, Rss201rev2Feed, "social:blog_rss")


def blog_atom(request: HttpRequest, handle: str) -> HttpResponse:
    return _feed(request, handle, Atom1Feed, "social:blog_atom")
