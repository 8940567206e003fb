"""Running calls at the same moment, on real threads with their own database connections,
released together by a barrier (SQLite queues writers with IMMEDIATE transactions; PostgreSQL
uses its row locks and constraints)."""

from __future__ import annotations

import threading

from django.db import connection, connections


def spare_connections() -> int:
    """How many more connections the database accepts: SQLite has no limit; PostgreSQL has
    max_connections, shared with other test workers."""
    if connection.vendor != "postgresql":
        return 1_000
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('max_connections')::int - count(*) FROM pg_stat_activity")
        return cursor.fetchone()[0]


def at_once(calls) -> list:
    """Run each call on its own thread and connection, all released together; return what each
    returned or raised, in order. If the database has fewer connections to spare than there are
    calls (PostgreSQL's max_connections), threads take several calls each, as a server's worker
    pool would: they still all start together."""
    lanes = max(2, min(len(calls), spare_connections() - 10))
    results: list = [None] * len(calls)
    barrier = threading.Barrier(lanes)

    def run(lane: int) -> None:
        try:
            barrier.wait(timeout=30)
            for index in range(lane, len(calls), lanes):
                try:
                    results[index] = calls[index]()
                except Exception as error:  # noqa: BLE001 (returned for the test to judge)
                    results[index] = error
        finally:
            connections.close_all()  # each thread's own connection

    threads = [threading.Thread(target=run, args=(lane,)) for lane in range(lanes)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a thread never finished"
    return results
