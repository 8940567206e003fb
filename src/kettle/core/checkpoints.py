"""SQLite WAL checkpoints kept off the request path.

A write goes to the WAL file; a checkpoint copies the WAL back into the database file and
syncs it to disk. By default SQLite runs one inside whichever commit pushes the WAL past
1,000 pages, so every few posts (each writes a page for each follower's feed) one member's
request paid for copying and syncing everybody's writes: 20-60 ms at the tail. `kettle
serve` instead checkpoints from a thread of its own ten times a second (PASSIVE: it never
waits for, or blocks, a reader or writer), and its request connections only checkpoint
themselves as a backstop, should the thread ever fall far behind.

The worker's connections keep SQLite's default, and that is what restarts the WAL: a
checkpoint in a commit runs under the write lock, so it copies everything and the next writer
starts the WAL from the beginning (a WAL that is never all copied at once, with a reader in
it, never restarts and grows). Its cost is the pages the thread has not copied yet: with the
thread once a second, such a commit held the lock 50-80 ms while posting members waited
(instrumented at county size, 20 writers); ten times a second leaves it a tenth of a
second's pages. Posting p99 over HTTP: 78-110 ms -> 48-69 ms. Letting no connection
checkpoint in a commit, or restarting the WAL from this thread under the writers' lock, both
measured worse (140-350 ms): the WAL grew, and copying it under the lock took longer."""

from __future__ import annotations

import logging
import sqlite3
import threading

EVERY = 0.1  # seconds between checkpoints: a worker commit's own checkpoint then has little left
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
