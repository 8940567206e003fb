"""Due-month clubs ("bump buddies"): "Due March 2027" and "Born March 2027", one for the whole
site and one per area, an area being the surroundings of a large town (the gazetteer has no
counties). The site makes them on demand, when a member adds a child; staff moderate them,
and parents with a child due or born that month get straight in."""

from __future__ import annotations

import math
from datetime import date
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction

from kettle.core.markdown import render_markdown
from kettle.core.models import Place
from kettle.core.places import km_between_places
from kettle.groups.models import Group
from kettle.groups.models.groups import CLUB_RADIUS

if TYPE_CHECKING:
    from kettle.accounts.models import Child, Member

AREA_TOWN_POPULATION = 30_000  # a "large town" an area forms around
CLUB_RULES = (
    "1. Be kind. Everyone here is at the same stage, and everyone's journey is different.\n"
    "2. No judgement about feeding, sleep, birth or anything else: share what worked for you, gently.\n"
    "3. No selling, recruiting or links to paid groups.\n"
    "4. What's shared here stays here.\n"
    "5. If you're worried about your health or your baby's, talk to your midwife, health visitor or GP, "
    "or call NHS 111.")


def club_month(child: Child) -> tuple[str, date] | None:
    """The club a child belongs to: due (by due date) or born (by birth month). None after a loss."""
    if child.is_lost:
        return None
    if child.due_date is not None:
        return Group.ClubKind.DUE, child.due_date.replace(day=1)
    return Group.ClubKind.BORN, date(child.birth_year, child.birth_month, 1)


def club_name(kind: str, month: date, town: Place | None = None) -> str:
    words = f"{'Due' if kind == Group.ClubKind.DUE else 'Born'} {month:%B %Y}"
    return f"{words}: {town.name} and around" if town else words


def area_town(place: Place | None) -> Place | None:
    """The nearest large town within CLUB_RADIUS km of a place (the place itself, if it is one)."""
    if place is None:
        return None
    if place.population >= AREA_TOWN_POPULATION:
        return place
    lat_step = CLUB_RADIUS / 111.0
    lng_step = CLUB_RADIUS / max(1.0, 111.0 * math.cos(math.radians(place.latitude)))
    towns = Place.objects.filter(population__gte=AREA_TOWN_POPULATION,
                                 latitude__range=(place.latitude - lat_step, place.latitude + lat_step),
                                 longitude__range=(place.longitude - lng_step, place.longitude + lng_step))
    near = [(km, town) for town in towns if (km := km_between_places(place, town)) <= CLUB_RADIUS]
    return min(near, key=lambda pair: pair[0])[1] if near else None


def _club(kind: str, month: date, town: Place | None) -> Group:
    existing = Group.objects.filter(kind=Group.Kind.DUE_MONTH, club_kind=kind, club_month=month, place=town).first()
    if existing is not None:
        return existing
    name = club_name(kind, month, town)
    stage = "due" if kind == Group.ClubKind.DUE else "born"
    where = f" in and around {town.name}" if town else ""
    description = (f"A club for parents whose babies are {stage} in {month:%B %Y}{where}: share the ups and "
                   f"downs with people at exactly the same stage, and meet up when you're ready.")
    from kettle.groups.actions.common import unique_slug

    try:
        with transaction.atomic():
            return Group.objects.create(
                slug=unique_slug(Group, name), name=name, kind=Group.Kind.DUE_MONTH, privacy=Group.Privacy.PRIVATE,
                club_kind=kind, club_month=month, place=town, radius_km=CLUB_RADIUS if town else None,
                run_by_site=True, description=description, description_html=render_markdown(description),
                rules=CLUB_RULES, rules_html=render_markdown(CLUB_RULES))
    except IntegrityError:  # made by a concurrent request a moment ago
        return Group.objects.get(kind=Group.Kind.DUE_MONTH, club_kind=kind, club_month=month, place=town)


def clubs_for(member: Member, *, create: bool = True) -> list[Group]:
    """The site-wide and area clubs for each of the member's children, made if missing."""
    profile = getattr(member, "profile", None)
    town = area_town(profile.place if profile is not None else None)
    keys = {key for child in member.children.all() if (key := club_month(child)) is not None}
    clubs: list[Group] = []
    for kind, month in sorted(keys, key=lambda k: (k[1], k[0])):
        for area in (town, None) if town else (None,):
            if create:
                clubs.append(_club(kind, month, area))
            else:
                found = Group.objects.filter(kind=Group.Kind.DUE_MONTH, club_kind=kind, club_month=month,
                                             place=area).first()
                if found is not None:
                    clubs.append(found)
    return clubs


def matches_club(member: Member, group: Group) -> bool:
    """Whether one of the member's children (not lost) is due or born in the club's month."""
    if not group.is_club:
        return False
    return any(club_month(child) == (group.club_kind, group.club_month) for child in member.children.all())
