"""Keyset pagination: pages never overlap or skip, even when new rows arrive between pages."""

import pytest

from kettle.core.models import Place
from kettle.core.pagination import MAX_LIMIT, keyset_page
from tests.factories import PlaceFactory


@pytest.mark.django_db
def test_walking_pages_visits_every_row_once_newest_first():
    PlaceFactory.create_batch(25)
    seen, before = [], None
    while True:
        page = keyset_page(Place.objects.all(), before=before, limit=10)
        seen.extend(p.id for p in page.items)
        if not page.has_more:
            break
        before = page.next_before
    assert seen == sorted(Place.objects.values_list("id", flat=True), reverse=True)


@pytest.mark.django_db
def test_rows_added_after_the_first_page_do_not_shift_the_next_page():
    PlaceFactory.create_batch(6)
    first = keyset_page(Place.objects.all(), limit=3)
    PlaceFactory.create_batch(4)  # newer ids arrive
    second = keyset_page(Place.objects.all(), before=first.next_before, limit=3)
    assert {p.id for p in first.items}.isdisjoint(p.id for p in second.items)
    assert max(p.id for p in second.items) < min(p.id for p in first.items)


@pytest.mark.django_db
@pytest.mark.parametrize("asked, expected", [(None, 20), (0, 20), (-5, 20), (5, 5), (500, MAX_LIMIT)])
def test_limit_is_clamped_to_a_sane_page_size(asked, expected):
    PlaceFactory.create_batch(45)
    assert len(keyset_page(Place.objects.all(), limit=asked).items) == expected
