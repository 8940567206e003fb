"""Generated members: where they live, their children, and who follows whom.

Popularity follows a power law: a few accounts (an organisation, a well-loved blogger) are
followed by thousands, most by a few dozen, and the busiest posters are the most followed,
which is the case that fills home feeds fastest."""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.auth.hashers import make_password

from kettle.accounts.models import Child, Member, Profile
from kettle.bench.loader import Table
from kettle.bench.words import person
from kettle.core.models import Place
from kettle.core.places import gazetteer_places, great_circle_km, import_places
from kettle.social.models import Follow

PASSWORD = "kettle-bench-password"  # every generated member's, so an operator can log in as one
TOWN = ("Ipswich", 52.05917, 1.15545)  # Suffolk's county town
RADIUS_KM = 35


@dataclass
class People:
    ids: list[int]
    place_of: list[int]  # by member id (index 0 unused)
    cum_popularity: list[float]  # for choosing followees, commenters, RSVPs
    following: list[list[int]] = field(default_factory=list)
    followers: list[list[int]] = field(default_factory=list)
    bloggers: set[int] = field(default_factory=set)

    def popular(self, rng: random.Random, k: int) -> list[int]:
        return rng.choices(self.ids, cum_weights=self.cum_popularity, k=k)


def county_places() -> list[Place]:
    """Places of 500+ people within RADIUS_KM of the county town, imported from the gazetteer."""
    name, lat, lng = TOWN
    near = [place for place in gazetteer_places(countries={"GB"})
            if great_circle_km(lat, lng, place.latitude, place.longitude) <= RADIUS_KM]
    import_places(iter(near))
    return sorted(near, key=lambda place: place.id)


def power_weights(count: int, exponent: float, offset: float, cap_share: float) -> list[float]:
    """Zipf-like weights for ranks 0..count-1, no rank above cap_share of the total."""
    weights = [1.0 / (rank + offset) ** exponent for rank in range(count)]
    cap = sum(weights) * cap_share
    return [min(weight, cap) for weight in weights]


def make_members(rng: random.Random, count: int, places: list[Place], now: datetime, say) -> People:
    place_weights = [max(place.population, 500) for place in places]
    place_ids = [place.id for place in places]
    cells = {place.id: place.h3_cell for place in places}
    password = make_password(PASSWORD)  # hashed once: argon2 per member would take minutes
    ids = list(range(1, count + 1))
    place_of = [0] + rng.choices(place_ids, weights=place_weights, k=count)
    ranks = ids[:]
    rng.shuffle(ranks)
    weights = power_weights(count, exponent=0.85, offset=30, cap_share=0.004)
    by_member = [0.0] * (count + 1)
    for member_id, rank in zip(ids, ranks, strict=True):
        by_member[member_id] = weights[rank - 1]
    people = People(ids=ids, place_of=place_of, cum_popularity=list(itertools.accumulate(by_member[1:])))
    people.bloggers = {member for member in ids if rng.random() < 0.1}

    members, profiles, children = [], [], []
    for member_id in ids:
        handle, display, role = person(rng, member_id)
        joined = now - timedelta(days=rng.uniform(1, 720))
        members.append((member_id, f"{handle}@bench.invalid", handle, password, joined, joined, joined,
                        f"{rng.getrandbits(128):032x}"))
        place = place_of[member_id]
        profiles.append((member_id, display, role, place, cells[place], rng.random() < 0.4, rng.random() < 0.3,
                         rng.choice(("everyone", "followed", "nobody"))))
        for _ in range(1 if role == "parent_to_be" else rng.choice((1, 1, 1, 2, 2, 3))):
            if role == "parent_to_be":
                due = (now + timedelta(days=rng.randint(10, 250))).date()
                children.append((member_id, due, None, None, joined))
            else:
                born = now - timedelta(days=rng.randint(10, 1800))
                children.append((member_id, None, born.year, born.month, joined))
    Table(Member, ["id", "email", "handle", "password", "date_joined", "email_confirmed_at", "onboarded_at",
                   "session_salt"]).write(members)
    Table(Profile, ["member", "display_name", "role", "place", "h3_cell", "is_public", "discoverable",
                    "children_visibility"]).write(profiles)
    Table(Child, ["parent", "due_date", "birth_year", "birth_month", "created_at"]).write(children)
    say(f"{count:,} members in {len(set(place_of[1:])):,} places, {len(children):,} children")
    return people


def make_follows(rng: random.Random, people: People, mean: int, now: datetime, say) -> int:
    """About `mean` follows each (log-normal out-degree), followees chosen by popularity."""
    import math

    count = len(people.ids)
    sigma = 1.0
    mu = math.log(mean) - sigma * sigma / 2
    people.following = [[] for _ in range(count + 1)]
    people.followers = [[] for _ in range(count + 1)]
    rows = []
    for member_id in people.ids:
        wanted = min(count - 1, max(3, int(rng.lognormvariate(mu, sigma))), 3 * mean)
        chosen: set[int] = set()
        for _ in range(4):
            chosen.update(people.popular(rng, wanted - len(chosen) + 4))
            chosen.discard(member_id)
            if len(chosen) >= wanted:
                break
        followees = sorted(rng.sample(sorted(chosen), wanted) if len(chosen) > wanted else chosen)
        people.following[member_id] = followees
        for followee in followees:
            people.followers[followee].append(member_id)
            rows.append((member_id, followee, now - timedelta(days=rng.uniform(0, 400))))
    Table(Follow, ["follower", "followee", "created_at"]).write(rows)
    say(f"{len(rows):,} follows ({len(rows) / count:.0f} each on average, "
        f"most followed: {max(len(f) for f in people.followers):,} followers)")
    return len(rows)

