"""What the benchmark asks for: calls that the site will answer as the measurement expects."""

from __future__ import annotations

import random

import pytest

from kettle.bench.scenarios import _rsvps
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
