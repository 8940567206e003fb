"""The `kettle` command: Kettle's own commands (serve, worker, demo, places, user, token)
plus every Django management command (migrate, createsuperuser, check, shell, ...)."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kettle.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["kettle", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
