"""Django's SQLite backend, waiting for the write lock in small steps.

Every Kettle transaction starts with BEGIN IMMEDIATE, which takes SQLite's one write lock
(so two writers queue instead of deadlocking). When the lock is taken, SQLite's own busy
handler sleeps 1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, then 100 ms between tries: a writer
that arrives behind another can sleep long after the lock came free while newcomers take
it, and with 20 people posting at once the slowest waited over half a second. Here BEGIN
IMMEDIATE is tried again every millisecond or two instead, for as long as the busy timeout
allows; every other statement keeps SQLite's handler."""

from __future__ import annotations

import sqlite3
import time

from django.db.backends.sqlite3 import base

STEP = 0.001  # seconds between tries for the write lock


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self):
        params = super().get_connection_params()
        self.busy_seconds = float(params.get("timeout", 5))
        return params

    def _start_transaction_under_autocommit(self):
        if self.transaction_mode != "IMMEDIATE":
            return super()._start_transaction_under_autocommit()
        raw = self.connection
        try:
            raw.execute("BEGIN IMMEDIATE")  # the usual case: the lock is free
            return
        except sqlite3.OperationalError as error:
            if not _is_busy(error):
                raise
        deadline = time.monotonic() + self.busy_seconds
        raw.execute("PRAGMA busy_timeout = 0")
        try:
            while True:
                time.sleep(STEP)
                try:
                    raw.execute("BEGIN IMMEDIATE")
                    return
                except sqlite3.OperationalError as error:
                    if not _is_busy(error) or time.monotonic() >= deadline:
                        raise
        finally:
            raw.execute(f"PRAGMA busy_timeout = {int(self.busy_seconds * 1000)}")


def _is_busy(error: sqlite3.OperationalError) -> bool:
    return getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_BUSY or "locked" in str(error)
