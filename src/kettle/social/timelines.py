"""Timelines: home (fan-out rows), local, tag pages, a blog, trending tags and "start here".

Every list is keyset-paginated by post id and costs a fixed number of queries however many
posts it shows: one for the page, one for the images of its posts, and one for the viewer's
reactions and bookmarks on them."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING

from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.db import connection
from django.db.models import Count, Q
from django.utils import timezone

from kettle.core.pagination import Page, clamp_limit, keyset_page
from kettle.core.prepared import PreparedQuery, bound_in, stand_in, stand_ins
from kettle.groups.models import Membership
from kettle.groups.polls import PollView, poll_views
from kettle.groups.queries import standing_in
from kettle.social.models import Bookmark, Follow, Hashtag, Post, PostImage, Reaction
from kettle.social.queries import without_muted_authors

if TYPE_CHECKING:
    from kettle.accounts.models import Member

BOOKMARKED = "(bookmarked)"  # never a reaction's kind
BOOKMARKED_SQL = f"'{BOOKMARKED}'"
TRENDING_DAYS = 7
TRENDING_CACHE_SECONDS = 300


@dataclass
class PostCard:
    """A post as a list shows it, with what this viewer has already done to it.

    `author` is who the viewer is shown as the author: None for an anonymous post, unless the
    viewer wrote it or moderates its group (then `revealed` is set, so the page can say only
    moderators see the name). Templates and API answers take the author from here, never
    from post.author, so an anonymous author can't slip out."""

    post: Post
    images: list[PostImage] = field(default_factory=list)
    my_reactions: set[str] = field(default_factory=set)
    bookmarked: bool = False
    author: Member | None = None
    revealed: bool = False
    poll: PollView | None = None


def author_shown(post: Post, viewer: Member | None, moderated_groups: set[int]) -> tuple[Member | None, bool]:
    """Who a viewer sees as a post's author, and whether that is a moderator's reveal."""
    if not post.is_anonymous:
        return post.author, False
    if viewer is not None and viewer.id == post.author_id:
        return post.author, False
    if viewer is not None and (post.group_id in moderated_groups or viewer.is_staff):
        return post.author, True
    return None, False


def cards_for(posts: list[Post], viewer: Member | None) -> list[PostCard]:
    """Attach images and the viewer's own reactions and bookmarks in two queries in all; a
    page with polls adds one, and one with anonymous posts or polls in groups one more."""
    if not posts:
        return []
    ids = [post.id for post in posts]
    with_polls = [post for post in posts if _has_poll(post)]
    poll_ids = {post.id for post in with_polls}
    # Where the viewer stands matters only for anonymous posts (moderators see who) and polls.
    standing = standing_in(viewer, {post.group_id for post in posts if post.group_id is not None
                                    and (post.is_anonymous or post.id in poll_ids)})
    polls = poll_views(with_polls, viewer, standing)
    images: dict[int, list[PostImage]] = {}
    for image in _images_of(len(ids)).fetch(bound_in(ids)):
        images.setdefault(image.post_id, []).append(image)
    reactions, bookmarked = _marks(viewer, ids) if viewer is not None else ({}, set())
    cards = []
    for post in posts:
        author, revealed = author_shown(post, viewer, standing.moderated)
        cards.append(PostCard(post=post, images=images.get(post.id, []), my_reactions=reactions.get(post.id, set()),
                              bookmarked=post.id in bookmarked, author=author, revealed=revealed,
                              poll=polls.get(post.id)))
    return cards


@functools.cache
def _images_of(count: int) -> PreparedQuery:
    """The images of `count` posts, in order: every list of posts asks it, so compiled once."""
    return PreparedQuery(PostImage.objects.filter(post_id__in=stand_ins(count)), stand_ins(count))


def _marks(viewer: Member, ids: list[int]) -> tuple[dict[int, set[str]], set[int]]:
    """The viewer's reactions and bookmarks on these posts, in one query. Written out: every
    list asks it, and building the ORM's UNION took longer than the database took to answer."""
    reaction, bookmark = Reaction._meta, Bookmark._meta
    quote = connection.ops.quote_name
    places = ", ".join(["%s"] * len(ids))

    def rows(meta, second: str) -> str:
        post, member = quote(meta.get_field("post").column), quote(meta.get_field("member").column)
        # Names from the models, values bound as parameters.
        return f"SELECT {post}, {second} FROM {quote(meta.db_table)} WHERE {member} = %s AND {post} IN ({places})"  # noqa: S608

    sql = f"{rows(reaction, quote(reaction.get_field('kind').column))} UNION ALL {rows(bookmark, BOOKMARKED_SQL)}"
    reactions: dict[int, set[str]] = {}
    bookmarked: set[int] = set()
    with connection.cursor() as cursor:
        cursor.execute(sql, [viewer.id, *ids, viewer.id, *ids])
        for post_id, kind in cursor.fetchall():
            if kind == BOOKMARKED:
                bookmarked.add(post_id)
            else:
                reactions.setdefault(post_id, set()).add(kind)
    return reactions, bookmarked


def _has_poll(post: Post) -> bool:
    """Posts come with their poll joined in (for_display), so asking costs no query."""
    try:
        return post.poll is not None
    except ObjectDoesNotExist:
        return False


def _page(queryset, viewer: Member | None, before: int | None, limit: int | None) -> Page[PostCard]:
    page = keyset_page(queryset.for_display(), before=before, limit=limit)
    return Page(items=cards_for(page.items, viewer), next_before=page.next_before)


def home_timeline(viewer: Member, *, before: int | None = None, limit: int | None = None) -> Page[PostCard]:
    """Posts from people I follow and my own, newest first, from my fan-out rows. Past the
    oldest row kept, pages continue from a read-time query over the same authors."""
    size = clamp_limit(limit)
    bounds = {VIEWER: viewer.id} | ({BEFORE: before} if before is not None else {})
    posts = _feed_rows(size + 1, before is not None).fetch(bounds)
    if len(posts) <= size:
        oldest = posts[-1].id if posts else before
        followed = Follow.objects.filter(follower=viewer).values("followee")
        my_groups = Membership.objects.filter(member=viewer, state=Membership.State.ACTIVE).values("group")
        mine = Q(author=viewer) | Q(group=None, author__in=followed) | Q(group__in=my_groups, held_at=None)
        older = without_muted_authors(Post.objects.visible_to(viewer).filter(mine), viewer).for_display()
        if oldest is not None:
            older = older.filter(id__lt=oldest)
        posts += list(older.order_by("-id")[: size + 1 - len(posts)])
    more = len(posts) > size
    posts = posts[:size]
    return Page(items=cards_for(posts, viewer), next_before=posts[-1].id if more and posts else None)


VIEWER, BEFORE = stand_in(0), stand_in(1)


@functools.cache
def _feed_rows(count: int, paged: bool) -> PreparedQuery:
    """The newest `count` posts of a member's fan-out rows (below a post id when `paged`):
    every home page asks it, so it is compiled once per process (kettle.core.prepared)."""
    # Filtered and ordered by the feed row's post id (the same number as the post's), so the
    # database walks the member's feed index newest first and stops at the page, instead of
    # joining all of a full feed's rows and sorting them.
    # One filter() call, so the row and the bound are on the same feed join.
    in_feed = {"feed_entries__member": VIEWER} | ({"feed_entries__post_id__lt": BEFORE} if paged else {})
    rows = Post.objects.filter(deleted_at=None, author__is_active=True, **in_feed).for_display()
    return PreparedQuery(rows.order_by("-feed_entries__post_id")[:count], [VIEWER, BEFORE] if paged else [VIEWER])


def newer_count(viewer: Member, after: int) -> int:
    """How many posts have arrived in my home feed since the newest one I'm looking at."""
    return Post.objects.filter(feed_entries__member=viewer, deleted_at=None, author__is_active=True,
                               feed_entries__post_id__gt=after).count()


def local_timeline(viewer: Member | None, *, before: int | None = None, limit: int | None = None) -> Page[PostCard]:
    """Every public post on this Kettle that the viewer may see."""
    qs = without_muted_authors(Post.objects.visible_to(viewer).public(), viewer)
    return _page(qs, viewer, before, limit)


def tag_timeline(viewer: Member | None, name: str, *, before: int | None = None,
                 limit: int | None = None) -> Page[PostCard]:
    qs = without_muted_authors(Post.objects.visible_to(viewer).filter(hashtags__name=name.lower()), viewer)
    return _page(qs, viewer, before, limit)


def blog_posts(viewer: Member | None, author: Member, *, before: int | None = None,
               limit: int | None = None) -> Page[PostCard]:
    qs = Post.objects.visible_to(viewer).outside_groups().filter(author=author, kind=Post.Kind.BLOG)
    return _page(qs, viewer, before, limit)


def profile_posts(viewer: Member | None, author: Member, *, before: int | None = None,
                  limit: int | None = None) -> Page[PostCard]:
    return _page(Post.objects.visible_to(viewer).outside_groups().filter(author=author), viewer, before, limit)


def bookmarked_posts(viewer: Member, *, before: int | None = None, limit: int | None = None) -> Page[PostCard]:
    qs = Post.objects.visible_to(viewer).filter(bookmarks__member=viewer)
    return _page(qs, viewer, before, limit)


def search_posts(viewer: Member | None, query: str, *, before: int | None = None,
                 limit: int | None = None) -> Page[PostCard]:
    """Posts whose words or title contain the query, among those the viewer may see."""
    words = query.split()[:6]
    qs = Post.objects.visible_to(viewer)
    for word in words:
        qs = qs.filter(Q(body__icontains=word) | Q(title__icontains=word))
    return _page(without_muted_authors(qs, viewer), viewer, before, limit)


def trending_hashtags(limit: int = 10) -> list[tuple[str, int]]:
    """The most used hashtags on public posts of the last seven days (cached for a while)."""
    key = f"trending:{limit}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    since = timezone.now() - timedelta(days=TRENDING_DAYS)
    # Only posts a logged-out visitor could read count, so a private profile's words never
    # surface here; the list is the same for everyone, so it can be cached.
    rows = (Hashtag.objects.filter(posts__created_at__gte=since, posts__deleted_at=None,
                                   posts__audience=Post.Audience.PUBLIC, posts__author__is_active=True,
                                   posts__author__profile__is_public=True)
            .annotate(uses=Count("posts", distinct=True)).order_by("-uses", "name")[:limit])
    result = [(tag.name, tag.uses) for tag in rows]
    cache.set(key, result, TRENDING_CACHE_SECONDS)
    return result
