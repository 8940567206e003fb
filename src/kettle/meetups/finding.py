"""Finding meetups: near me this week and later, filtered by day, children's age and kind,
ordered by time within distance bands (DESIGN.md's location rules). Also a group's meetups,
an organisation's classes and my own. Every list starts from Meetup.objects.visible_to."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import ExtractIsoWeekDay
from django.utils import timezone

from kettle.core.models import Place
from kettle.core.places import BANDS, FAR, distance_band
from kettle.meetups.ages import band_filter, for_children
from kettle.meetups.models import Meetup, Rsvp

NEAR_KM = 30.0
WEEK = timedelta(days=7)
WHEN = ("week", "later")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PAGE_SIZE = 20
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
FEED_HISTORY = timedelta(days=30)  # calendars keep the last month's meetups too
BAND_ORDER = [label for label, _ in BANDS] + [FAR]


@dataclass
class MeetupCard:
    meetup: Meetup
    band: str | None = None
    my_status: str | None = None


@dataclass
class MeetupPage:
    cards: list[MeetupCard]
    next_after: str | None

    @property
    def has_more(self) -> bool:
        return self.next_after is not None


@dataclass
class Filters:
    when: str = "week"
    day: date | None = None
    weekday: str = ""
    age: str = ""
    kind: str = ""
    q: str = ""


class FilterError(ValueError):
    """A filter value that means nothing; carries the field it came from."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def parse_filters(when="", day="", age="", kind="", q="") -> Filters:
    """Check what came in the address; a bad value is a FilterError, never a silent guess."""
    filters = Filters(when=when or "week", age=age or "", kind=kind or "", q=(q or "").strip()[:100])
    if filters.when not in WHEN:
        raise FilterError("when", "Choose this week or later.")
    if day:
        if day in WEEKDAYS:
            filters.weekday = day
        else:
            try:
                filters.day = date.fromisoformat(day)
            except ValueError:
                raise FilterError("day", "Give a day as a date (2026-03-14) or a weekday (sat).") from None
            if not 1900 <= filters.day.year <= 2999:  # far-off days overflow as times in a zone
                raise FilterError("day", "Choose a day from today up to a year ahead.")
    if filters.age and filters.age != "mine" and band_filter(filters.age) is None:
        raise FilterError("age", "Choose an age range from the list.")
    if filters.kind and filters.kind not in Meetup.Kind.values:
        raise FilterError("kind", "Choose a playdate, a coffee, a class or an event.")
    return filters


def viewer_zone(viewer) -> ZoneInfo:
    place = getattr(getattr(viewer, "profile", None), "place", None)
    return ZoneInfo(place.timezone if place is not None and place.timezone else settings.TIME_ZONE)


def _filtered(qs: QuerySet, viewer, filters: Filters, now: datetime) -> QuerySet:
    zone = viewer_zone(viewer)
    today = now.astimezone(zone).date()
    week_end = datetime.combine(today + WEEK, time(), tzinfo=zone)
    if filters.day is not None:
        start = datetime.combine(filters.day, time(), tzinfo=zone)
        qs = qs.filter(starts_at__gte=start, starts_at__lt=start + timedelta(days=1))
    elif filters.when == "week":
        qs = qs.filter(starts_at__lt=week_end)
    else:
        qs = qs.filter(starts_at__gte=week_end)
    if filters.weekday:
        # The weekday in the viewer's zone, as the dates above. (A starts_at__week_day lookup
        # reads the zone active when the SQL is compiled, not when the filter is built.)
        qs = qs.alias(local_weekday=ExtractIsoWeekDay("starts_at", tzinfo=zone)).filter(
            local_weekday=WEEKDAYS.index(filters.weekday) + 1)
    if filters.age == "mine":
        rule = for_children(viewer, today) if viewer is not None else None
        if rule is not None:
            qs = qs.filter(rule)
    elif filters.age:
        qs = qs.filter(band_filter(filters.age))
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    return matching(qs, filters.q)


def matching(qs: QuerySet, words: str) -> QuerySet:
    """Meetups whose title, description or venue holds every word (six at most)."""
    for word in words.replace("\x00", "").split()[:6]:
        qs = qs.filter(Q(title__icontains=word) | Q(description__icontains=word) | Q(venue__name__icontains=word))
    return qs


def _places_by_band(home: Place) -> dict[str, list[int]]:
    """Places with a venue within NEAR_KM of home, by band. A box on latitude and longitude
    narrows the venues' places; distance_band (H3 cell centres) decides each one."""
    from kettle.meetups.models import Venue

    # The box reaches about 33 km every way (NEAR_KM and a cell's slack). A degree of latitude
    # is 111 km everywhere; a degree of longitude narrows towards the poles (68 km at Ipswich,
    # 55 km in Shetland), so the box widens with the latitude.
    lat_span = 0.3
    lng_span = min(180.0, lat_span / max(math.cos(math.radians(home.latitude)), 0.01))
    box = Q(place__latitude__range=(home.latitude - lat_span, home.latitude + lat_span),
            place__longitude__range=(home.longitude - lng_span, home.longitude + lng_span))
    bands: dict[str, list[int]] = {}
    for place in Place.objects.filter(id__in=Venue.objects.filter(box).values("place_id")):
        band = distance_band(home, place)
        if band != FAR:
            bands.setdefault(band, []).append(place.id)
    return bands


def _cursor(rank: int, meetup: Meetup) -> str:
    """Where the next page starts: the band, then the time and id of the last meetup shown."""
    return f"{rank}.{(meetup.starts_at - EPOCH) // timedelta(microseconds=1)}.{meetup.id}"


def _after(qs: QuerySet, after: str | None) -> QuerySet:
    if not after:
        return qs
    parts = after.split(".")
    if len(parts) != 3 or not all(part.isdigit() and len(part) < 20 for part in parts):
        raise FilterError("after", "That page link is out of date. Start again from the first page.")
    rank, micros, last_id = (int(part) for part in parts)
    try:
        start = EPOCH + timedelta(microseconds=micros)
    except OverflowError:
        raise FilterError("after", "That page link is out of date. Start again from the first page.") from None
    later = Q(starts_at__gt=start) | Q(starts_at=start, id__gt=last_id)
    return qs.filter(Q(band_rank__gt=rank) | (Q(band_rank=rank) & later))


def with_my_status(cards: list[MeetupCard], viewer) -> list[MeetupCard]:
    if viewer is not None and cards:
        statuses = dict(Rsvp.objects.filter(member=viewer, meetup__in=[c.meetup.id for c in cards]).values_list(
            "meetup_id", "status"))
        for card in cards:
            card.my_status = statuses.get(card.meetup.id)
    return cards


def find_meetups(viewer, filters: Filters, *, near: Place | None = None, after: str | None = None,
                 limit: int = PAGE_SIZE) -> MeetupPage:
    """Upcoming meetups the viewer may see. With a home place: only those within 30 km, the
    nearest band first and by time inside each band. Without one: everything, by time. One
    query for the page, however many bands it spans."""
    now = timezone.now()
    qs = _filtered(Meetup.objects.visible_to(viewer).upcoming(now), viewer, filters, now).for_display()
    if near is None:
        qs = qs.annotate(band_rank=Value(0))
    else:
        places = _places_by_band(near)
        if not places:
            _after(qs, after)  # a bad page link is still refused
            return MeetupPage([], None)
        qs = qs.filter(venue__place_id__in=[pid for ids in places.values() for pid in ids]).annotate(
            band_rank=Case(*[When(venue__place_id__in=ids, then=Value(BAND_ORDER.index(label)))
                             for label, ids in places.items()], default=Value(len(BAND_ORDER)),
                           output_field=IntegerField()))
    rows = list(_after(qs, after).order_by("band_rank", "starts_at", "id")[:limit + 1])
    cards = [MeetupCard(m, BAND_ORDER[m.band_rank] if near is not None else None) for m in rows[:limit]]
    more = _cursor(rows[limit - 1].band_rank, rows[limit - 1]) if len(rows) > limit else None
    return MeetupPage(with_my_status(cards, viewer), more)


def _cards(viewer, qs: QuerySet, limit: int) -> list[MeetupCard]:
    return with_my_status([MeetupCard(m) for m in qs.for_display().order_by("starts_at", "id")[:limit]], viewer)


def next_of_each_course(qs: QuerySet) -> QuerySet:
    """One card per course: a session shows only when no earlier session of its course is
    still to come (one-off meetups always show). The card says "Session 2 of 6"."""
    earlier = Meetup.objects.upcoming().filter(series=OuterRef("series"), starts_at__lt=OuterRef("starts_at"))
    return qs.filter(Q(series=None) | ~Exists(earlier))


def group_meetups(viewer, group, *, limit: int = 10) -> list[MeetupCard]:
    return _cards(viewer, next_of_each_course(Meetup.objects.visible_to(viewer).upcoming().filter(group=group)),
                  limit)


def organisation_meetups(viewer, organisation, *, limit: int = 20) -> list[MeetupCard]:
    return _cards(viewer, next_of_each_course(
        Meetup.objects.visible_to(viewer).upcoming().filter(organisation=organisation)), limit)


def my_meetups(member, *, past: bool = False, limit: int = 40) -> list[MeetupCard]:
    """What I'm hosting, going to, waiting for or thinking about; or the ones already over."""
    now = timezone.now()
    mine = Q(host=member) | Q(rsvps__member=member, rsvps__status__in=(
        Rsvp.Status.GOING, Rsvp.Status.MAYBE, Rsvp.Status.WAITLISTED, Rsvp.Status.REQUESTED))
    qs = Meetup.objects.visible_to(member).filter(pk__in=Meetup.objects.filter(mine).values("pk"))
    if past:
        rows = qs.filter(ends_at__lte=now).for_display().order_by("-starts_at", "-id")[:limit]
        return with_my_status([MeetupCard(m) for m in rows], member)
    return _cards(member, qs.filter(ends_at__gt=now), limit)


def going_to(member) -> QuerySet:
    """Everything the member is going to (or hosting) that hasn't been cancelled: the feed."""
    going = Q(host=member) | Q(rsvps__member=member, rsvps__status=Rsvp.Status.GOING)
    since = timezone.now() - FEED_HISTORY
    return (Meetup.objects.visible_to(member).filter(pk__in=Meetup.objects.filter(going).values("pk"),
                                                     cancelled_at=None, ends_at__gt=since)
            .select_related("venue__place").order_by("starts_at", "id"))


def search_meetups(viewer, query: str, *, limit: int = 5) -> list[MeetupCard]:
    """Upcoming meetups matching the words, for the search page (visible ones only, soonest first)."""
    return _cards(viewer, matching(Meetup.objects.visible_to(viewer).upcoming(), query), limit)
