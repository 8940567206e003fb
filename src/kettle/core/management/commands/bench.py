"""`kettle bench generate --size small|county` and `kettle bench run`: the project's own
benchmark (see the README's "Capacity")."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from kettle.accounts.models import Member
from kettle.bench.generate import SIZES, NotEmpty, generate


class Command(BaseCommand):
    help = "Generate a synthetic community, or measure this one against the performance budgets."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        gen = sub.add_parser("generate", help="Fill an empty database with a generated community.")
        gen.add_argument("--size", choices=list(SIZES), default="small")
        gen.add_argument("--seed", type=int, default=1, help="The same seed gives the same community.")
        gen.add_argument("--if-empty", action="store_true", help="Do nothing if the database has members already.")
        run = sub.add_parser("run", help="Measure pages, API calls and writes on this database.")
        run.add_argument("--out", type=Path, default=None,
                         help="Where to write the JSON (default: KETTLE_DATA_DIR/bench/<engine>-<size>.json).")
        run.add_argument("--requests", type=int, default=200, help="In-process requests per measurement.")
        run.add_argument("--seconds", type=float, default=10.0, help="Seconds of load per HTTP measurement.")
        run.add_argument("--workers", type=int, default=2, help="Server processes for the HTTP half.")
        run.add_argument("--no-http", action="store_true", help="Only the in-process half.")
        run.add_argument("--only", nargs="+", metavar="NAME", default=None,
                         help="Measure only these (e.g. post_create meetups_near); the JSON is then "
                              "<engine>-<size>-partial.json.")
        run.add_argument("--compare", type=Path, default=None,
                         help="A smaller run's JSON, for the growth budget (default: the small run beside it).")

    def handle(self, *args, action: str, **options):
        if action == "generate":
            return self._generate(options["size"], options["seed"], options["if_empty"])
        return self._run(options)

    def _generate(self, size: str, seed: int, if_empty: bool) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        if if_empty and Member.objects.exists():
            self.stdout.write(f"This database has a community already ({Member.objects.count():,} members).")
            return
        self.stdout.write(f"Generating the {size} community (seed {seed})...")
        try:
            summary = generate(size, seed, say=self.stdout.write)
        except NotEmpty as error:
            raise CommandError(str(error))
        out = settings.DATA_DIR / "bench" / "generated.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(summary, indent=2, default=str))
        self.stdout.write(self.style.SUCCESS(f"Generated the {size} community in {summary['seconds']:.0f} s "
                                             f"({', '.join(f'{k} {v:.0f} s' for k, v in summary['steps'].items())})."))

    def _run(self, options: dict) -> None:
        if settings.DEBUG:
            # Measure what production runs: no debug query log, no template reloading.
            env = {**os.environ, "KETTLE_DEBUG": "0", "KETTLE_SECURE": "0", "KETTLE_BENCH": "1",
                   "KETTLE_TASKS_IMMEDIATE": "1"}  # in-process writes include their fan-out
            env.setdefault("KETTLE_SECRET_KEY", secrets.token_urlsafe(50))
            sys.exit(subprocess.call([sys.executable, "-m", "kettle", *sys.argv[1:]], env=env))  # noqa: S603
        from kettle.bench.run import run

        try:
            run(options, say=self.stdout.write)
        except RuntimeError as error:
            raise CommandError(str(error))
