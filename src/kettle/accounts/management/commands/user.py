"""`kettle user create --email --handle [--password-stdin] [--staff]`."""

from __future__ import annotations

import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from kettle.accounts.actions import do_create_member


class Command(BaseCommand):
    help = "Manage member accounts."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Create a confirmed account.")
        create.add_argument("--email", required=True)
        create.add_argument("--handle", required=True)
        create.add_argument("--display-name", default="")
        create.add_argument("--password-stdin", action="store_true",
                            help="Read the password from standard input (otherwise the account has none "
                                 "until a password reset).")
        create.add_argument("--staff", action="store_true", help="Staff can use /admin/.")

    def handle(self, *args, action: str, **options):
        password = None
        if options["password_stdin"]:
            password = sys.stdin.readline().rstrip("\n")
            if not password:
                raise CommandError("No password on standard input.")
        try:
            member = do_create_member(email=options["email"], handle=options["handle"], password=password,
                                      display_name=options["display_name"], staff=options["staff"])
        except ValidationError as error:
            raise CommandError("; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items()))
        role = "staff account" if member.is_staff else "account"
        self.stdout.write(self.style.SUCCESS(f"Created {role} @{member.handle} <{member.email}>."))
