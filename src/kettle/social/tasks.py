"""Feed fan-out: posts are written into their audience's home feeds after commit.
Every task takes ids and is safe to run twice."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Count, QuerySet
from django_tasks import task

from kettle.core.inserts import PreparedInsert
from kettle.core.prepared import stand_in
from kettle.social.models import FeedEntry, Follow, Mute, Post
from kettle.social.models.feeds import FEED_KEEP
from kettle.social.queries import without_muted_authors

BATCH = 1000
BACKFILL = 200  # recent posts copied into a feed when someone follows
TRIM_EVERY = 20  # check the audience's feed sizes on every 20th post
TRIM_SLACK = 100  # let a feed run this far past FEED_KEEP before trimming
INLINE_AUDIENCE = 300  # up to this many followers (or group members), fan out while posting


def audience_of(author_id: int, *, group_id: int | None, anonymous: bool) -> QuerySet:
    """The author's followers (or, for a group post, the group's other members), minus anyone
    on either side of a block with the author and anyone who muted them. Never the author,
    whose own row is written with the post: counted here, they would make the posting
    transaction take a group one member past INLINE_AUDIENCE for one within it, and queue
    nothing for the member left over."""
    from kettle.groups.models import Membership
    from kettle.social.models import Block

    if group_id is not None:
        members, field = (Membership.objects.filter(group_id=group_id, state=Membership.State.ACTIVE)
                          .exclude(member_id=author_id), "member_id")
    else:
        members, field = Follow.objects.filter(followee_id=author_id), "follower_id"
    members = (members.exclude(**{f"{field}__in": Block.objects.filter(blocker_id=author_id).values("blocked_id")})
               .exclude(**{f"{field}__in": Block.objects.filter(blocked_id=author_id).values("blocker_id")}))
    if not anonymous:  # skipping muters would tell them who wrote an anonymous post
        members = members.exclude(**{f"{field}__in": Mute.objects.filter(muted_id=author_id).values("muter_id")})
    return members.order_by().values_list(field, flat=True)


def audience_ids(post: Post) -> list[int]:
    """Members whose home feed should hold this post."""
    return list(audience_of(post.author_id, group_id=post.group_id, anonymous=post.is_anonymous))


STAND_IN_AUTHOR, STAND_IN_GROUP = stand_in(0), stand_in(1)  # ids no row has


@functools.lru_cache(maxsize=32)
def _first_rows(vendor: str, in_group: bool, anonymous: bool, limit: int) -> PreparedInsert:
    """The fan-out statement for one shape of post, built once per process: building it took
    longer (1.4 ms) than the database took to run it."""
    members = audience_of(STAND_IN_AUTHOR, group_id=STAND_IN_GROUP if in_group else None, anonymous=anonymous)
    return PreparedInsert(FeedEntry, ["member", "post", "author", "group"], members[:limit], ignore_conflicts=True,
                          one_more=True)  # the author's own row


@dataclass
class FanOut:
    """How a new post reaches its audience's home feeds, prepared before the posting
    transaction begins, so that on SQLite the write lock is held for the writes alone.

    Up to INLINE_AUDIENCE of the audience (all of most people's) get the post in the posting
    transaction itself, by one INSERT ... SELECT: no ids read into Python, no task to queue,
    and followers see it the moment it is committed (the SELECT reads the follows as they are
    then, so a follow made meanwhile is not missed). A larger audience gets the rest from the
    task queue after the commit, in batches that let other writers in between. The same
    statement writes the author's own row: on SQLite, one statement less while every other
    writer waits (the ORM took about a millisecond to build that row's INSERT)."""

    first_rows: PreparedInsert  # INLINE_AUDIENCE + 1 at most: one more says there are more

    @classmethod
    def prepare(cls, author_id: int, *, group_id: int | None, anonymous: bool) -> FanOut:
        statement = _first_rows(connection.vendor, group_id is not None, anonymous, INLINE_AUDIENCE + 1)
        return cls(statement.bound({STAND_IN_AUTHOR: author_id, STAND_IN_GROUP: group_id}))

    def spread(self, post: Post) -> None:
        """Inside the posting transaction: the author's row and the first of the audience's."""
        written = self.first_rows.run([post.id, post.author_id, post.group_id], one_more=post.author_id)
        if written - 1 > INLINE_AUDIENCE:  # the author's row is new with the post
            transaction.on_commit(lambda: fan_out_post.enqueue(post_id=post.id))  # skips the rows written
        else:
            _check_sizes_now_and_then(post)


@task()
def fan_out_post(post_id: int) -> None:
    post = Post.objects.filter(id=post_id, deleted_at=None, held_at=None).first()
    if post is None:
        return  # deleted, or waiting for approval: approving it queues the fan-out again
    rows = [FeedEntry(member_id=member, post_id=post.id, author_id=post.author_id, group_id=post.group_id)
            for member in audience_ids(post)]
    FeedEntry.objects.bulk_create(rows, ignore_conflicts=True, batch_size=BATCH)
    _check_sizes_now_and_then(post)


def _check_sizes_now_and_then(post: Post) -> None:
    if post.id % TRIM_EVERY == 0:
        transaction.on_commit(lambda: check_feed_sizes.enqueue(post_id=post.id))


@task()
def check_feed_sizes(post_id: int) -> None:
    """Trim the feeds in this post's audience that have grown well past FEED_KEEP. Queued on
    every TRIM_EVERY-th post rather than every post, since it counts rows. Each feed is
    trimmed here, in a short write of its own, not from a task of its own: a busy site trims
    dozens of feeds a second, and a task each cost the queue three more writes apiece, every
    one a turn at SQLite's write lock that posting members waited behind."""
    post = Post.objects.filter(id=post_id).first()
    if post is None:
        return
    over = (FeedEntry.objects.filter(member_id__in=audience_ids(post)).values("member_id")
            .annotate(rows=Count("id")).filter(rows__gt=FEED_KEEP + TRIM_SLACK).values_list("member_id", flat=True))
    for member_id in over:
        trim_feed(member_id)


@task()
def backfill_feed(member_id: int, author_id: int) -> None:
    """After a follow (or unmute): the author's recent posts the member may see."""
    from kettle.accounts.models import Member

    member = Member.objects.filter(id=member_id, is_active=True).first()
    if member is None or Mute.objects.filter(muter_id=member_id, muted_id=author_id).exists():
        return  # muted: unmuting backfills later
    posts = (Post.objects.visible_to(member).filter(author_id=author_id, group=None).order_by("-id")
             .values_list("id", flat=True)[:BACKFILL])
    FeedEntry.objects.bulk_create([FeedEntry(member_id=member_id, post_id=p, author_id=author_id) for p in posts],
                                  ignore_conflicts=True, batch_size=BATCH)


@task()
def backfill_group_feed(member_id: int, group_id: int) -> None:
    """After joining a group: its recent posts the member may see."""
    from kettle.accounts.models import Member

    member = Member.objects.filter(id=member_id, is_active=True).first()
    if member is None or not Post.objects.filter(group_id=group_id, deleted_at=None, held_at=None).exists():
        return  # nobody, or nothing to copy yet (a new group filling up)
    posts = without_muted_authors(Post.objects.visible_to(member).filter(group_id=group_id, held_at=None), member)
    rows = [FeedEntry(member_id=member_id, post_id=post_id, author_id=author_id, group_id=group_id)
            for post_id, author_id in posts.order_by("-id").values_list("id", "author_id")[:BACKFILL]]
    FeedEntry.objects.bulk_create(rows, ignore_conflicts=True, batch_size=BATCH)


def purge_feed(member_id: int, author_id: int, *, keep_group_posts: bool = False,
               keep_anonymous: bool = False) -> None:
    """Remove an author's posts from a member's feed at once (unfollow, block, mute). An
    unfollow keeps their posts in groups the two share; a mute keeps their anonymous posts."""
    entries = FeedEntry.objects.filter(member_id=member_id, author_id=author_id)
    if keep_group_posts:
        entries = entries.filter(group=None)
    if keep_anonymous:
        entries = entries.exclude(post__is_anonymous=True)
    entries.delete()


def purge_group_feed(member_id: int, group_id: int) -> None:
    """Remove a group's posts from a member's feed at once (leaving, removed, banned)."""
    FeedEntry.objects.filter(member_id=member_id, group_id=group_id).delete()


def trim_feed(member_id: int) -> None:
    """Keep only the newest FEED_KEEP entries; older pages are read from posts directly."""
    cutoff = (FeedEntry.objects.filter(member_id=member_id).order_by("-post_id")
              .values_list("post_id", flat=True)[FEED_KEEP:FEED_KEEP + 1])
    cutoff = list(cutoff)
    if cutoff:
        FeedEntry.objects.filter(member_id=member_id, post_id__lte=cutoff[0]).delete()
