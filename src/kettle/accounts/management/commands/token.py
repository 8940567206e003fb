"""`kettle token create HANDLE [--name]`: prints a personal access token once."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from kettle.accounts.actions import do_create_token
from kettle.accounts.models import Member


class Command(BaseCommand):
    help = "Manage personal access tokens."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Create a token and print it once.")
        create.add_argument("handle")
        create.add_argument("--name", default="command line")

    def handle(self, *args, action: str, handle: str, name: str, **options):
        member = Member.objects.filter(handle=handle.lstrip("@").lower(), is_active=True).first()
        if member is None:
            raise CommandError(f"No active member with the handle @{handle.lstrip('@')}.")
        try:
            _, raw = do_create_token(member, name=name)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages))
        self.stdout.write(raw)
