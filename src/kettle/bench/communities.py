"""Generated groups (local, due-month clubs, interest) with their members, and the
organisations that run some of them. Group sizes follow a power law too: one big town
group, a long tail of small ones."""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from kettle.bench.loader import Table
from kettle.bench.people import People, power_weights
from kettle.bench.words import GROUP_WORDS
from kettle.core.models import Place
from kettle.groups.models import Group, Membership, Organisation, OrganisationMember

ABOUT = "Baby classes, drop-ins and a friendly face."


@dataclass
class Groups:
    ids: list[int]
    members: dict[int, list[int]]  # group -> active members
    of_member: dict[int, list[int]] = field(default_factory=dict)  # member -> groups
    anonymous: set[int] = field(default_factory=set)  # groups allowing anonymous posts
    cum_size: list[float] = field(default_factory=list)  # for choosing where a group post goes
    slugs: dict[int, str] = field(default_factory=dict)
    organisation_admins: dict[int, int] = field(default_factory=dict)  # organisation -> its admin member
    of_organisation: dict[int, int] = field(default_factory=dict)  # group -> organisation


def make_organisations(rng: random.Random, count: int, people: People, places: list[Place], now: datetime,
                       say) -> dict[int, int]:
    towns = sorted(places, key=lambda place: -place.population)[:max(count, 1)]
    rows, team = [], []
    admins: dict[int, int] = {}
    for number in range(1, count + 1):
        town = towns[(number - 1) % len(towns)]
        admin = people.popular(rng, 1)[0]
        admins[number] = admin
        rows.append((number, f"family-hub-{number}", f"{town.name} Family Hub {number}",
                     ABOUT, f"<p>{ABOUT}</p>",
                     town.id, f"Around {town.name}", now - timedelta(days=600), now - timedelta(days=700), admin))
        team.append((number, admin, "admin", now - timedelta(days=700)))
    Table(Organisation, ["id", "slug", "name", "description", "description_html", "place", "area", "verified_at",
                         "created_at", "created_by"]).write(rows)
    Table(OrganisationMember, ["organisation", "member", "role", "created_at"]).write(team)
    say(f"{count} organisations")
    return admins


def make_groups(rng: random.Random, count: int, people: People, places: list[Place], admins: dict[int, int],
                now: datetime, say) -> Groups:
    members_total = len(people.ids)
    sizes = power_weights(count, exponent=0.9, offset=2, cap_share=1.0)
    scale = 3.0 * members_total / sum(sizes)  # each member in about three groups
    towns = sorted(places, key=lambda place: -place.population)[:40]
    groups = Groups(ids=list(range(1, count + 1)), members={})
    rows, memberships = [], []
    months_used: set[tuple[str, date]] = set()
    for group_id in groups.ids:
        size = max(8, min(members_total, int(sizes[group_id - 1] * scale)))
        kind = rng.choices(("local", "due_month", "interest"), weights=(5, 2, 3))[0]
        privacy = rng.choices(("public", "private", "secret"), weights=(6, 3, 1))[0]
        town = rng.choice(towns)
        place, radius, club_kind, club_month, run_by_site = None, None, "", None, False
        name = f"{town.name} {rng.choice(GROUP_WORDS)}"
        if kind == "local":
            place, radius = town.id, rng.choice((5, 15, 30))
        elif kind == "due_month":
            # One site club per month: once every month has one, further clubs are interest groups.
            free = [month for month in _club_months(now) if month not in months_used]
            if free:
                club_kind, club_month = rng.choice(free)
                months_used.add((club_kind, club_month))
                privacy, run_by_site = "private", True
                name = f"{club_kind.capitalize()} {club_month:%B %Y}"
            else:
                kind = "interest"
        organisation = None
        if admins and group_id % 10 == 0:
            organisation = (group_id // 10 - 1) % len(admins) + 1
            groups.of_organisation[group_id] = organisation
        allow_anonymous = rng.random() < 0.15
        if allow_anonymous:
            groups.anonymous.add(group_id)
        chosen = set(people.popular(rng, size)) if size < members_total // 2 else set(
            rng.sample(people.ids, size))
        owner = admins[organisation] if organisation else rng.choice(sorted(chosen))
        chosen.add(owner)
        ordered = sorted(chosen)
        groups.members[group_id] = ordered
        slug = f"group-{group_id}"
        groups.slugs[group_id] = slug
        created = now - timedelta(days=rng.uniform(380, 700))
        rows.append((group_id, slug, name, f"A friendly group: {name}.", f"<p>A friendly group: {name}.</p>", kind,
                     privacy, place, radius, club_kind, club_month, organisation, allow_anonymous, run_by_site,
                     len(ordered), None if run_by_site else owner, created))
        for member_id in ordered:
            role = "owner" if member_id == owner and not run_by_site else (
                "moderator" if rng.random() < 0.01 else "member")
            joined = created + timedelta(days=rng.uniform(0, 30))
            memberships.append((group_id, member_id, role, "active", True, joined, joined))
            groups.of_member.setdefault(member_id, []).append(group_id)
    Table(Group, ["id", "slug", "name", "description", "description_html", "kind", "privacy", "place", "radius_km",
                  "club_kind", "club_month", "organisation", "allow_anonymous", "run_by_site", "member_count",
                  "created_by", "created_at"]).write(rows)
    Table(Membership, ["group", "member", "role", "state", "trusted", "created_at", "joined_at"]).write(memberships)
    groups.cum_size = list(itertools.accumulate(len(groups.members[g]) for g in groups.ids))
    groups.organisation_admins = admins
    say(f"{count} groups with {len(memberships):,} memberships (largest {max(map(len, groups.members.values())):,})")
    return groups


def _club_months(now: datetime) -> list[tuple[str, date]]:
    """Due-month clubs for the next nine months and born-in clubs for the last two years."""
    first = now.date().replace(day=1)
    months = []
    for offset in range(-24, 10):
        year, month = divmod(first.month - 1 + offset, 12)
        day = date(first.year + year, month + 1, 1)
        months.append(("due" if day > first else "born", day))
    return months
