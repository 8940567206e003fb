"""Sign-up and email confirmation: what a new parent sees, what is created, and what is sent."""

from __future__ import annotations

import html
import re
import time
from unittest import mock
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import Client

from kettle.accounts import actions, emails
from kettle.accounts.models import Member, Profile
from tests.factories import PASSWORD

SIGNUP = "/signup/"
NEW = {"email": "Newbie@Example.test", "handle": "newbie", "display_name": "Nia", "password": PASSWORD}


def text(response) -> str:
    return html.unescape(response.content.decode())


def field_error(response, name: str) -> str:
    found = re.search(rf'id="id_{name}_errors">(.*?)</p>', response.content.decode(), re.S)
    return html.unescape(found.group(1)) if found else ""


def link_in(message) -> str:
    """The path of the one link in an email, ready for the test client."""
    return urlsplit(re.search(r"https?://\S+", message.body).group(0)).path


def _unconfirmed_member() -> Member:
    return actions.do_sign_up(email="waiting@example.test", handle="waiting", display_name="W",
                              password=PASSWORD)


@pytest.fixture
def sign_up(client, django_capture_on_commit_callbacks):
    """POST the sign-up form and let the emails it queues go out."""

    def post(browser=None, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            return (browser or client).post(SIGNUP, {**NEW, **fields})

    return post


@pytest.mark.django_db
def test_signing_up_creates_an_unconfirmed_member_with_a_profile_and_emails_a_link(sign_up):
    response = sign_up()

    assert response.status_code == 302
    assert response["Location"] == "/signup/check-your-email/"
    member = Member.objects.get(handle="newbie")
    assert member.email == "newbie@example.test"
    assert member.email_confirmed_at is None
    assert member.check_password(PASSWORD)
    assert Profile.objects.get(member=member).display_name == "Nia"
    assert [m.to for m in mail.outbox] == [["newbie@example.test"]]
    assert "confirm your email" in mail.outbox[0].subject
    assert link_in(mail.outbox[0]).startswith("/confirm/")


@pytest.mark.django_db
def test_signing_up_leaves_the_visitor_logged_out_until_they_confirm(client, sign_up):
    sign_up()

    assert "_auth_user_id" not in client.session
    assert client.get("/settings/").status_code == 302


@pytest.mark.django_db
def test_the_check_your_email_page_names_the_address_used(client, sign_up):
    sign_up()

    response = client.get("/signup/check-your-email/")

    assert response.status_code == 200
    assert "newbie@example.test" in text(response)


@pytest.mark.django_db
def test_the_emailed_link_confirms_logs_in_and_starts_onboarding(client, sign_up):
    sign_up()

    response = client.get(link_in(mail.outbox[0]))

    assert response.status_code == 302
    assert response["Location"] == "/welcome/1/"
    member = Member.objects.get(handle="newbie")
    assert member.email_confirmed_at is not None
    assert client.session["_auth_user_id"] == str(member.id)
    assert client.get("/welcome/1/").status_code == 200


@pytest.mark.django_db
def test_a_confirmed_member_can_then_log_in_with_their_password(client, sign_up):
    sign_up()
    client.get(link_in(mail.outbox[0]))
    client.post("/logout/")

    response = client.post("/login/", {"email": "newbie@example.test", "password": PASSWORD})

    assert response.status_code == 302
    assert "_auth_user_id" in client.session


@pytest.mark.django_db
def test_an_expired_confirmation_link_answers_400_and_says_so(client):
    member = _unconfirmed_member()
    four_days_ago = time.time() - 4 * 24 * 3600
    with mock.patch("time.time", return_value=four_days_ago):
        token = emails.confirmation_token(member, member.email)

    response = client.get(f"/confirm/{token}/")

    assert response.status_code == 400
    assert "That link has expired" in text(response)
    member.refresh_from_db()
    assert member.email_confirmed_at is None
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
@pytest.mark.parametrize("tamper", [
    lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
    lambda token: "x" + token,
    lambda token: "nonsense",
], ids=["changed-signature", "changed-payload", "garbage"])
def test_a_tampered_confirmation_link_answers_400_and_confirms_nothing(client, tamper):
    member = _unconfirmed_member()
    token = emails.confirmation_token(member, member.email)

    response = client.get(f"/confirm/{tamper(token)}/")

    assert response.status_code == 400
    assert "That link isn't valid" in text(response)
    member.refresh_from_db()
    assert member.email_confirmed_at is None
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_link_for_a_deactivated_account_does_not_log_anyone_in(client):
    member = _unconfirmed_member()
    token = emails.confirmation_token(member, member.email)
    Member.objects.filter(id=member.id).update(is_active=False)

    response = client.get(f"/confirm/{token}/")

    assert response.status_code == 400
    assert "_auth_user_id" not in client.session



@pytest.mark.parametrize("fields, field, message", [
    ({"email": "not-an-email"}, "email", "doesn't look like an email address"),
    ({"email": ""}, "email", "Please fill this in"),
    ({"handle": "admin"}, "handle", "That handle is reserved"),
    ({"handle": "amara"}, "handle", "That handle is taken"),
    ({"handle": "AMARA"}, "handle", "That handle is taken"),
    ({"handle": "no spaces!"}, "handle", "Handles are 3 to 30 characters"),
    ({"handle": "ab"}, "handle", "Handles are 3 to 30 characters"),
    ({"password": "short"}, "password", "too short"),
    ({"password": "qwertyuiop"}, "password", "too common"),
    ({"password": "1234567890"}, "password", "entirely numeric"),
    ({"password": "newbie@example.test"}, "password", "too similar"),
    ({"display_name": ""}, "display_name", "Please fill this in"),
    ({"display_name": "   "}, "display_name", "Please fill this in"),
    ({"display_name": "x" * 61}, "display_name", "keep this to 60 characters"),
], ids=lambda v: v if isinstance(v, str) else None)
def test_bad_sign_up_input_is_explained_on_its_field_and_creates_nothing(member, sign_up, fields, field,
                                                                         message):
    members_before = Member.objects.count()

    response = sign_up(**fields)

    assert response.status_code == 200
    assert message in field_error(response, field)
    assert Member.objects.count() == members_before
    assert mail.outbox == []


def _same_page(response, *emails_shown: str) -> str:
    body = text(response)
    for address in emails_shown:
        body = body.replace(address, "ADDRESS")
    return re.sub(r'(nonce|value)="[^"]*"', r'\1=""', body)


def test_signing_up_with_a_registered_email_looks_exactly_like_a_new_sign_up(member, sign_up):
    fresh, repeat = Client(), Client()
    members_before = Member.objects.count()

    new_answer = sign_up(fresh, email="someone.new@example.test", handle="someone_new")
    repeat_answer = sign_up(repeat, email=member.email.upper(), handle="another_handle")

    assert Member.objects.count() == members_before + 1
    assert not Member.objects.filter(handle="another_handle").exists()
    assert (new_answer.status_code, new_answer["Location"]) == (repeat_answer.status_code,
                                                               repeat_answer["Location"])
    done_new = fresh.get(new_answer["Location"])
    done_repeat = repeat.get(repeat_answer["Location"])
    assert done_new.status_code == done_repeat.status_code == 200
    assert _same_page(done_new, "someone.new@example.test") == _same_page(done_repeat, member.email)


def test_signing_up_with_a_registered_email_tells_the_owner_instead_of_sending_a_link(member, sign_up):
    sign_up(email=member.email, handle="another_handle")

    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == [member.email]
    assert "already have" in sent.subject
    assert "/login/" in sent.body and "/password/reset/" in sent.body
    assert "/confirm/" not in sent.body
    member.refresh_from_db()
    assert member.check_password(PASSWORD)


def test_signing_up_with_a_registered_email_does_the_same_password_hashing_work(member, sign_up):
    """Hashing a password takes a noticeable time; skipping it for known addresses would
    let anyone time the answer to learn who is registered."""
    from django.contrib.auth.hashers import get_hasher

    hasher_class = type(get_hasher())
    with mock.patch.object(hasher_class, "encode", autospec=True, side_effect=hasher_class.encode) as new:
        sign_up(email="someone.new@example.test", handle="someone_new")
    with mock.patch.object(hasher_class, "encode", autospec=True, side_effect=hasher_class.encode) as known:
        sign_up(email=member.email, handle="another_handle")

    assert new.call_count >= 1
    assert known.call_count == new.call_count


@pytest.mark.django_db
def test_a_logged_in_member_is_sent_home_from_the_sign_up_page(member, client_for):
    response = client_for(member).get(SIGNUP)

    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_sign_ups_from_one_address_are_rate_limited_with_retry_after(client, sign_up, settings):
    allowed = int(settings.SIGNUP_RATE.split("/")[0])
    for n in range(allowed):
        assert sign_up(email=f"parent{n}@example.test", handle=f"parent{n}").status_code == 302

    response = sign_up(email="one.more@example.test", handle="one_more")

    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= int(settings.SIGNUP_RATE.split("/")[1])
    assert not Member.objects.filter(handle="one_more").exists()
    assert sign_up(Client(REMOTE_ADDR="10.9.9.9"), email="elsewhere@example.test",
                   handle="elsewhere").status_code == 302


@pytest.mark.django_db
def test_opening_the_confirmation_link_again_confirms_but_does_not_log_anyone_in(sign_up):
    """The link lives for days in an inbox and would otherwise outlive "log out everywhere"."""
    sign_up()
    link = link_in(mail.outbox[0])
    first = Client()
    first.get(link)
    actions.do_log_out_everywhere(Member.objects.get(handle="newbie"))

    again = Client()
    response = again.get(link)

    assert response.status_code == 302
    assert response["Location"] == "/login/"
    assert "_auth_user_id" not in again.session
    assert first.get("/settings/").status_code == 302
