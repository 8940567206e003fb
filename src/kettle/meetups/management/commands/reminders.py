"""`kettle reminders queue`: queue the day-before and hour-before reminders of every upcoming
meetup. Meetups queue their own when they are made or moved; this is for meetups made while
tasks ran inline (the demo under `make run`) or a queue restored from a backup. Safe to run
again: each reminder goes once per start time however often it is queued."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from kettle.meetups.models import Meetup
from kettle.meetups.tasks import schedule_reminders, send_reminder


class Command(BaseCommand):
    help = "Queue the reminders of every upcoming meetup."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("queue", help="Queue the day-before and hour-before reminders of upcoming meetups.")

    def handle(self, *args, action: str, **options):
        if not send_reminder.get_backend().supports_defer:
            raise CommandError("The task backend runs tasks at once and can't wait for a reminder's time. "
                               "Run this without KETTLE_TASKS_IMMEDIATE, so `kettle worker` sends them.")
        count = 0
        for meetup in Meetup.objects.upcoming().iterator():
            with transaction.atomic():
                schedule_reminders(meetup)
            count += 1
        self.stdout.write(self.style.SUCCESS(f"Queued the reminders of {count:,} upcoming meetups."))
