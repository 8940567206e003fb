"""WAL checkpoints off the request path: `kettle serve`'s thread copies what request
connections wrote, and request connections only checkpoint themselves past a backstop."""

from __future__ import annotations

import sqlite3

import pytest
from django.db import connection

from kettle.core.checkpoints import REQUEST_AUTOCHECKPOINT, Checkpointer, start_checkpoints


def _wal_database(path) -> sqlite3.Connection:
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("PRAGMA wal_autocheckpoint=0")  # as a request connection, well under its backstop
    writer.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT)")
    writer.executemany("INSERT INTO note (body) VALUES (?)", [("x" * 500,)] * 200)
    return writer


def test_a_checkpoint_copies_every_page_the_writers_left_in_the_wal(tmp_path):
    path = tmp_path / "kettle.sqlite3"
    writer = _wal_database(path)
    before = path.stat().st_size  # the writes are all in the WAL still

    busy, pages, done = Checkpointer(str(path)).checkpoint_once()

    assert busy == 0 and pages > 0 and done == pages
    assert path.stat().st_size > before + 200 * 500  # the rows are in the database file now
    assert writer.execute("SELECT count(*) FROM note").fetchone() == (200,)


def test_a_checkpoint_that_cannot_start_is_skipped_quietly(tmp_path):
    assert Checkpointer(str(tmp_path / "no-such-folder" / "kettle.sqlite3")).checkpoint_once() is None


def test_the_thread_checkpoints_on_its_own_and_stops_when_asked(tmp_path):
    path = tmp_path / "kettle.sqlite3"
    _wal_database(path)
    before = path.stat().st_size
    checkpointer = Checkpointer(str(path), every=0.01)
    checkpointer.start()
    try:
        for _ in range(500):
            if path.stat().st_size > before + 200 * 500:
                break
            checkpointer.join(0.01)
        assert path.stat().st_size > before + 200 * 500
    finally:
        checkpointer.halt()
        checkpointer.join(5)
    assert not checkpointer.is_alive()


def test_only_a_sqlite_database_gets_a_checkpointer():
    assert start_checkpoints({"ENGINE": "django.db.backends.postgresql", "NAME": "kettle"}) is None


@pytest.mark.skipif(connection.vendor != "sqlite", reason="a SQLite setting")
@pytest.mark.django_db(transaction=True)
def test_request_connections_leave_checkpoints_to_the_thread_but_for_a_backstop():
    from django.db import connections

    import kettle.asgi  # noqa: F401 - installs the request connection's settings

    connections.close_all()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_autocheckpoint")
        assert cursor.fetchone() == (REQUEST_AUTOCHECKPOINT,)
