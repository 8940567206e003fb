"""The ASGI application `kettle serve` runs.

Kettle's views are all sync. Django's own ASGI handler runs each request's sync code on a
thread made for that request (its ThreadSensitiveContext), and database connections belong
to threads, so every request had to open its database connection afresh (a SQLite
connection, its schema read and its page cache cold: 2-3 ms a request) and close it after.
Here each server process runs all its requests' sync code on one thread, in turn, as a
classic sync worker does: the connection stays open between requests (CONN_MAX_AGE) and its
cache warm, and two requests of one process never fight over the GIL. A server has a
process per core (`kettle serve --workers`) to use the machine; the event loop still
accepts and reads every connection while a request runs."""

import gc
import os

import django
from django.core.handlers.asgi import ASGIHandler

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kettle.settings")
django.setup(set_prefix=False)


class OneThreadHandler(ASGIHandler):
    """Django's handler without a thread of its own per request: sync code runs on asgiref's
    one thread-sensitive thread, in the order the requests came."""

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            raise ValueError(f"Django can only handle ASGI/HTTP connections, not {scope['type']}.")
        await self.handle(scope, receive, send)


application = OneThreadHandler()

from kettle.core.checkpoints import leave_checkpoints_to_serve  # noqa: E402
from kettle.core.warmup import warm_up  # noqa: E402 - needs the settings loaded above

leave_checkpoints_to_serve()  # before the first connection, which warming up opens
warm_up()
# Everything loaded so far lives as long as the process: leave it out of the garbage
# collector's full passes, which otherwise walk it all and paused a request for 40-80 ms.
gc.freeze()
