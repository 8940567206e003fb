"""A year of generated posts, day by day in time order (so ids rise with time, as they do
for real), each with its comments, reactions, hashtags and sometimes a poll, and with its
denormalised counts matching its rows."""

from __future__ import annotations

import random
from array import array
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from tqdm import tqdm

from kettle.bench.communities import Groups
from kettle.bench.loader import Table
from kettle.bench.people import People
from kettle.bench.words import Text, blog_pool, comment_pool, update_pool
from kettle.groups.models import Poll, PollChoice, PollOption, PollVote
from kettle.social.models import Comment, Hashtag, Post, Reaction

DAYS = 365
GROUP_SHARE = 0.2  # of posts written in a group
THREADS_PER_COUNTY = 100  # posts with 50 or more comments, at county size
KINDS = ("hug", "me_too", "helpful")
POLL_OPTIONS = (("Yes", "No"), ("Morning", "Afternoon", "Evening"), ("Park", "Library", "Soft play", "Café"))


@dataclass
class Posts:
    by_author: dict[int, array] = field(default_factory=dict)  # non-group post ids, ascending
    by_group: dict[int, array] = field(default_factory=dict)
    author: array = field(default_factory=lambda: array("l", [0]))  # by post id
    group: array = field(default_factory=lambda: array("l", [0]))  # 0: none
    threads: list[int] = field(default_factory=list)  # posts with 50+ comments
    polls: list[int] = field(default_factory=list)  # poll ids
    blogs: dict[int, int] = field(default_factory=dict)  # blogger -> blog posts
    counts: dict[str, int] = field(default_factory=dict)


class Writer:
    """One day's rows for every content table, written together."""

    def __init__(self) -> None:
        self.tables = {
            "posts": Table(Post, ["id", "author", "kind", "audience", "group", "is_anonymous", "title", "body",
                                  "body_html", "content_note", "vent_mode", "created_at", "comment_count",
                                  "hug_count", "me_too_count", "helpful_count"]),
            "comments": Table(Comment, ["post", "author", "body", "body_html", "created_at", "is_anonymous"]),
            "reactions": Table(Reaction, ["post", "member", "kind", "created_at"]),
            "tags": Table(Hashtag.posts.through, ["hashtag", "post"]),
            "polls": Table(Poll, ["id", "post", "multiple"]),
            "options": Table(PollOption, ["id", "poll", "position", "text"]),
            "votes": Table(PollVote, ["id", "poll", "member", "created_at"]),
            "choices": Table(PollChoice, ["vote", "option", "poll"]),
        }
        self.rows: dict[str, list[tuple]] = {name: [] for name in self.tables}

    def add(self, table: str, row: tuple) -> None:
        self.rows[table].append(row)

    def flush(self) -> None:
        for name, rows in self.rows.items():
            if rows:
                self.tables[name].write(rows)
                rows.clear()

    def counts(self) -> dict[str, int]:
        return {name: table.count for name, table in self.tables.items()}


def make_hashtags(pools: list[list[Text]]) -> dict[str, int]:
    names = sorted({tag for pool in pools for text in pool for tag in text.tags})
    ids = {name: number for number, name in enumerate(names, start=1)}
    Table(Hashtag, ["id", "name"]).write([(number, name) for name, number in ids.items()])
    return ids


def make_posts(rng: random.Random, total: int, people: People, groups: Groups, now: datetime) -> Posts:
    updates, blogs, remarks = update_pool(rng), blog_pool(rng), comment_pool(rng)
    tag_ids = make_hashtags([updates, blogs])
    posts = Posts()
    writer = Writer()
    thread_chance = THREADS_PER_COUNTY * (total / 1_000_000) / total if total else 0
    start = now - timedelta(days=DAYS)
    ids = {"post": 0, "poll": 0, "option": 0, "vote": 0}
    for day in tqdm(range(DAYS), desc="posts", unit="day", leave=False):
        weekday = (start + timedelta(days=day)).weekday()
        expected = total / DAYS * (0.85 if weekday >= 5 else 1.06)
        count = max(0, int(rng.gauss(expected, expected ** 0.5)))
        seconds = sorted(rng.uniform(0, 86_400) for _ in range(count))
        for second in seconds:
            created = start + timedelta(days=day, seconds=second)
            if created >= now:
                break
            ids["post"] += 1
            _one_post(rng, ids, created, now, people, groups, posts, writer, updates, blogs, remarks, tag_ids,
                      thread_chance)
        writer.flush()
    posts.counts = writer.counts()
    return posts


def _one_post(rng, ids, created, now, people: People, groups: Groups, posts: Posts, writer: Writer,
              updates, blogs, remarks, tag_ids, thread_chance) -> None:
    post_id = ids["post"]
    group_id = 0
    if groups.ids and rng.random() < GROUP_SHARE:
        group_id = rng.choices(groups.ids, cum_weights=groups.cum_size)[0]
        author = rng.choice(groups.members[group_id])
        audience_pool = groups.members[group_id]
    else:
        author = people.popular(rng, 1)[0]
        audience_pool = people.followers[author]
    blog = group_id == 0 and author in people.bloggers and rng.random() < 0.25
    text = rng.choice(blogs if blog else updates)
    anonymous = group_id in groups.anonymous and rng.random() < 0.3
    audience = "group" if group_id else ("public" if rng.random() < 0.8 else "followers")
    note = "birth story" if blog and rng.random() < 0.1 else ""
    if rng.random() < thread_chance and audience_pool:
        comments = rng.randint(50, 90)
        posts.threads.append(post_id)
    else:
        comments = min(int(rng.expovariate(1 / 1.5)), 40)
    reactions = min(int(rng.expovariate(1 / 3.0)), len(audience_pool), 300)
    counts = dict.fromkeys(KINDS, 0)
    for member in rng.sample(audience_pool, reactions) if reactions else ():
        kind = rng.choice(KINDS)
        counts[kind] += 1
        writer.add("reactions", (post_id, member, kind, min(now, created + timedelta(minutes=rng.uniform(1, 600)))))
    written = 0
    if audience_pool:
        when = created
        for _ in range(comments):
            when = min(now, when + timedelta(minutes=rng.expovariate(1 / 20)))
            commenter = author if rng.random() < 0.15 else rng.choice(audience_pool)
            remark = rng.choice(remarks)
            writer.add("comments", (post_id, commenter, remark.body, remark.html, when,
                                    anonymous and commenter == author))
            written += 1
    writer.add("posts", (post_id, author, "blog" if blog else "update", audience, group_id or None, anonymous,
                         text.title if blog else "", text.body, text.html, note, rng.random() < 0.05, created,
                         written, counts["hug"], counts["me_too"], counts["helpful"]))
    for tag in text.tags:
        writer.add("tags", (tag_ids[tag], post_id))
    if audience_pool and rng.random() < (0.03 if group_id else 0.005):
        _poll(rng, ids, post_id, created, now, audience_pool, writer, posts)
    posts.author.append(author)
    posts.group.append(group_id)
    target = posts.by_group.setdefault(group_id, array("l")) if group_id else posts.by_author.setdefault(
        author, array("l"))
    target.append(post_id)
    if blog:
        posts.blogs[author] = posts.blogs.get(author, 0) + 1


def _poll(rng, ids, post_id, created, now, pool, writer: Writer, posts: Posts) -> None:
    ids["poll"] += 1
    poll_id = ids["poll"]
    posts.polls.append(poll_id)
    writer.add("polls", (poll_id, post_id, False))
    options = []
    for position, text in enumerate(rng.choice(POLL_OPTIONS)):
        ids["option"] += 1
        options.append(ids["option"])
        writer.add("options", (ids["option"], poll_id, position, text))
    for member in rng.sample(pool, min(len(pool), rng.randint(3, 60))):
        ids["vote"] += 1
        writer.add("votes", (ids["vote"], poll_id, member, min(now, created + timedelta(hours=rng.uniform(0, 48)))))
        writer.add("choices", (ids["vote"], rng.choice(options), poll_id))
