"""Under ASGI every request of a server process runs its sync code on one thread, so the
database connection is opened once and reused, never left open per request."""

from __future__ import annotations

import os

import pytest
from asgiref.sync import async_to_sync
from asgiref.testing import ApplicationCommunicator
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)


def _open_database_files() -> int:
    name = os.path.realpath(connection.settings_dict["NAME"])
    count = 0
    for fd in os.listdir("/proc/self/fd"):
        try:
            if os.path.realpath(f"/proc/self/fd/{fd}") == name:
                count += 1
        except OSError:
            continue
    return count


async def _get(application, path: str) -> int:
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
             "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"",
             "root_path": "", "headers": [(b"host", b"127.0.0.1")], "client": ("127.0.0.1", 5000),
             "server": ("127.0.0.1", 8000)}
    communicator = ApplicationCommunicator(application, scope)
    await communicator.send_input({"type": "http.request", "body": b"", "more_body": False})
    start = await communicator.receive_output(timeout=10)
    while True:
        message = await communicator.receive_output(timeout=10)
        if not message.get("more_body"):
            break
    await communicator.wait(timeout=10)
    return start["status"]


def _served_on(application, count: int) -> list[tuple[int, int]]:
    """(thread, database connection) that each of `count` requests was answered with."""
    import threading

    from django.core.signals import request_finished
    from django.db import connection as current

    seen = []

    def note(**kwargs):
        seen.append((threading.get_ident(), id(current.connection)))

    request_finished.connect(note, weak=False)
    try:
        for _ in range(count):
            assert async_to_sync(_get)(application, "/health/") == 200
    finally:
        request_finished.disconnect(note)
    return seen


def test_every_request_runs_on_one_thread_with_one_connection(settings):
    from kettle.asgi import application

    settings.DATABASES["default"]["CONN_MAX_AGE"] = 600  # what production keeps
    seen = _served_on(application, 6)
    assert len(seen) == 6 and len(set(seen)) == 1, seen


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="counts open files through /proc")
@pytest.mark.skipif(connection.vendor != "sqlite", reason="counts the SQLite file's descriptors")
def test_no_connection_is_left_open_per_request(settings):
    from kettle.asgi import application

    settings.DATABASES["default"]["CONN_MAX_AGE"] = 600
    counts = []
    for _ in range(8):
        assert async_to_sync(_get)(application, "/health/") == 200
        counts.append(_open_database_files())
    assert counts[-1] == counts[0], f"database files open after each request: {counts}"
