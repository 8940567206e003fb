"""Forgotten and changed passwords, changing email address, and logging out everywhere."""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import authenticate
from django.core import mail
from django.test import Client
from django.utils.http import urlsafe_base64_encode

from kettle.accounts import actions, emails
from kettle.accounts.models import Member
from tests.factories import PASSWORD, make_member

pytestmark = pytest.mark.django_db

RESET = "/password/reset/"
ACCOUNT = "/settings/account/"
NEW_PASSWORD = "two sugars and a biscuit"


def text(response) -> str:
    return html.unescape(response.content.decode())


def field_error(response, name: str) -> str:
    found = re.search(rf'id="id_{name}_errors">(.*?)</p>', response.content.decode(), re.S)
    return html.unescape(found.group(1)) if found else ""


def normalised(response, address: str) -> str:
    """The page with what legitimately differs (the address typed, CSRF tokens, CSP nonces) blanked."""
    return re.sub(r'(nonce|value)="[^"]*"', r'\1=""', text(response).replace(address, "ADDRESS"))


def link_in(message) -> str:
    return urlsplit(re.search(r"https?://\S+", message.body).group(0)).path


def logged_in(client: Client) -> bool:
    return client.get("/settings/").status_code == 200


def can_log_in(email: str, password: str) -> bool:
    return authenticate(username=email, password=password) is not None


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Make a request and let the emails it queues go out."""

    def request(client: Client, path: str, data: dict | None = None, method: str = "post", **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return getattr(client, method)(path, data or {}, **extra)

    return request


# --- Password reset -------------------------------------------------------------------------

def test_reset_requests_for_known_and_unknown_addresses_look_identical(member, send):
    known = send(Client(), RESET, {"email": member.email})
    unknown = send(Client(), RESET, {"email": "nobody@example.test"})

    assert known.status_code == unknown.status_code == 200
    assert normalised(known, member.email) == normalised(unknown, "nobody@example.test")
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert "Reset your" in mail.outbox[0].subject


def test_a_reset_link_sets_a_new_password_and_logs_in(member, client, send):
    send(client, RESET, {"email": member.email.upper()})
    link = link_in(mail.outbox[0])

    assert client.get(link).status_code == 200
    response = client.post(link, {"new_password": NEW_PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert logged_in(client)
    assert not can_log_in(member.email, PASSWORD)
    assert can_log_in(member.email, NEW_PASSWORD)


def test_a_reset_link_works_only_once(member, client, send):
    send(client, RESET, {"email": member.email})
    link = link_in(mail.outbox[0])
    client.post(link, {"new_password": NEW_PASSWORD})

    again = Client()
    assert again.get(link).status_code == 400
    response = again.post(link, {"new_password": "a third password for sure"})

    assert response.status_code == 400
    assert "expired or was already used" in text(response)
    assert can_log_in(member.email, NEW_PASSWORD)


def test_resetting_the_password_logs_out_every_other_session(member, client_for, send):
    elsewhere = client_for(member)
    resetter = Client()
    send(resetter, RESET, {"email": member.email})

    resetter.post(link_in(mail.outbox[0]), {"new_password": NEW_PASSWORD})

    assert logged_in(resetter)
    assert not logged_in(elsewhere)


def test_a_weak_new_password_is_refused_and_the_link_still_works(member, client, send):
    send(client, RESET, {"email": member.email})
    link = link_in(mail.outbox[0])

    response = client.post(link, {"new_password": "qwertyuiop"})

    assert response.status_code == 200
    assert "too common" in field_error(response, "new_password")
    assert can_log_in(member.email, PASSWORD)
    assert client.post(link, {"new_password": NEW_PASSWORD}).status_code == 302


def test_resetting_the_password_of_an_unconfirmed_account_confirms_its_address(client, send):
    pending = actions.do_sign_up(email="pending@example.test", handle="pending", display_name="P",
                                 password=PASSWORD)
    mail.outbox.clear()
    send(client, RESET, {"email": "pending@example.test"})

    client.post(link_in(mail.outbox[0]), {"new_password": NEW_PASSWORD})

    pending.refresh_from_db()
    assert pending.email_confirmed_at is not None


@pytest.mark.parametrize("uidb64, token", [
    ("MQ", "nonsense-token"),
    ("!!!", "abc-def"),
    ("OTk5OTk5", "abc-def"),
], ids=["wrong-token", "not-base64", "no-such-member"])
def test_a_bad_reset_link_answers_400_with_a_way_forward(member, client, uidb64, token):
    response = client.get(f"/password/reset/{uidb64}/{token}/")

    assert response.status_code == 400
    assert "Please ask for a new one" in text(response)
    assert 'href="/password/reset/"' in text(response)


def test_a_reset_link_for_someone_else_does_not_work(member, client, send):
    other = make_member("bea")
    send(client, RESET, {"email": member.email})
    uid_of_other = urlsafe_base64_encode(str(other.pk).encode())
    link = re.sub(r"^/password/reset/[^/]+/", f"/password/reset/{uid_of_other}/", link_in(mail.outbox[0]))

    assert client.post(link, {"new_password": NEW_PASSWORD}).status_code == 400
    assert can_log_in(other.email, PASSWORD)


def test_reset_requests_from_one_address_are_rate_limited(member, settings, send):
    settings.EMAIL_PER_ADDRESS_RATE = "100/3600"  # only the per-IP limit is under test here
    allowed = int(settings.RESET_RATE.split("/")[0])
    client = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(allowed):
        assert send(client, RESET, {"email": member.email}).status_code == 200

    response = send(client, RESET, {"email": member.email})

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert len(mail.outbox) == allowed


def test_one_inbox_gets_only_a_few_reset_emails_however_many_ips_ask(member, settings, send):
    per_address = int(settings.EMAIL_PER_ADDRESS_RATE.split("/")[0])
    responses = [send(Client(REMOTE_ADDR=f"198.51.100.{n}"), RESET, {"email": member.email})
                 for n in range(per_address + 3)]

    assert {r.status_code for r in responses} == {200}
    # The answer never changes (bar per-response nonces and tokens), so it reveals nothing.
    pages = {re.sub(rb'(nonce|value)="[^"]*"', b"", r.content) for r in responses}
    assert len(pages) == 1
    assert len(mail.outbox) == per_address


# --- Change password ------------------------------------------------------------------------

def change_password(client: Client, current: str, new: str):
    return client.post(ACCOUNT, {"form": "password", "password-current_password": current,
                                 "password-new_password": new})


@pytest.mark.parametrize("current, new, field, message", [
    ("not the password", NEW_PASSWORD, "current_password", "That isn't your current password"),
    (PASSWORD, "short", "new_password", "too short"),
    (PASSWORD, "qwertyuiop", "new_password", "too common"),
])
def test_a_refused_password_change_explains_why_and_changes_nothing(member, client_for, current, new, field,
                                                                     message):
    response = change_password(client_for(member), current, new)

    assert response.status_code == 200
    assert message in field_error(response, f"password-{field}")
    assert can_log_in(member.email, PASSWORD)


def test_changing_the_password_keeps_this_session_and_ends_the_others(member, client_for):
    here, elsewhere = client_for(member), client_for(member)

    response = change_password(here, PASSWORD, NEW_PASSWORD)

    assert response.status_code == 302
    assert can_log_in(member.email, NEW_PASSWORD)
    assert not can_log_in(member.email, PASSWORD)
    assert logged_in(here)
    assert not logged_in(elsewhere)


# --- Change email ---------------------------------------------------------------------------

def change_email(send, client: Client, new_email: str, password: str = PASSWORD):
    return send(client, ACCOUNT, {"form": "email", "email-new_email": new_email, "email-password": password})


@pytest.mark.parametrize("new_email, password, field, message", [
    ("amara.new@example.test", "not the password", "password", "That isn't your current password"),
    ("not an email", PASSWORD, "new_email", "doesn't look like an email address"),
    ("AMARA@example.test", PASSWORD, "new_email", "already your email address"),
])
def test_a_refused_email_change_explains_why_and_sends_nothing(member, client_for, send, new_email, password,
                                                                field, message):
    response = change_email(send, client_for(member), new_email, password)

    assert response.status_code == 200
    assert message in field_error(response, f"email-{field}")
    assert mail.outbox == []


def test_changing_email_waits_for_the_link_then_tells_the_old_address(member, client_for, send):
    client = client_for(member)

    response = change_email(send, client, "Amara.New@Example.test")

    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["amara.new@example.test"]]
    assert "Confirm your new email" in mail.outbox[0].subject
    assert Member.objects.get(id=member.id).email == "amara@example.test"
    link = link_in(mail.outbox[0])
    mail.outbox.clear()

    assert send(client, link, method="get").status_code == 302
    assert Member.objects.get(id=member.id).email == "amara.new@example.test"
    assert [m.to for m in mail.outbox] == [["amara@example.test"]]
    assert "amara.new@example.test" in mail.outbox[0].body
    assert can_log_in("amara.new@example.test", PASSWORD)
    assert not can_log_in("amara@example.test", PASSWORD)


def test_an_old_sign_up_link_does_not_undo_an_email_change(client, send):
    """The sign-up link still has days to run when the member moves to a new address."""
    pending = actions.do_sign_up(email="first@example.test", handle="pending", display_name="P",
                                 password=PASSWORD)
    sign_up_link = f"/confirm/{emails.confirmation_token(pending, pending.email)}/"
    client.get(sign_up_link)
    change_email(send, client, "second@example.test")
    send(client, link_in(mail.outbox[-1]), method="get")
    mail.outbox.clear()

    response = send(Client(), sign_up_link, method="get")

    assert response.status_code == 400
    pending.refresh_from_db()
    assert pending.email == "second@example.test"
    assert mail.outbox == []


def test_a_superseded_email_change_link_no_longer_works(member, client_for, send):
    client = client_for(member)
    change_email(send, client, "first.choice@example.test")
    change_email(send, client, "second.choice@example.test")
    first_link, second_link = (link_in(m) for m in mail.outbox)
    send(client, second_link, method="get")

    response = send(client, first_link, method="get")

    assert response.status_code == 400
    member.refresh_from_db()
    assert member.email == "second.choice@example.test"


def test_opening_an_email_change_link_twice_is_harmless(member, client_for, send):
    client = client_for(member)
    change_email(send, client, "amara.new@example.test")
    link = link_in(mail.outbox[0])
    send(client, link, method="get")

    assert send(client, link, method="get").status_code == 302
    member.refresh_from_db()
    assert member.email == "amara.new@example.test"


def test_a_taken_address_gets_the_same_answer_but_its_owner_is_emailed(member, client_for, send):
    owner = make_member("bea")
    free = change_email(send, client_for(make_member("cat")), "free.address@example.test")
    mail.outbox.clear()
    client = client_for(member)

    taken = change_email(send, client, owner.email)

    assert (taken.status_code, taken["Location"]) == (free.status_code, free["Location"])
    assert [m.to for m in mail.outbox] == [[owner.email]]
    assert "/confirm/" not in mail.outbox[0].body
    member.refresh_from_db()
    assert member.email == "amara@example.test"
    assert "We've sent a link to your new address" in text(client.get(ACCOUNT))


# --- Log out everywhere ---------------------------------------------------------------------

def test_log_out_everywhere_ends_every_session_of_mine_and_no_one_elses(member, client_for):
    here, phone = client_for(member), client_for(member)
    someone_else = client_for(make_member("bea"))

    response = here.post("/settings/account/logout-everywhere/")

    assert response.status_code == 302
    assert response["Location"] == "/login/"
    assert not logged_in(here)
    assert not logged_in(phone)
    assert logged_in(someone_else)
    assert can_log_in(member.email, PASSWORD)


def test_log_out_everywhere_refuses_a_get(member, client_for):
    client = client_for(member)

    assert client.get("/settings/account/logout-everywhere/").status_code == 405
    assert logged_in(client)
