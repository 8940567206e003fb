"""Generated venues and meetups across the year (most past, some coming up), with RSVPs,
waitlists where a meetup filled, and the counts that go with them."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from kettle.bench.communities import Groups
from kettle.bench.loader import Table
from kettle.bench.people import People
from kettle.bench.words import MEETUP_TITLES, VENUE_WORDS
from kettle.core.models import Place
from kettle.meetups.models import Meetup, Rsvp, SafetyNote, Venue


def make_venues(rng: random.Random, count: int, places: list[Place], now: datetime) -> dict[int, list[int]]:
    towns = sorted(places, key=lambda place: -place.population)[:max(10, count // 4)]
    rows, by_place = [], {}
    for venue_id in range(1, count + 1):
        town = towns[(venue_id - 1) % len(towns)]
        words, kind = VENUE_WORDS[(venue_id - 1) // len(towns) % len(VENUE_WORDS)]
        rows.append((venue_id, f"{town.name} {words}", kind, "High Street", town.id, True, True, True,
                     rng.random() < 0.6, rng.random() < 0.5, now - timedelta(days=500)))
        by_place.setdefault(town.id, []).append(venue_id)
    Table(Venue, ["id", "name", "kind", "address", "place", "pram_access", "baby_changing",
                  "breastfeeding_friendly", "step_free", "parking", "created_at"]).write(rows)
    return by_place


def make_meetups(rng: random.Random, count: int, venues: dict[int, list[int]], people: People, groups: Groups,
                 now: datetime) -> dict[str, int]:
    all_venues = [venue for ids in venues.values() for venue in ids]
    meetups, rsvps = [], []
    readers: set[int] = set()
    for meetup_id in range(1, count + 1):
        group_id, organisation = None, None
        roll = rng.random()
        if roll < 0.25 and groups.ids:
            group_id = rng.choice(groups.ids)
            host = rng.choice(groups.members[group_id])
            pool, audience, kind = groups.members[group_id], "group", rng.choice(("playdate", "coffee", "event"))
        elif roll < 0.35 and groups.organisation_admins:
            organisation = rng.choice(sorted(groups.organisation_admins))
            host = groups.organisation_admins[organisation]
            pool, audience, kind = sorted(set(people.popular(rng, 60))), "public", "class"
        else:
            host = people.popular(rng, 1)[0]
            pool = people.followers[host] or people.popular(rng, 20)
            audience = "public" if rng.random() < 0.8 else "followers"
            kind = rng.choice(("playdate", "coffee", "event"))
        venue = rng.choice(venues.get(people.place_of[host]) or all_venues)
        day = now.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=rng.randint(-320, 55))
        starts = day + timedelta(hours=rng.choice((9, 10, 10, 11, 13, 14)), minutes=rng.choice((0, 30)))
        capacity = rng.choice((None, None, 8, 12, 20, 30))
        wanting = rng.sample(pool, min(len(pool), rng.randint(2, 25)))
        going = wanting if capacity is None else wanting[:capacity]
        waiting = [] if capacity is None else wanting[capacity:]
        created = starts - timedelta(days=rng.randint(3, 30))
        title = rng.choice(MEETUP_TITLES[kind])
        meetups.append((meetup_id, kind, title, f"{title}. All welcome.", f"<p>{title}. All welcome.</p>", host,
                        organisation, group_id, audience, venue, starts, starts + timedelta(minutes=90), 0, 36,
                        capacity, "Free" if kind != "class" else "£6 a session", created, len(going), len(waiting)))
        for place, member in enumerate(going + waiting):
            status = "going" if place < len(going) else "waitlisted"
            when = created + timedelta(hours=place + 1)
            rsvps.append((meetup_id, member, status, rng.random() < 0.1, when, when,
                          when if status == "waitlisted" else None))
            readers.add(member)
    Table(Meetup, ["id", "kind", "title", "description", "description_html", "host", "organisation", "group",
                   "audience", "venue", "starts_at", "ends_at", "age_from_months", "age_to_months", "capacity",
                   "cost", "created_at", "going_count", "waitlist_count"]).write(meetups)
    Table(Rsvp, ["meetup", "member", "status", "first_timer", "created_at", "updated_at",
                 "waitlisted_at"]).write(rsvps)
    Table(SafetyNote, ["member", "read_at"]).write((member, now - timedelta(days=400)) for member in sorted(readers))
    upcoming = sum(1 for row in meetups if row[10] >= now)
    return {"meetups": len(meetups), "upcoming": upcoming, "rsvps": len(rsvps)}
