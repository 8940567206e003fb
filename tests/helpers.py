"""Helpers shared by the tests: running after-commit work (a client, an action, a post), reading
a page's text, and small shortcuts for sending JSON and checking the API's error shape."""

from __future__ import annotations

import html
import json

from django.test import Client, TestCase

from kettle.social.actions import do_create_post


class CommittingClient(Client):
    """Runs each request's after-commit work (fan-out, backfill, notifications) as a real server would."""

    def request(self, **request):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return super().request(**request)


def committed(action, *args, **kwargs):
    """Calls an action and runs its after-commit work."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return action(*args, **kwargs)


def posted(author, body: str = "How was everyone's night?", **kwargs):
    """Publishes a post through the action and runs its fan-out and notifications."""
    return committed(do_create_post, author, body=body, **kwargs)


def text_of(response) -> str:
    """A page's markup with entities decoded, so assertions can use plain quotes and apostrophes."""
    return html.unescape(response.content.decode())


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


class _Undo(Exception):
    pass


def run_undone(client_for, run, op: str, world, viewer: str):
    """A permission matrix's cell: run one operation, then undo whatever it wrote, so every cell
    starts from the same world. The viewer's client is made first, so its token outlives it."""
    from django.db import transaction

    outcome = None
    client_for(viewer)
    try:
        with transaction.atomic():
            outcome = run(op, world, viewer)
            raise _Undo
    except _Undo:
        pass
    return outcome
