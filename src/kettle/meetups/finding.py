"""Finding meetups: near me this week and later, filtered by day, children's age and kind,
ordered by time within distance bands (DESIGN.md's location rules). Also a group's meetups,
an organisation's classes and my own. Every list starts from Meetup.objects.visible_to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q, QuerySet
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
        with timezone.override(zone):  # week_day is read in the active zone: Sunday is 1
            number = (WEEKDAYS.index(filters.weekday) + 1) % 7 + 1
            qs = qs.filter(pk__in=Meetup.objects.filter(starts_at__week_day=number).values("pk"))
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

    box = Q(place__latitude__range=(home.latitude - 0.3, home.latitude + 0.3),
            place__longitude__range=(home.longitude - 0.5, home.longitude + 0.5))
    bands: dict[str, list[int]] = {}
    for place in Place.objects.filter(id__in=Venue.objects.filter(box).values("place_id")):
        band = distance_band(home, place)
        if band != FAR:
            bands.setdefault(band, []).append(place.id)
    return bands


def _cursor(band_index: int, meetup: Meetup) -> str:
    return f"{band_index}.{meetup.id}"


def _parse_cursor(after: str | None) -> tuple[int, Meetup | None]:
    if not after:
        return 0, None
    band, _, meetup_id = after.partition(".")
    if not (band.isdigit() and meetup_id.isdigit()):
        raise FilterError("after", "That page link is out of date. Start again from the first page.")
    return int(band), Meetup.objects.filter(id=int(meetup_id)).only("id", "starts_at").first()


def _after(qs: QuerySet, last: Meetup | None) -> QuerySet:
    if last is None:
        return qs
    return qs.filter(Q(starts_at__gt=last.starts_at) | Q(starts_at=last.starts_at, id__gt=last.id))


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
    nearest band first and by time inside each band. Without one: everything, by time."""
    now = timezone.now()
    base = _filtered(Meetup.objects.visible_to(viewer).upcoming(now), viewer, filters, now).for_display()
    band_index, last = _parse_cursor(after)
    if near is None:
        groups = [(None, base)]
    else:
        places = _places_by_band(near)
        groups = [(label, base.filter(venue__place_id__in=places[label])) for label in BAND_ORDER if label in places]
    cards: list[MeetupCard] = []
    more_after = None
    for index, (label, qs) in enumerate(groups):
        if index < band_index:
            continue
        rows = list(_after(qs, last if index == band_index else None).order_by("starts_at", "id")[
                    :limit - len(cards) + 1])
        room = limit - len(cards)
        cards += [MeetupCard(meetup, label) for meetup in rows[:room]]
        if len(rows) > room:
            more_after = _cursor(index, cards[-1].meetup)
            break
        if len(cards) == limit and index + 1 < len(groups):
            more_after = f"{index + 1}.0"  # the next band, from its start
            break
    return MeetupPage(with_my_status(cards, viewer), more_after)


def _cards(viewer, qs: QuerySet, limit: int) -> list[MeetupCard]:
    return with_my_status([MeetupCard(m) for m in qs.for_display().order_by("starts_at", "id")[:limit]], viewer)


def group_meetups(viewer, group, *, limit: int = 10) -> list[MeetupCard]:
    return _cards(viewer, Meetup.objects.visible_to(viewer).upcoming().filter(group=group), limit)


def organisation_meetups(viewer, organisation, *, limit: int = 20) -> list[MeetupCard]:
    return _cards(viewer, Meetup.objects.visible_to(viewer).upcoming().filter(organisation=organisation), limit)


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
