"""`kettle reminders queue` queues each upcoming meetup's reminders on a backend that can wait,
and says clearly why it can't when tasks run inline."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django_tasks import task_backends

from kettle.meetups.actions import do_cancel_meetup
from tests.factories import make_meetup, make_member
from tests.helpers import committed

pytestmark = pytest.mark.django_db(transaction=True)  # reminders are queued once the transaction commits

DEFERRING = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def test_inline_tasks_are_refused_with_the_reason():
    with pytest.raises(CommandError, match="KETTLE_TASKS_IMMEDIATE"):
        call_command("reminders", "queue")


def test_every_upcoming_meetup_gets_its_day_and_hour_reminders():
    host = make_member("hollie")
    soon = make_meetup(host, "In three days", in_days=3)
    make_meetup(host, "In two hours", in_days=2 / 24)
    cancelled = make_meetup(host, "Called off", in_days=5)
    committed(do_cancel_meetup, host, cancelled.id)

    with override_settings(TASKS=DEFERRING):
        backend = task_backends["default"]
        backend.clear()
        call_command("reminders", "queue", verbosity=0)
        queued = sorted((r.kwargs["meetup_id"], r.kwargs["which"], r.task.run_after) for r in backend.results)

    later = [row for row in queued if row[0] == soon.id]
    assert [(which, when) for _, which, when in later] == [
        ("day", soon.starts_at - timedelta(hours=24)), ("hour", soon.starts_at - timedelta(hours=1))]
    assert {which for meetup_id, which, _ in queued if meetup_id != soon.id} == {"hour"}  # a day's notice has passed
    assert cancelled.id not in {meetup_id for meetup_id, _, _ in queued}
