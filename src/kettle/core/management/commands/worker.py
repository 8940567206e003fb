"""`kettle worker`: runs background tasks (emails, fan-out) from the database queue."""

from __future__ import annotations

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from kettle.core.checkpoints import leave_checkpoints_to_serve


class Command(BaseCommand):
    help = "Run the background worker."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="Run what is queued, then exit.")
        parser.add_argument("--interval", type=float, default=0.5, help="Seconds between polls when idle.")

    def handle(self, *args, batch: bool, interval: float, **options):
        backend = settings.TASKS["default"]["BACKEND"]
        if not backend.startswith("django_tasks_db"):
            self.stdout.write(f"Tasks run with {backend}; there is no queue to work on.")
            return
        leave_checkpoints_to_serve()  # but for a backstop: its commits hold the writers' lock
        call_command("db_worker", batch=batch, interval=interval, reload=False, startup_delay=False,
                     verbosity=options.get("verbosity", 1))
