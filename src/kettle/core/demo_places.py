"""The demo's places: its Suffolk towns from the gazetteer, imported first on a fresh install."""

from __future__ import annotations

from kettle.core import demo_data as data
from kettle.core.models import Place
from kettle.core.places import gazetteer_places, great_circle_km, import_places, normalise


def demo_towns() -> dict[str, Place]:
    """The demo's towns that the Place table holds in Suffolk. Names repeat across the
    country (there is a Hadleigh in Essex too), so each is the nearest one to Ipswich."""
    by_key = {normalise(name): name for name, _, _ in data.TOWNS}
    found: dict[str, tuple[float, Place]] = {}
    for place in Place.objects.filter(country_code="GB", search_name__in=list(by_key)):
        km = great_circle_km(*data.CENTRE, place.latitude, place.longitude)
        name = by_key[place.search_name]
        if km <= data.MAX_KM and (name not in found or km < found[name][0]):
            found[name] = (km, place)
    return {name: place for name, (_, place) in found.items()}


def ensure_places(say) -> None:
    """A fresh install may have no gazetteer yet: bring in Great Britain's places."""
    if not Place.objects.filter(country_code="GB").exists():
        say("No places in Great Britain yet: importing them from the gazetteer first...")
        count = import_places(gazetteer_places(countries={"GB"}))
        say(f"Imported {count:,} places.")
