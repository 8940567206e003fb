"""Logging in and out: fresh sessions, answers that reveal nothing, throttles and safe redirects."""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core import mail
from django.test import Client

from kettle.accounts import actions
from kettle.accounts.auth import LOGIN_FAILED
from kettle.accounts.models import Member
from tests.factories import PASSWORD, make_member

LOGIN = "/login/"
pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


def normalised(response, *addresses: str) -> str:
    """The page with what legitimately differs (the address typed, CSRF tokens, CSP nonces) blanked."""
    body = text(response)
    for address in addresses:
        body = body.replace(address, "ADDRESS")
    return re.sub(r'(nonce|value)="[^"]*"', r'\1=""', body)


def logged_in_as(client: Client) -> int | None:
    value = client.session.get("_auth_user_id")
    return int(value) if value else None


@pytest.fixture
def log_in(django_capture_on_commit_callbacks):
    def post(client: Client, email: str, password: str = PASSWORD, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(LOGIN, {"email": email, "password": password, **extra.pop("data", {})},
                               **extra)

    return post


def test_logging_in_sends_the_member_home_with_a_new_session_id(member, client, log_in):
    planted = SessionStore()
    planted["visited"] = True
    planted.save()
    client.cookies["sessionid"] = planted.session_key

    response = log_in(client, member.email)

    assert response.status_code == 302
    assert response["Location"] == "/"
    new_key = client.cookies["sessionid"].value
    assert new_key and new_key != planted.session_key
    assert not SessionStore().exists(planted.session_key)
    assert logged_in_as(client) == member.id


def test_email_is_matched_without_regard_to_case_or_spaces(member, client, log_in):
    response = log_in(client, f"  {member.email.upper()} ")

    assert response.status_code == 302
    assert logged_in_as(client) == member.id


def test_wrong_password_and_unknown_email_get_the_identical_answer(member, log_in):
    wrong_password = log_in(Client(), member.email, "not my password at all")
    unknown_email = log_in(Client(), "nobody@example.test", PASSWORD)

    assert wrong_password.status_code == unknown_email.status_code == 200
    assert LOGIN_FAILED in text(wrong_password)
    assert normalised(wrong_password, member.email) == normalised(unknown_email, "nobody@example.test")


def test_a_failed_login_starts_no_session(member, client, log_in):
    log_in(client, member.email, "not my password at all")

    assert logged_in_as(client) is None


def test_an_unconfirmed_member_with_the_right_password_is_sent_a_fresh_link(client, log_in):
    pending = actions.do_sign_up(email="pending@example.test", handle="pending", display_name="P",
                                      password=PASSWORD)
    mail.outbox.clear()

    response = log_in(client, "pending@example.test")

    assert response.status_code == 200
    assert "Please confirm your email first" in text(response)
    assert logged_in_as(client) is None
    assert [m.to for m in mail.outbox] == [["pending@example.test"]]
    link = urlsplit(re.search(r"https?://\S+", mail.outbox[0].body).group(0)).path
    assert client.get(link)["Location"] == "/welcome/1/"
    assert logged_in_as(client) == pending.id


def test_an_unconfirmed_member_with_a_wrong_password_learns_nothing_and_gets_no_email(client, log_in):
    actions.do_sign_up(email="pending@example.test", handle="pending", display_name="P", password=PASSWORD)
    mail.outbox.clear()

    response = log_in(client, "pending@example.test", "guessing wrongly")

    assert LOGIN_FAILED in text(response)
    assert "confirm" not in text(response).lower()
    assert mail.outbox == []


def test_a_deactivated_member_cannot_log_in(member, client, log_in):
    Member.objects.filter(id=member.id).update(is_active=False)

    response = log_in(client, member.email)

    assert LOGIN_FAILED in text(response)
    assert logged_in_as(client) is None


def _assert_throttled(response, settings) -> None:
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= int(settings.LOGIN_RATE.split("/")[1])


def test_many_tries_from_one_address_are_throttled_whatever_the_email(member, log_in, settings):
    allowed = int(settings.LOGIN_RATE.split("/")[0])
    from_one_ip = Client(REMOTE_ADDR="203.0.113.7")
    for n in range(allowed):
        assert log_in(from_one_ip, f"guess{n}@example.test", "wrong guess here").status_code == 200

    response = log_in(from_one_ip, member.email)

    _assert_throttled(response, settings)
    assert logged_in_as(from_one_ip) is None
    assert log_in(Client(REMOTE_ADDR="198.51.100.1"), member.email).status_code == 302


def test_many_tries_at_one_account_are_throttled_from_any_address(member, log_in, settings):
    allowed = int(settings.LOGIN_RATE.split("/")[0])
    for n in range(allowed):
        response = log_in(Client(REMOTE_ADDR=f"203.0.113.{n + 1}"), member.email, "wrong guess here")
        assert response.status_code == 200

    fresh_ip = Client(REMOTE_ADDR="198.51.100.1")
    response = log_in(fresh_ip, member.email.upper())

    _assert_throttled(response, settings)
    assert logged_in_as(fresh_ip) is None
    assert log_in(Client(REMOTE_ADDR="198.51.100.2"), "someone.else@example.test",
                  "wrong guess here").status_code == 200


def test_a_successful_login_clears_the_account_throttle(member, log_in, settings):
    allowed = int(settings.LOGIN_RATE.split("/")[0])
    for n in range(allowed - 1):
        log_in(Client(REMOTE_ADDR=f"203.0.113.{n + 1}"), member.email, "wrong guess here")
    assert log_in(Client(REMOTE_ADDR="198.51.100.1"), member.email).status_code == 302

    for n in range(allowed - 1):
        assert log_in(Client(REMOTE_ADDR=f"192.0.2.{n + 1}"), member.email,
                      "wrong guess here").status_code == 200


@pytest.mark.parametrize("target, lands_on", [
    ("/settings/", "/settings/"),
    ("/@amara?tab=posts", "/@amara?tab=posts"),
    ("http://testserver/settings/", "http://testserver/settings/"),
    ("https://evil.example/", "/"),
    ("//evil.example/steal", "/"),
    ("///evil.example/steal", "/"),
    ("/\\evil.example", "/"),
    ("javascript:alert(1)", "/"),
    ("http://testserver.evil.example/", "/"),
])
def test_login_only_follows_next_to_this_site(member, client, log_in, target, lands_on):
    response = log_in(client, member.email, data={"next": target})

    assert response.status_code == 302
    assert response["Location"] == lands_on


@pytest.mark.parametrize("target, kept", [("/settings/", True), ("https://evil.example/", False)])
def test_the_login_page_carries_only_a_same_site_next_forward(client, target, kept):
    response = client.get(LOGIN, {"next": target})

    assert response.status_code == 200
    assert (f'name="next" value="{target}"' in text(response)) is kept


def test_a_member_who_has_not_finished_onboarding_is_taken_back_to_it(client, log_in):
    newcomer = make_member("newcomer")
    Member.objects.filter(id=newcomer.id).update(onboarded_at=None, onboarding_progress=1)

    response = log_in(client, newcomer.email, data={"next": "/settings/"})

    assert response["Location"] == "/welcome/2/"


def test_a_logged_in_member_is_sent_home_from_the_login_page(member, client_for):
    assert client_for(member).get(LOGIN)["Location"] == "/"


def test_logout_refuses_a_get_and_keeps_the_session(member, client_for):
    client = client_for(member)

    response = client.get("/logout/")

    assert response.status_code == 405
    assert logged_in_as(client) == member.id


def test_logout_by_post_ends_the_session(member, client_for):
    client = client_for(member)

    response = client.post("/logout/")

    assert response.status_code == 302
    assert logged_in_as(client) is None
    assert client.get("/settings/").status_code == 302


def test_logout_needs_the_csrf_token(member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member, backend="kettle.accounts.auth.MemberBackend")

    assert client.post("/logout/").status_code == 403
    assert logged_in_as(client) == member.id
