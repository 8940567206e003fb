"""Under ASGI each request runs on a thread of its own, so its database connection must be
closed when the response is done: kept "for reuse" it would never be reused, only left open."""

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


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="counts open files through /proc")
@pytest.mark.skipif(connection.vendor != "sqlite", reason="counts the SQLite file's descriptors")
def test_no_connection_outlives_its_request(settings):
    from kettle.asgi import application

    settings.DATABASES["default"]["CONN_MAX_AGE"] = 600  # what production keeps for threads that last
    counts = []
    for _ in range(8):
        assert async_to_sync(_get)(application, "/health/") == 200
        counts.append(_open_database_files())
    assert counts[-1] == counts[0], f"database files open after each request: {counts}"
