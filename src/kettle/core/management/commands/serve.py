"""`kettle serve`: uvicorn with whitenoise static files, optionally with the worker beside it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management.base import BaseCommand

from kettle.core.checkpoints import start_checkpoints
from kettle.core.staticfiles import collect_if_changed


def _exit_on_sigterm(signum, frame) -> None:
    raise SystemExit(0)


def stop(process: subprocess.Popen) -> None:
    """Ask the worker to finish its current task, then insist: an interrupt that arrives
    while it is still starting up can be lost, and Ctrl-C should never hang."""
    for sig, grace in ((signal.SIGINT, 5), (signal.SIGTERM, 3)):
        if process.poll() is not None:
            return
        process.send_signal(sig)
        try:
            process.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue
    process.kill()
    process.wait()


class Command(BaseCommand):
    help = "Serve Kettle over HTTP with uvicorn (ASGI)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("KETTLE_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("KETTLE_PORT", "8000")))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("KETTLE_WEB_WORKERS", "1")),
                            help="Server processes (default 1; about one per core in production).")
        parser.add_argument("--with-worker", action="store_true",
                            help="Also run the background worker, stopping both on Ctrl-C.")

    def handle(self, *args, host: str, port: int, workers: int, with_worker: bool, **options):
        import uvicorn

        if not settings.DEBUG:
            collect_if_changed()
        # Every ASGI request runs on a new thread, and glibc gives threads malloc arenas of
        # their own (up to eight per core), which under load grew each server process by
        # a hundred megabytes of fragments. Two arenas serve threads that take turns on the
        # GIL just as well. Read at process start, so it applies to the workers started here.
        os.environ.setdefault("MALLOC_ARENA_MAX", "2")
        worker = None
        if with_worker:
            worker = subprocess.Popen([sys.executable, "-m", "kettle", "worker"])  # noqa: S603
        self.stdout.write(self.style.SUCCESS(f"Kettle is on http://{host}:{port}  (Ctrl-C stops it)"))
        # uvicorn shuts down gracefully on SIGTERM and then re-raises it; make that an exit
        # we can clean up after, so a service manager's stop takes the worker down too.
        signal.signal(signal.SIGTERM, _exit_on_sigterm)
        checkpoints = start_checkpoints(settings.DATABASES["default"])
        try:
            uvicorn.run("kettle.asgi:application", host=host, port=port, workers=workers,
                        log_level="warning", proxy_headers=settings.SECURE_PROXY_SSL_HEADER is not None,
                        lifespan="off")
        finally:
            if checkpoints is not None:
                checkpoints.halt()
            if worker is not None:
                stop(worker)
            self.stdout.write("Kettle stopped. See you soon.")
