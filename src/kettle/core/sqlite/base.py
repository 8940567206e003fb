"""Django's SQLite backend, with writers queueing for the write lock in the kernel.

Every Kettle transaction starts with BEGIN IMMEDIATE, which takes SQLite's one write lock
(so two writers queue instead of deadlocking). When the lock is taken, SQLite's busy handler
sleeps 1, 2, 5, 10, 15, 20 ms... between tries: behind a transaction that held the lock for
3 ms, the next writer commonly slept 8 ms and an unlucky one 33, while newcomers took the
lock before it. Here each transaction first takes an exclusive flock() on a file beside the
database, which every Kettle process and thread opens for itself: a waiter sleeps in the
kernel and wakes the moment the lock is let go, without holding the GIL meanwhile. It is
let go when the transaction commits or rolls back, or its connection closes (a process
that dies lets go with it). SQLite's own handler still covers statements outside a
transaction, which are short."""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator

from django.db.backends.sqlite3 import base, creation


def writer_lock_path(database: str) -> str:
    return f"{database}-writer"


@contextlib.contextmanager
def writers_held(database: str) -> Iterator[None]:
    """Every Kettle writer held back (they take this lock before SQLite's own) while inside."""
    descriptor = os.open(writer_lock_path(database), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # and the lock with it


class DatabaseCreation(creation.DatabaseCreation):
    def _destroy_test_db(self, test_database_name, verbosity):
        super()._destroy_test_db(test_database_name, verbosity)
        if test_database_name and not self.is_in_memory_db(test_database_name):
            with contextlib.suppress(FileNotFoundError):
                os.remove(writer_lock_path(test_database_name))  # a test database's lock goes with it


class DatabaseWrapper(base.DatabaseWrapper):
    creation_class = DatabaseCreation
    _write_lock: int | None = None  # the lock file's descriptor while this connection is open
    _holding = False

    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        if not self.is_in_memory_db():
            self._write_lock = os.open(writer_lock_path(self.settings_dict["NAME"]), os.O_RDWR | os.O_CREAT, 0o600)
        return connection

    def _start_transaction_under_autocommit(self):
        if self._write_lock is not None:
            fcntl.flock(self._write_lock, fcntl.LOCK_EX)
            self._holding = True
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._let_go()
            raise

    def _commit(self):
        try:
            return super()._commit()
        finally:
            self._let_go()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self._let_go()

    def _close(self):
        try:
            return super()._close()
        finally:
            self._let_go()
            if self._write_lock is not None:
                os.close(self._write_lock)
                self._write_lock = None

    def _let_go(self) -> None:
        if self._holding:
            self._holding = False
            fcntl.flock(self._write_lock, fcntl.LOCK_UN)
