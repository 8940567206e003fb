"""SQLite WAL checkpoints kept off the request path.

A write goes to the WAL file; a checkpoint copies the WAL back into the database file and
syncs it to disk. By default SQLite runs one inside whichever commit pushes the WAL past
1,000 pages, so every few posts (each writes a page for each follower's feed) one member's
request paid for copying and syncing everybody's writes: 20-60 ms at the tail. `kettle
serve` instead checkpoints from a thread of its own once a second (PASSIVE: it never waits
for, or blocks, a reader or writer), and its request connections only checkpoint themselves
as a backstop, should the thread ever fall far behind."""

from __future__ import annotations

import logging
import sqlite3
import threading

EVERY = 1.0  # seconds between checkpoints
REQUEST_AUTOCHECKPOINT = 10_000  # pages (40 MB): request connections checkpoint only past this

log = logging.getLogger(__name__)


class Checkpointer(threading.Thread):
    def __init__(self, path: str, every: float = EVERY) -> None:
        super().__init__(name="kettle-sqlite-checkpoints", daemon=True)
        self.path, self.every = path, every
        self._halt = threading.Event()

    def checkpoint_once(self) -> tuple[int, int, int] | None:
        """(busy, WAL pages, pages copied), or None if SQLite could not start one now. A
        connection of its own each time, opened for the moment it is needed."""
        try:
            connection = sqlite3.connect(self.path, timeout=0, isolation_level=None)
            try:
                return connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            finally:
                connection.close()
        except sqlite3.Error as error:  # another process checkpointing, say: the next turn will do
            log.debug("checkpoint skipped: %s", error)
            return None

    def run(self) -> None:
        while not self._halt.wait(self.every):
            self.checkpoint_once()

    def halt(self) -> None:
        self._halt.set()


def start_checkpoints(database: dict) -> Checkpointer | None:
    """For a SQLite database (Django's settings for it), start checkpointing in the background."""
    if "sqlite" not in database["ENGINE"]:
        return None
    checkpointer = Checkpointer(str(database["NAME"]))
    checkpointer.start()
    return checkpointer
