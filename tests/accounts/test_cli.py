"""The `kettle user` and `kettle token` commands, and the console script itself."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from unittest import mock

import pytest
from django.contrib.auth import authenticate
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client

from kettle.accounts.models import AccessToken, Member
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def create_user(*extra: str, stdin: str | None = None) -> str:
    out = io.StringIO()
    args = ["user", "create", "--email", "Helper@Example.test", "--handle", "helper", *extra]
    if stdin is None:
        call_command(*args, stdout=out)
    else:
        with mock.patch("sys.stdin", io.StringIO(stdin)):
            call_command(*args, "--password-stdin", stdout=out)
    return out.getvalue()


def test_user_create_with_staff_makes_a_confirmed_staff_account(db):
    output = create_user("--staff", "--display-name", "The Helper")

    member = Member.objects.with_profile().get(handle="helper")
    assert member.email == "helper@example.test"
    assert member.is_staff and member.is_superuser
    assert member.email_confirmed_at is not None
    assert member.profile.display_name == "The Helper"
    assert "Created staff account @helper <helper@example.test>" in output


def test_user_create_without_a_password_makes_an_account_nobody_can_log_in_to_yet(db):
    output = create_user()

    member = Member.objects.get(handle="helper")
    assert not member.is_staff
    assert not member.has_usable_password()
    assert member.profile.display_name == "helper"
    assert "Created account @helper" in output


def test_user_create_reads_the_password_from_stdin(db):
    create_user(stdin=PASSWORD + "\n")

    assert authenticate(username="helper@example.test", password=PASSWORD) is not None


def test_the_stdin_password_lets_the_member_log_in_through_the_site(db):
    create_user(stdin=PASSWORD + "\n")

    response = Client().post("/login/", {"email": "helper@example.test", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/welcome/1/"


@pytest.mark.parametrize("stdin, message", [
    ("", "No password on standard input"),
    ("\n", "No password on standard input"),
    ("short\n", "too short"),
    ("qwertyuiop\n", "too common"),
])
def test_user_create_refuses_a_missing_or_weak_password(db, stdin, message):
    with pytest.raises(CommandError, match=message):
        create_user(stdin=stdin)

    assert not Member.objects.filter(handle="helper").exists()


def test_user_create_refuses_an_email_already_registered(member):
    with pytest.raises(CommandError, match="already exists"):
        call_command("user", "create", "--email", member.email.upper(), "--handle", "someone_else",
                     stdout=io.StringIO())

    assert not Member.objects.filter(handle="someone_else").exists()


@pytest.mark.parametrize("email, handle, message", [
    ("helper@example.test", "amara", "handle: That handle is taken"),
    ("helper@example.test", "admin", "handle: That handle is reserved"),
    ("not-an-email", "helper", "email: That doesn't look like an email address"),
])
def test_user_create_explains_bad_input(member, email, handle, message):
    with pytest.raises(CommandError, match=message):
        call_command("user", "create", "--email", email, "--handle", handle, stdout=io.StringIO())

    assert Member.objects.count() == 1


def test_token_create_prints_a_token_that_opens_the_api(member):
    out = io.StringIO()

    call_command("token", "create", "@AMARA", "--name", "x", stdout=out)

    raw = out.getvalue().strip()
    assert raw.startswith("kettle_")
    assert AccessToken.objects.get(member=member).name == "x"
    response = Client(headers={"Authorization": f"Bearer {raw}"}).get("/api/v1/me")
    assert response.status_code == 200
    assert response.json()["handle"] == "amara"


@pytest.mark.parametrize("handle", ["nobody", "@nobody"])
def test_token_create_for_an_unknown_handle_fails(db, handle):
    with pytest.raises(CommandError, match="No active member with the handle @nobody"):
        call_command("token", "create", handle, stdout=io.StringIO())

    assert not AccessToken.objects.exists()


def test_token_create_for_a_deactivated_member_fails(member):
    Member.objects.filter(id=member.id).update(is_active=False)

    with pytest.raises(CommandError, match="No active member"):
        call_command("token", "create", "amara", stdout=io.StringIO())


def test_token_create_explains_a_bad_name(member):
    with pytest.raises(CommandError, match="Give the token a name"):
        call_command("token", "create", "amara", "--name", "   ", stdout=io.StringIO())


def test_the_console_script_runs_django_checks(tmp_path):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("KETTLE_", "PYTEST_"))}
    env.update(KETTLE_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="kettle.settings")

    result = subprocess.run([sys.executable, "-m", "kettle", "check"], env=env, capture_output=True,
                            text=True, timeout=120, cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_an_account_made_without_a_password_gets_one_through_a_reset_link(
        db, django_capture_on_commit_callbacks):
    create_user()
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/password/reset/", {"email": "helper@example.test"})
    link = re.search(r"https?://[^/]+(\S+)", mail.outbox[0].body).group(1)

    assert client.post(link, {"new_password": PASSWORD}).status_code == 302
    assert authenticate(username="helper@example.test", password=PASSWORD) is not None
