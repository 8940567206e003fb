"""`kettle demo [--size N] [--if-empty]`: build the demo community in Suffolk and print logins."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from kettle.accounts.models import Member
from kettle.core.demo import DEFAULT_SIZE, DemoError, build_demo, demo_logins, format_logins


class Command(BaseCommand):
    help = "Build a believable demo community of parents in Suffolk. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--size", type=int, default=DEFAULT_SIZE,
                            help=f"How many members, the staff account included (default {DEFAULT_SIZE}).")
        parser.add_argument("--if-empty", action="store_true",
                            help="Do nothing (but still print the logins) if any member exists.")
        parser.add_argument("--force", action="store_true",
                            help="Build it even with KETTLE_DEBUG off (the demo password is public).")

    def handle(self, *args, size: int, if_empty: bool, force: bool, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Refusing to build the demo with KETTLE_DEBUG off: its accounts share a public "
                               "password, and one is staff. Use --force on a throwaway install.")
        if if_empty and Member.objects.exists():
            self.stdout.write("The community is already built.")
            self.stdout.write(format_logins(demo_logins()))
            return
        quiet = options.get("verbosity", 1) == 0
        try:
            with tqdm(total=max(size - 1, 0), unit=" members", disable=quiet, leave=False) as bar:
                result = build_demo(stdout=self.stdout, size=size, if_empty=if_empty, progress=bar)
        except DemoError as error:
            raise CommandError(str(error))
        if result.created:
            self.stdout.write(self.style.SUCCESS(
                f"Created {result.created} members ({result.existing} already there) "
                f"and {result.follows} follows."))
        groups = result.groups
        if groups is not None and not groups.skipped:
            self.stdout.write(f"Started {groups.groups} groups and clubs with {groups.posts} posts and "
                              f"{groups.votes} poll votes.")
        self.stdout.write(format_logins(demo_logins()))
