"""Meetups through the API, whatever is sent: odd filters, far-off times and any JSON at all get
an answer (a field error or a 4xx), never a crash."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from kettle.accounts.actions import do_create_token
from kettle.meetups.models import Meetup
from tests.factories import make_meetup, make_member, make_venue
from tests.helpers import assert_error, send
from tests.meetups.support import new_meetup

MEETUPS = "/api/v1/meetups"


@pytest.mark.parametrize("query", ["day=9999-12-31", "day=0001-01-01", "after=9999999999999999999.1.1",
                                   "after=1.99999999999999999.1", "q=%00", "age=mine", "when=later&day=sun"])
def test_odd_filters_are_answered_never_a_crash(query, hana, vic, library, api):
    make_meetup(hana, venue=library)
    for client in (api(), api(vic)):
        response = client.get(f"{MEETUPS}?{query}")
        assert response.status_code in (200, 400), response.content
        if response.status_code == 400:
            assert_error(response, 400, "invalid", query.split("=")[0])


@pytest.mark.parametrize("starts_at", ["9999-12-31T23:59:59-05:00", "0001-01-01T00:00:00+05:00", "9999-12-31T23:59"])
def test_a_far_off_time_is_a_field_error_never_a_crash(starts_at, hana, library, api):
    meetup = make_meetup(hana, venue=library)
    for method, path in (("post", MEETUPS), ("patch", f"{MEETUPS}/{meetup.id}")):
        response = send(api(hana), method, path, new_meetup(library, starts_at=starts_at))
        assert_error(response, 422, "invalid", "starts_at")
    assert Meetup.objects.count() == 1


KEYS = ["title", "venue_id", "starts_at", "ends_at", "capacity", "kind", "audience", "group_id", "organisation_id",
        "age_from_months", "age_to_months", "repeat_every_weeks", "sessions", "status", "decision", "body", "name",
        "place_id", "into", "reason", "whole_series", "first_timer", "safety_read", "notes", "cost"]
FUZZ_ENDPOINTS = [
    ("post", MEETUPS), ("patch", MEETUPS + "/{meetup}"), ("post", MEETUPS + "/{meetup}/cancel"),
    ("put", MEETUPS + "/{meetup}/rsvp"), ("post", MEETUPS + "/{meetup}/people/{member}"),
    ("post", MEETUPS + "/{meetup}/comments"), ("post", MEETUPS + "/{meetup}/messages"),
    ("post", "/api/v1/venues"), ("patch", "/api/v1/venues/{venue}"), ("post", "/api/v1/venues/{venue}/merge"),
]


@pytest.fixture
def django_settings(settings):
    """pytest-django's settings fixture, renamed: `settings` here is hypothesis's."""
    return settings


def _bodies():
    scalars = st.one_of(st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
                        st.floats(allow_nan=False), st.text(max_size=30),
                        st.sampled_from(["2030-01-01T10:00", "9999-12-31T23:59+05:00", "going", "approve", "class",
                                         "group", "Home", "12 Acacia Avenue", "", "1"]))
    json_values = st.recursive(scalars, lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(KEYS), inner, max_size=3)), max_leaves=6)
    return st.one_of(st.dictionaries(st.sampled_from(KEYS), json_values, max_size=6), json_values)


@pytest.mark.parametrize("method, path", FUZZ_ENDPOINTS)
def test_any_json_gets_an_answer_never_a_crash(db, django_settings, method, path):
    django_settings.MEETUP_CREATE_RATE = django_settings.VENUE_CREATE_RATE = "100000/3600"
    django_settings.COMMENT_RATE = django_settings.MEETUP_MESSAGE_RATE = "100000/3600"
    host = make_member(None, is_public=True, place="Ipswich")
    venue = make_venue(host, "Ipswich Library")
    meetup = make_meetup(host, venue=venue)
    _, raw = do_create_token(host, name="fuzz")
    client = Client(headers={"Authorization": f"Bearer {raw}"})
    url = path.format(meetup=meetup.id, venue=venue.id, member=host.id)

    @hypothesis_settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(body=_bodies())
    def check(body):
        response = getattr(client, method)(url, data=json.dumps(body), content_type="application/json")
        assert response.status_code < 500
        if response.status_code >= 400:
            assert set(response.json()) == {"error", "message", "fields"}

    check()
