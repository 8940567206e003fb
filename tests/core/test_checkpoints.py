"""WAL checkpoints off the request path: `kettle serve`'s thread copies what the writers
wrote and lets the WAL start over, and the server's and worker's connections only
checkpoint themselves past a backstop."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from django.db import connection

from kettle.core.checkpoints import BACKSTOP, Checkpointer, start_checkpoints
from kettle.core.sqlite.base import writers_held


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
        assert cursor.fetchone() == (BACKSTOP,)


def test_a_wal_past_its_limit_starts_over_with_the_next_write(tmp_path):
    path = tmp_path / "kettle.sqlite3"
    writer = _wal_database(path)
    busy, pages, done = Checkpointer(str(path), restart_at=10).checkpoint_once()
    assert busy == 0 and done == pages > 10

    writer.execute("INSERT INTO note (body) VALUES ('after the restart')")
    assert writer.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()[1] < 5  # from the WAL's start again
    assert writer.execute("SELECT count(*) FROM note").fetchone() == (201,)


def test_starting_the_wal_over_waits_for_the_writer_in_front(tmp_path):
    path = tmp_path / "kettle.sqlite3"
    _wal_database(path)
    results = []
    checkpointer = Checkpointer(str(path), restart_at=10)
    with writers_held(str(path)):
        turn = threading.Thread(target=lambda: results.append(checkpointer.checkpoint_once()))
        turn.start()
        turn.join(0.3)
        assert turn.is_alive() and results == []  # caught up, now queued behind the writer
    turn.join(5)
    assert results[0][0] == 0 and results[0][1] == results[0][2] > 10


def test_the_worker_leaves_checkpoints_to_the_thread_too_before_it_opens_a_connection(settings, monkeypatch):
    from django.core.management import call_command

    from kettle.core.management.commands import worker

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    steps = []
    monkeypatch.setattr(worker, "leave_checkpoints_to_serve", lambda: steps.append("backstop"))
    monkeypatch.setattr(worker, "call_command", lambda name, **options: steps.append(name))
    call_command("worker", batch=True)
    assert steps == ["backstop", "db_worker"]
