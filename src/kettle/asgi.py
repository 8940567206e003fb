"""The ASGI application `kettle serve` runs.

Django runs each request's sync code on a thread of its own (its ThreadSensitiveContext),
and database connections belong to threads: a connection kept open for reuse
(CONN_MAX_AGE) would never be reused, only left open, a SQLite page cache or a PostgreSQL
backend per request served, until the garbage collector found it. Under load that grew each
server process by hundreds of megabytes. So connections close when a response is finished,
as Django's documentation advises for ASGI (PostgreSQL hands them back to its pool)."""

import gc
import os

from django.core.asgi import get_asgi_application
from django.core.signals import request_finished
from django.db.backends.signals import connection_created

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kettle.settings")
application = get_asgi_application()
REQUEST_CACHE_KB = 4000

from kettle.core.checkpoints import REQUEST_AUTOCHECKPOINT  # noqa: E402
from kettle.core.warmup import warm_up  # noqa: E402 - needs the settings the application loaded

warm_up()
# Everything loaded so far lives as long as the process: leave it out of the garbage
# collector's full passes, which otherwise walk it all and paused a request for 40-80 ms.
gc.freeze()


def _request_sqlite_connection(sender, connection, **kwargs) -> None:
    """A connection that lives for one request can't reuse a big page cache; the operating
    system's file cache keeps the database warm between requests instead. And it leaves WAL
    checkpoints to `kettle serve`'s own thread (kettle.core.checkpoints) but as a backstop."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size=-{REQUEST_CACHE_KB}")
            cursor.execute(f"PRAGMA wal_autocheckpoint={REQUEST_AUTOCHECKPOINT}")


def _close_connections(**kwargs) -> None:
    from django.db import connections

    connections.close_all()


request_finished.connect(_close_connections, dispatch_uid="kettle-asgi-close-connections")
connection_created.connect(_request_sqlite_connection, dispatch_uid="kettle-asgi-request-sqlite-connection")
