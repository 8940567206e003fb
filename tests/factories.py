"""Test data. Members are made through the same action the CLI uses, so tests exercise
the real write path."""

from __future__ import annotations

import itertools
from datetime import date

import factory

from kettle.accounts import actions
from kettle.accounts.models import Member
from kettle.core.models import Place
from kettle.core.places import cell_for, normalise

PASSWORD = "a kettle of fish 99"
_counter = itertools.count(1)

# Real Suffolk places (GeoNames ids and centres), so distance bands are meaningful.
SUFFOLK = {
    "Ipswich": (2646057, 52.05917, 1.15545, 178835),
    "Kesgrave": (6301921, 52.06241, 1.2365, 11020),
    "Woodbridge": (2633671, 52.09332, 1.32042, 11200),
    "Stowmarket": (2636749, 52.18893, 0.99774, 21028),
    "Bury St Edmunds": (2654186, 52.2463, 0.71111, 41280),
    "Felixstowe": (2649414, 51.96375, 1.35109, 23689),
    "Lowestoft": (2643490, 52.47523, 1.75159, 71327),
}


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place
        django_get_or_create = ("id",)

    id = factory.Sequence(lambda n: 9_000_000 + n)
    name = factory.Sequence(lambda n: f"Testville {n}")
    search_name = factory.LazyAttribute(lambda o: normalise(o.name))
    region = "England"
    country_code = "GB"
    country_name = "United Kingdom"
    population = 1000
    timezone = "Europe/London"
    latitude = 52.0
    longitude = 1.0
    h3_cell = factory.LazyAttribute(lambda o: cell_for(o.latitude, o.longitude))


def suffolk_place(name: str) -> Place:
    geonameid, lat, lng, population = SUFFOLK[name]
    return PlaceFactory(id=geonameid, name=name, latitude=lat, longitude=lng, population=population)


def make_member(handle: str | None = None, *, password: str | None = PASSWORD, staff: bool = False,
                place: str | None = None, children: list[dict] | None = None, **profile) -> Member:
    """A confirmed, onboarded member; profile fields go through do_update_profile."""
    handle = handle or f"member{next(_counter)}"
    member = actions.do_create_member(email=f"{handle}@example.test", handle=handle, password=password,
                                      display_name=profile.pop("display_name", handle.title()), staff=staff)
    Member.objects.filter(id=member.id).update(onboarded_at=member.date_joined)
    changes = dict(profile)
    if place is not None:
        changes["place_id"] = suffolk_place(place).id
    if children:
        changes["children"] = children
    if changes:
        actions.do_update_profile(member, **changes)
    return Member.objects.with_profile().get(id=member.id)


def months_ago(today: date, months: int) -> dict:
    index = today.year * 12 + (today.month - 1) - months
    return {"birth_year": index // 12, "birth_month": index % 12 + 1}


def make_group(owner: Member, name: str = "Ipswich Parents", *, privacy: str = "public", kind: str = "interest",
               members: tuple[Member, ...] = (), moderators: tuple[Member, ...] = (), **fields):
    """A group made through the real actions: its owner, then members (and moderators) joined
    as active members, whatever the group's privacy."""
    from kettle.groups import actions as group_actions
    from kettle.groups.models import Membership
    from tests.helpers import committed

    if kind == "local":
        fields.setdefault("place_id", suffolk_place("Ipswich").id)
        fields.setdefault("radius_km", 15)
    group = committed(group_actions.do_create_group, owner, name=name, privacy=privacy, kind=kind, **fields)
    for person in (*members, *moderators):
        if privacy == "public":
            committed(group_actions.do_join_group, person, group.id)
        else:
            committed(group_actions.do_invite_member, owner, group.id, person.handle)
            committed(group_actions.do_join_group, person, group.id)
    for person in moderators:
        group_actions.do_set_role(owner, group.id, person.id, Membership.Role.MODERATOR)
    group.refresh_from_db()
    return group


def make_venue(creator: Member, name: str = "Ipswich Library", *, place: str = "Ipswich", kind: str = "library",
               address: str = "Northgate Street", **fields):
    """A public venue, added through the real action."""
    from kettle.meetups.actions import do_create_venue

    return do_create_venue(creator, name=name, place_id=suffolk_place(place).id, kind=kind, address=address,
                           **fields)


def make_meetup(host: Member, title: str = "Coffee and a walk", *, venue=None, in_days: float = 3,
                hours: float = 1.5, **fields):
    """A meetup starting `in_days` from now (UTC), made through the real action."""
    from datetime import timedelta

    from django.utils import timezone

    from kettle.meetups.actions import do_create_meetup
    from tests.helpers import committed

    venue = venue or make_venue(host, f"{title} Cafe", kind="cafe")
    start = (timezone.now() + timedelta(days=in_days)).replace(microsecond=0)
    fields.setdefault("starts_at", start)
    fields.setdefault("ends_at", fields["starts_at"] + timedelta(hours=hours))
    return committed(do_create_meetup, host, title=title, venue_id=venue.id, **fields)
