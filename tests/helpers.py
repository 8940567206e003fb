"""Helpers shared by the API tests: a client that runs after-commit work, and small shortcuts
for sending JSON and checking the error shape."""

from __future__ import annotations

import json

from django.test import Client, TestCase


class CommittingClient(Client):
    """Runs each request's after-commit work (fan-out, backfill, notifications) as a real server would."""

    def request(self, **request):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return super().request(**request)


def committed(action, *args, **kwargs):
    """Calls an action and runs its after-commit work."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return action(*args, **kwargs)


def send(client: Client, method: str, path: str, body=None, raw: str | None = None):
    """Sends `body` as JSON (or `raw` as it is) with the given method."""
    data = raw if raw is not None else json.dumps(body if body is not None else {})
    return getattr(client, method)(path, data=data, content_type="application/json")


def assert_error(response, status: int, code: str, field: str | None = None):
    """Checks a response is the API's error shape with this status, code and (if given) field."""
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error", "message", "fields"}
    assert body["error"] == code
    if field is not None:
        assert field in body["fields"], body
