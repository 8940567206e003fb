"""Places: picker search, the htmx and API endpoints, distance bands and the gazetteer import."""

from __future__ import annotations

import pytest

from kettle.core.models import Place
from kettle.core.places import distance_band, import_places, normalise, search_places
from tests.factories import SUFFOLK, PlaceFactory, suffolk_place


@pytest.fixture
def suffolk(db):
    return {name: suffolk_place(name) for name in SUFFOLK}


def names(places) -> list[str]:
    return [place.name for place in places]


@pytest.mark.parametrize("query", ["kes", "KES", "Kes", "  kesg ", "késgrâve", "KESGRAVE"])
def test_search_finds_places_by_prefix_ignoring_case_and_accents(suffolk, query):
    assert names(search_places(query)) == ["Kesgrave"]


def test_search_matches_the_start_of_the_name_only(suffolk):
    assert search_places("grave") == []
    assert search_places("market") == []


def test_search_folds_accents_and_dots_in_place_names_too(db):
    PlaceFactory(name="Écouché", search_name=normalise("Écouché"))
    PlaceFactory(name="St. Neots", search_name=normalise("St. Neots"))
    assert names(search_places("ecou")) == ["Écouché"]
    assert names(search_places("st neo")) == ["St. Neots"]
    assert names(search_places("St. Ne")) == ["St. Neots"]


def test_search_lists_the_biggest_places_first(suffolk):
    PlaceFactory(name="Kessingland", search_name="kessingland", population=4300)
    PlaceFactory(name="Keswick", search_name="keswick", population=500_000)
    assert names(search_places("kes")) == ["Keswick", "Kesgrave", "Kessingland"]


def test_search_stops_at_the_limit(db):
    for n in range(15):
        PlaceFactory(name=f"Tea Town {n}", search_name=f"tea town {n}", population=n)
    found = search_places("tea")
    assert len(found) == 10 and found[0].population == 14


@pytest.mark.parametrize("query", ["", "k", " k ", "é", "..", None])
def test_search_needs_at_least_two_letters(suffolk, query):
    assert search_places(query or "") == []


def test_the_picker_endpoint_returns_radio_options(suffolk, client):
    response = client.get("/places/search/", {"q": "i"})
    assert "<input" not in response.content.decode()
    page = client.get("/places/search/", {"place_q": "ips"}).content.decode()
    assert f'<input type="radio" name="place_id" value="{suffolk["Ipswich"].id}" checked>' in page
    assert "Ipswich, England, United Kingdom" in page


def test_the_picker_names_its_radios_after_the_asking_field_but_only_an_id_field(suffolk, client):
    page = client.get("/places/search/", {"q": "kes", "field": "area-place_id"}).content.decode()
    assert 'name="area-place_id"' in page
    page = client.get("/places/search/", {"q": "kes", "field": 'x" onclick="alert(1)'}).content.decode()
    assert 'name="place_id"' in page and "onclick" not in page


def test_the_picker_says_so_when_nothing_matches_and_escapes_the_query(suffolk, client):
    page = client.get("/places/search/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "No towns or villages start with" in page
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_the_picker_only_answers_get(client, db):
    assert client.post("/places/search/", {"q": "kes"}).status_code == 405


def test_the_places_api_lists_matches_with_a_fixed_shape(suffolk, client):
    response = client.get("/api/v1/places", {"q": "woo"})
    assert response.status_code == 200
    assert response.json() == [{"id": suffolk["Woodbridge"].id, "name": "Woodbridge", "region": "England",
                                "country": "United Kingdom", "label": "Woodbridge, England, United Kingdom"}]


def test_the_places_api_never_shows_coordinates(suffolk, client):
    body = client.get("/api/v1/places", {"q": "kes"}).content.decode()
    assert "52.06" not in body and "1.236" not in body and suffolk["Kesgrave"].h3_cell not in body


@pytest.mark.parametrize("params", [{"q": "k"}, {"q": ""}, {}, {"q": "x" * 101}])
def test_the_places_api_refuses_a_too_short_or_missing_query_with_the_error_shape(db, client, params):
    response = client.get("/api/v1/places", params)
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "invalid" and body["message"]
    assert list(body["fields"]) == ["q"]


@pytest.mark.parametrize("a, b, band", [
    ("Kesgrave", "Kesgrave", "same town"),
    ("Ipswich", "Kesgrave", "5-15 km"),
    ("Kesgrave", "Woodbridge", "5-15 km"),
    ("Ipswich", "Woodbridge", "5-15 km"),
    ("Ipswich", "Felixstowe", "15-30 km"),
    ("Ipswich", "Stowmarket", "15-30 km"),
    ("Ipswich", "Bury St Edmunds", "over 30 km"),
    ("Ipswich", "Lowestoft", "over 30 km"),
    ("Felixstowe", "Bury St Edmunds", "over 30 km"),
])
def test_distance_bands_between_real_suffolk_places(suffolk, a, b, band):
    assert distance_band(suffolk[a], suffolk[b]) == band
    assert distance_band(suffolk[b], suffolk[a]) == band


def test_two_nearby_places_are_under_5_km(suffolk):
    martlesham = PlaceFactory(name="Martlesham", latitude=52.0636, longitude=1.2818, population=5000)
    assert distance_band(suffolk["Kesgrave"], martlesham) == "under 5 km"


def test_two_places_in_the_same_cell_are_close_but_not_the_same_town(db):
    a = PlaceFactory(latitude=52.0624, longitude=1.2365)
    b = PlaceFactory(latitude=52.0625, longitude=1.2366)
    assert a.h3_cell == b.h3_cell
    assert distance_band(a, b) == "under 5 km"


def test_no_band_without_both_places(suffolk):
    assert distance_band(None, suffolk["Ipswich"]) is None
    assert distance_band(suffolk["Ipswich"], None) is None


def fake_gazetteer(population: int = 1000):
    for n, (name, lat, lng) in enumerate([("Alpha", 52.0, 1.0), ("Bravo", 52.1, 1.1), ("Charlie", 52.2, 1.2)]):
        yield Place(id=8_000_000 + n, name=name, search_name=normalise(name), region="England",
                    country_code="GB", country_name="United Kingdom", population=population,
                    timezone="Europe/London", latitude=lat, longitude=lng, h3_cell="87194e860ffffff")


def test_importing_places_twice_gives_the_same_rows(db):
    class Progress:
        total = 0

        def update(self, n):
            self.total += n

    progress = Progress()
    assert import_places(fake_gazetteer(), progress=progress) == 3
    assert Place.objects.count() == 3 and progress.total == 3
    assert import_places(fake_gazetteer(population=2000), batch_size=2) == 3
    assert Place.objects.count() == 3
    assert set(Place.objects.values_list("population", flat=True)) == {2000}
    assert names(search_places("cha")) == ["Charlie"]
