"""Home feeds as fan-out would leave them: for each member, the newest FEED_KEEP posts of
the people they follow, their own and their groups', merged newest first."""

from __future__ import annotations

import heapq
from itertools import islice

from tqdm import tqdm

from kettle.bench.communities import Groups
from kettle.bench.content import Posts
from kettle.bench.loader import Table, indexes_built_after
from kettle.bench.people import People
from kettle.social.models import FeedEntry
from kettle.social.models.feeds import FEED_KEEP


def feed_rows(people: People, groups: Groups, posts: Posts):
    empty = ()
    for member in tqdm(people.ids, desc="home feeds", unit="member", leave=False):
        sources = [posts.by_author.get(followee, empty) for followee in people.following[member]]
        sources.append(posts.by_author.get(member, empty))
        sources += [posts.by_group.get(group, empty) for group in groups.of_member.get(member, ())]
        newest = islice(heapq.merge(*(reversed(ids) for ids in sources if ids), reverse=True), FEED_KEEP)
        for post_id in newest:
            yield member, post_id, posts.author[post_id], posts.group[post_id] or None


def make_feeds(people: People, groups: Groups, posts: Posts) -> int:
    with indexes_built_after(FeedEntry):
        return Table(FeedEntry, ["member", "post", "author", "group"]).write(feed_rows(people, groups, posts))
