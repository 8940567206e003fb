"""`kettle bench generate`: a synthetic community of a given size, fast (plain rows in bulk)
and repeatable (the same seed gives the same community; times count back from today)."""

from __future__ import annotations

import random
import time
from dataclasses import asdict, dataclass

from django.db import connection, transaction
from django.utils import timezone

from kettle.accounts.models import Member
from kettle.bench.communities import make_groups, make_organisations
from kettle.bench.content import make_posts
from kettle.bench.feeds import make_feeds
from kettle.bench.gatherings import make_meetups, make_venues
from kettle.bench.loader import reset_sequences
from kettle.bench.people import county_places, make_follows, make_members
from kettle.groups.models import Group, Organisation, Poll, PollOption, PollVote
from kettle.meetups.models import Meetup, Venue
from kettle.social.models import Hashtag, Post


@dataclass(frozen=True)
class Size:
    members: int
    follows_mean: int
    groups: int
    posts: int
    organisations: int
    venues: int
    meetups: int


SIZES = {
    "county": Size(members=20_000, follows_mean=150, groups=300, posts=1_000_000, organisations=6, venues=300,
                   meetups=3_000),
    "small": Size(members=2_000, follows_mean=150, groups=30, posts=100_000, organisations=2, venues=30,
                  meetups=300),
    # For the smoke test in `make test`: every kind of row, in seconds.
    "tiny": Size(members=200, follows_mean=20, groups=6, posts=3_000, organisations=1, venues=8, meetups=30),
}


class NotEmpty(Exception):
    pass


def generate(size_name: str, seed: int, say=print) -> dict:
    """Fill an empty (migrated) database; returns what was made and how long it took."""
    if Member.objects.exists():
        raise NotEmpty("This database already has members. The benchmark builds its own community in an empty "
                       "one: point KETTLE_DATA_DIR (or KETTLE_DATABASE_URL) at a new database first.")
    size = SIZES[size_name]
    rng = random.Random(seed)
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    began = time.monotonic()
    timings: dict[str, float] = {}

    def step(name: str, work):
        started = time.monotonic()
        with transaction.atomic():
            result = work()
        timings[name] = round(time.monotonic() - started, 1)
        return result

    _fast_writes()
    places = step("places", county_places)
    say(f"{len(places):,} places around the county town")
    people = step("members", lambda: make_members(rng, size.members, places, now, say))
    step("follows", lambda: make_follows(rng, people, size.follows_mean, now, say))
    admins = step("organisations", lambda: make_organisations(rng, size.organisations, people, places, now, say))
    groups = step("groups", lambda: make_groups(rng, size.groups, people, places, admins, now, say))
    posts = step("posts", lambda: make_posts(rng, size.posts, people, groups, now))
    counts = posts.counts
    say(f"{counts['posts']:,} posts ({sum(posts.blogs.values()):,} blog posts), {counts['comments']:,} comments, "
        f"{counts['reactions']:,} reactions, {counts['polls']:,} polls with {counts['votes']:,} votes")
    feed_rows = step("feeds", lambda: make_feeds(people, groups, posts))
    say(f"{feed_rows:,} home feed rows ({feed_rows / size.members:,.0f} per member)")
    venues = step("venues", lambda: make_venues(rng, size.venues, places, now))
    meetups = step("meetups", lambda: make_meetups(rng, size.meetups, venues, people, groups, now))
    say(f"{meetups['meetups']:,} meetups ({meetups['upcoming']:,} coming up) with {meetups['rsvps']:,} RSVPs")
    reset_sequences([Member, Organisation, Group, Post, Hashtag, Poll, PollOption, PollVote, Venue, Meetup])
    step("analyse", _analyse)
    return {"size": size_name, "seed": seed, "shape": asdict(size), "seconds": round(time.monotonic() - began, 1),
            "steps": timings, "feed_rows": feed_rows, "threads": len(posts.threads), **counts, **meetups}


def _fast_writes() -> None:
    """A new benchmark database can be rebuilt, so skip waiting for the disk while filling it."""
    connection.ensure_connection()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA cache_size=-200000")
        else:
            cursor.execute("SET synchronous_commit TO OFF")


def _analyse() -> None:
    """Fresh planner statistics, as a database that grew slowly would have."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
