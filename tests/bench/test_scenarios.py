"""What the benchmark asks for: calls that the site will answer as the measurement expects."""

from __future__ import annotations

import random
import re

import pytest
from django.conf import settings
from django.test import Client

from kettle.bench.http import Call
from kettle.bench.measure import send
from kettle.bench.scenarios import _rsvps, identity
from tests.factories import make_meetup, make_member


@pytest.mark.django_db
def test_rsvps_go_only_to_meetups_that_will_not_have_started_by_the_time_they_are_sent():
    host = make_member("host")
    for number in range(4):
        make_member(f"parent{number}")
    make_meetup(host, "Starting in twenty minutes", in_days=20 / (24 * 60))
    later = make_meetup(host, "Tomorrow's walk", in_days=1)

    calls = _rsvps(random.Random(1), 4)

    assert len(calls) == 4
    assert {call.path for call in calls} == {f"/api/v1/meetups/{later.id}/rsvp"}



@pytest.mark.django_db
def test_a_benchmark_viewer_is_a_signed_in_browser_that_keeps_its_csrf_cookie():
    viewer = identity(make_member("viewer"))
    client = Client()

    response = send(client, Call("GET", "/", viewer.session()))

    assert response.status_code == 200
    assert f'<a href="{viewer.member.url}"' in response.content.decode()  # signed in
    assert response.cookies[settings.CSRF_COOKIE_NAME].value == viewer.csrf_secret  # renewed, not replaced
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()).group(1)
    posted = Client(enforce_csrf_checks=True)
    posted.cookies.load(viewer.session()["Cookie"])
    assert posted.post("/posts/new", {"body": "Hello", "csrfmiddlewaretoken": token}).status_code != 403
