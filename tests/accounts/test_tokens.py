"""Personal access tokens: made on the settings page or through the API, shown once, kept hashed."""

from __future__ import annotations

import hashlib
import html
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from kettle.accounts import actions
from kettle.accounts.models import AccessToken
from tests.factories import make_member

pytestmark = pytest.mark.django_db

TOKENS_PAGE = "/settings/tokens/"
ME = "/api/v1/me"
ERROR_KEYS = {"error", "message", "fields"}


def bearer(raw: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {raw}"})


def text(response) -> str:
    return html.unescape(response.content.decode())


def assert_api_error(response, status: int, code: str) -> dict:
    assert response.status_code == status
    body = response.json()
    assert set(body) == ERROR_KEYS
    assert body["error"] == code
    assert isinstance(body["message"], str) and body["message"]
    return body


# --- The settings page ----------------------------------------------------------------------

def test_creating_a_token_on_the_settings_page_shows_it_once(member, client_for):
    client = client_for(member)

    response = client.post(TOKENS_PAGE, {"name": "my phone shortcut"}, follow=True)

    assert response.redirect_chain == [(TOKENS_PAGE, 302)]  # reloading can't create a second one
    token = AccessToken.objects.get(member=member)
    raw = next(word for word in text(response).replace("<", " ").replace(">", " ").split()
               if word.startswith("kettle_") and len(word) > 20)
    assert hashlib.sha256(raw.encode()).hexdigest() == token.token_hash
    later = text(client.get(TOKENS_PAGE))
    assert raw not in later
    assert token.prefix in later and "my phone shortcut" in later


def test_a_token_is_stored_only_as_its_hash(member):
    token, raw = actions.do_create_token(member, name="script")

    stored = AccessToken.objects.filter(id=token.id).values().get()
    assert all(raw not in str(value) for value in stored.values())
    assert stored["token_hash"] == hashlib.sha256(raw.encode()).hexdigest()
    assert raw.startswith(stored["prefix"]) and len(stored["prefix"]) < len(raw) // 2


def test_tokens_are_unique_and_unguessable(member):
    raws = {actions.do_create_token(member, name=f"t{n}")[1] for n in range(5)}

    assert len(raws) == 5
    assert all(len(raw) >= len("kettle_") + 40 for raw in raws)


@pytest.mark.parametrize("name, message", [
    ("", "Please fill this in"),
    ("   ", "Please fill this in"),
    ("x" * 61, "keep this to 60 characters"),
])
def test_a_token_needs_a_sensible_name(member, client_for, name, message):
    response = client_for(member).post(TOKENS_PAGE, {"name": name})

    assert response.status_code == 200
    assert message in text(response)
    assert not AccessToken.objects.exists()


def test_a_member_can_have_at_most_twenty_active_tokens(member, client_for):
    tokens = [actions.do_create_token(member, name=f"t{n}")[0] for n in range(20)]

    response = client_for(member).post(TOKENS_PAGE, {"name": "one too many"})

    assert "You have 20 active tokens" in text(response)
    assert AccessToken.objects.count() == 20
    actions.do_revoke_token(member, tokens[0].id)
    assert actions.do_create_token(member, name="room again")[1]


def test_the_tokens_page_is_for_logged_in_members_only(db):
    response = Client().get(TOKENS_PAGE)

    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


# --- Using and revoking ---------------------------------------------------------------------

def test_a_bearer_token_reads_the_members_own_profile(member):
    _, raw = actions.do_create_token(member, name="script")

    response = bearer(raw).get(ME)

    assert response.status_code == 200
    assert response.json()["handle"] == "amara"
    assert AccessToken.objects.get(member=member).last_used_at is not None


def test_last_used_is_refreshed_only_now_and_then(member):
    token, raw = actions.do_create_token(member, name="script")
    a_minute_ago = timezone.now() - timedelta(minutes=1)
    an_hour_ago = timezone.now() - timedelta(hours=1)

    AccessToken.objects.filter(id=token.id).update(last_used_at=a_minute_ago)
    bearer(raw).get(ME)
    assert AccessToken.objects.get(id=token.id).last_used_at == a_minute_ago

    AccessToken.objects.filter(id=token.id).update(last_used_at=an_hour_ago)
    bearer(raw).get(ME)
    assert AccessToken.objects.get(id=token.id).last_used_at > an_hour_ago


def test_a_token_revoked_on_the_settings_page_answers_401_in_the_error_shape(member, client_for):
    token, raw = actions.do_create_token(member, name="script")

    response = client_for(member).post(f"/settings/tokens/{token.id}/revoke/")

    assert response.status_code == 302
    assert_api_error(bearer(raw).get(ME), 401, "unauthenticated")
    assert "Revoked" in text(client_for(member).get(TOKENS_PAGE))


def test_revoking_needs_a_post(member, client_for):
    token, raw = actions.do_create_token(member, name="script")

    assert client_for(member).get(f"/settings/tokens/{token.id}/revoke/").status_code == 405
    assert bearer(raw).get(ME).status_code == 200


def test_another_member_cannot_revoke_my_token_on_the_settings_page(member, client_for):
    token, raw = actions.do_create_token(member, name="script")

    response = client_for(make_member("bea")).post(f"/settings/tokens/{token.id}/revoke/")

    assert response.status_code == 404
    assert bearer(raw).get(ME).status_code == 200


def test_a_deactivated_members_token_stops_working(member):
    _, raw = actions.do_create_token(member, name="script")
    type(member).objects.filter(id=member.id).update(is_active=False)

    assert_api_error(bearer(raw).get(ME), 401, "unauthenticated")


# --- Tokens through the API -----------------------------------------------------------------

def test_the_api_creates_a_token_that_works_and_shows_it_only_once(member, api_for):
    api = api_for(member)

    created = api.post("/api/v1/me/tokens", {"name": "home automation"}, content_type="application/json")

    assert created.status_code == 201
    body = created.json()
    assert body["name"] == "home automation" and body["revoked"] is False
    assert body["token"].startswith(body["prefix"])
    assert bearer(body["token"]).get(ME).json()["handle"] == "amara"
    listed = api.get("/api/v1/me/tokens").json()
    assert {t["name"] for t in listed} == {"tests", "home automation"}
    assert all("token" not in t for t in listed)


@pytest.mark.parametrize("payload, status, field", [
    ({}, 422, "name"),
    ({"name": ""}, 422, "name"),
    ({"name": 7}, 422, "name"),
    ({"name": "x" * 61}, 422, "name"),
    ({"name": "   "}, 400, "name"),
])
def test_the_api_explains_a_bad_token_name(member, api_for, payload, status, field):
    response = api_for(member).post("/api/v1/me/tokens", payload, content_type="application/json")

    body = assert_api_error(response, status, "invalid")
    assert field in body["fields"]
    assert AccessToken.objects.filter(member=member).count() == 1


def test_the_api_revokes_a_token(member, api_for):
    token, raw = actions.do_create_token(member, name="old script")

    response = api_for(member).delete(f"/api/v1/me/tokens/{token.id}")

    assert response.status_code == 204
    assert_api_error(bearer(raw).get(ME), 401, "unauthenticated")
    assert api_for(member).get("/api/v1/me/tokens").json()[-1]["revoked"] is True


def test_a_token_can_revoke_itself(member):
    token, raw = actions.do_create_token(member, name="leaked")

    assert bearer(raw).delete(f"/api/v1/me/tokens/{token.id}").status_code == 204
    assert bearer(raw).get(ME).status_code == 401


def test_another_member_cannot_revoke_my_token_through_the_api(member, api_for):
    token, raw = actions.do_create_token(member, name="script")

    response = api_for(make_member("bea")).delete(f"/api/v1/me/tokens/{token.id}")

    assert_api_error(response, 404, "not_found")
    assert bearer(raw).get(ME).status_code == 200


def test_the_token_list_shows_only_my_own_tokens(member, api_for):
    actions.do_create_token(make_member("bea"), name="bea's script")

    listed = api_for(member).get("/api/v1/me/tokens").json()

    assert [t["name"] for t in listed] == ["tests"]
