"""SQLite WAL checkpoints kept off the request path, and out of the writers' way.

A write goes to the WAL file; a checkpoint copies the WAL back into the database file and
syncs it to disk. The WAL can start again from its beginning, instead of growing, once a
checkpoint has copied all of it and nobody has written since. SQLite's default gets that
right by checkpointing inside whichever commit pushes the WAL past 1,000 pages, but Kettle's
writers queue for a lock of their own (kettle.core.sqlite.base), which the committing
connection still holds while SQLite copies and syncs: at county size, with 20 members
posting a second, such a commit held every other writer back 50-65 ms.

So `kettle serve` checkpoints from a thread of its own. Ten times a second it copies what it
can without waiting for, or blocking, any reader or writer (PASSIVE). Once the WAL has grown
past RESTART_AT pages it lets the WAL start over: it copies again until a pass finds little
new (writers go on adding while it copies), then holds the writers' lock for the last few
pages and restarts the WAL (RESTART, waiting a few milliseconds at most for readers still in
it). Writers wait 1-3 ms for that. The server's and the worker's connections checkpoint in a
commit only as a backstop (BACKSTOP), should the thread ever fall far behind or not run.

Measured worse, and not kept: restarting from this thread with the whole copy under the
writers' lock (it grew to 60-270 ms), and RESTART without first catching up (100-190 ms)."""

from __future__ import annotations

import logging
import sqlite3
import threading

from django.db.backends.signals import connection_created

from kettle.core.sqlite.base import writers_held

EVERY = 0.1  # seconds between checkpoints
RESTART_AT = 2_000  # pages (8 MB) in the WAL before it is made to start over
SETTLED = 200  # new pages a catching-up pass may find and still count as caught up
CATCH_UP_PASSES = 4  # at most, before holding the writers back anyway
READERS_WAIT_MS = 10  # how long a restart waits for readers still in the WAL
BACKSTOP = 10_000  # pages (40 MB): past this, connections checkpoint in their own commits

log = logging.getLogger(__name__)


class Checkpointer(threading.Thread):
    def __init__(self, path: str, every: float = EVERY, restart_at: int = RESTART_AT) -> None:
        super().__init__(name="kettle-sqlite-checkpoints", daemon=True)
        self.path, self.every, self.restart_at = path, every, restart_at
        self._halt = threading.Event()

    def checkpoint_once(self) -> tuple[int, int, int] | None:
        """(busy, WAL pages, pages copied) after one turn, or None if SQLite could not start a
        checkpoint now. A connection of its own each turn, opened for the moment it is needed."""
        try:
            connection = sqlite3.connect(self.path, timeout=0, isolation_level=None)
            try:
                result = _checkpoint(connection, "PASSIVE")
                if result[0] == 0 and result[1] >= self.restart_at:
                    result = self._start_over(connection, result)
                return result
            finally:
                connection.close()
        except sqlite3.Error as error:  # another process checkpointing, say: the next turn will do
            log.debug("checkpoint skipped: %s", error)
            return None

    def _start_over(self, connection: sqlite3.Connection, result: tuple[int, int, int]) -> tuple[int, int, int]:
        """Catch up with the writers, then hold them back for the last few pages and restart."""
        for _ in range(CATCH_UP_PASSES):
            before = result[1]
            result = _checkpoint(connection, "PASSIVE")
            if result[0] or result[1] < before or result[1] - before <= SETTLED:
                break  # busy, restarted meanwhile, or caught up
        with writers_held(self.path):
            connection.execute(f"PRAGMA busy_timeout={READERS_WAIT_MS}")
            return _checkpoint(connection, "RESTART")

    def run(self) -> None:
        while not self._halt.wait(self.every):
            self.checkpoint_once()

    def halt(self) -> None:
        self._halt.set()


def _checkpoint(connection: sqlite3.Connection, mode: str) -> tuple[int, int, int]:
    return connection.execute(f"PRAGMA wal_checkpoint({mode})").fetchone()


def start_checkpoints(database: dict) -> Checkpointer | None:
    """For a SQLite database (Django's settings for it), start checkpointing in the background."""
    if "sqlite" not in database["ENGINE"]:
        return None
    checkpointer = Checkpointer(str(database["NAME"]))
    checkpointer.start()
    return checkpointer


def leave_checkpoints_to_serve() -> None:
    """For the server's and the worker's processes: their connections checkpoint in a commit
    only past the backstop, and leave the rest to serve's thread."""
    connection_created.connect(_backstop_only, dispatch_uid="kettle-checkpoints-backstop")


def _backstop_only(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA wal_autocheckpoint={BACKSTOP}")
