"""How API requests prove who they are: the browser session (with CSRF on writes) or a bearer
token, and one error shape when they can't."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from kettle.accounts import actions
from kettle.accounts.models import Member

pytestmark = pytest.mark.django_db

ME = "/api/v1/me"
ERROR_KEYS = {"error", "message", "fields"}
UNAUTHENTICATED = {"error": "unauthenticated",
                   "message": "Log in, or send a valid token as 'Authorization: Bearer <token>'.",
                   "fields": {}}


def patch_me(client: Client, **headers):
    return client.patch(ME, json.dumps({"display_name": "Amara B"}), content_type="application/json",
                        headers=headers)


def display_name(member: Member) -> str:
    return Member.objects.with_profile().get(id=member.id).profile.display_name


def session_client(member: Member) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(member, backend="kettle.accounts.auth.MemberBackend")
    return client


@pytest.mark.parametrize("method, path", [
    ("get", ME),
    ("patch", ME),
    ("get", "/api/v1/me/tokens"),
    ("post", "/api/v1/me/tokens"),
    ("delete", "/api/v1/me/tokens/1"),
])
def test_no_credentials_answer_401_in_the_error_shape(method, path):
    client = Client()
    response = client.get(path) if method == "get" else getattr(client, method)(
        path, "{}", content_type="application/json")

    assert response.status_code == 401
    assert response.json() == UNAUTHENTICATED


@pytest.mark.parametrize("authorization", [None, "Bearer kettle_not-a-real-token"])
def test_a_script_writing_without_valid_credentials_is_told_to_authenticate_not_about_csrf(authorization):
    headers = {"Authorization": authorization} if authorization else {}
    client = Client(enforce_csrf_checks=True, headers=headers)

    response = client.post("/api/v1/me/tokens", {"name": "x"}, content_type="application/json")

    assert response.status_code == 401
    assert response.json() == UNAUTHENTICATED


@pytest.mark.parametrize("authorization", [
    "Bearer kettle_not-a-real-token",
    "Bearer ",
    "Bearer " + "k" * 300,
    "Basic YW1hcmE6cGFzc3dvcmQ=",
    "kettle_no-scheme-at-all",
])
def test_bad_credentials_answer_401_in_the_error_shape(member, authorization):
    response = Client(headers={"Authorization": authorization}).get(ME)

    assert response.status_code == 401
    assert set(response.json()) == ERROR_KEYS


def test_the_browser_session_reads_the_api(member, client_for):
    response = client_for(member).get(ME)

    assert response.status_code == 200
    assert response.json()["handle"] == "amara"


def test_a_session_patch_without_the_csrf_token_is_refused(member):
    response = patch_me(session_client(member))

    assert response.status_code == 403
    assert set(response.json()) == ERROR_KEYS
    assert display_name(member) == "Amara"


def test_a_session_patch_with_the_csrf_token_works(member):
    client = session_client(member)
    client.get("/settings/")
    token = client.cookies["csrftoken"].value

    response = patch_me(client, **{"X-CSRFToken": token})

    assert response.status_code == 200
    assert response.json()["display_name"] == "Amara B"
    assert display_name(member) == "Amara B"


def test_a_session_patch_with_someone_elses_csrf_cookie_is_refused(member):
    client = session_client(member)
    client.get("/settings/")
    client.cookies["csrftoken"] = "A" * 32

    response = patch_me(client, **{"X-CSRFToken": "B" * 32})

    assert response.status_code == 403
    assert display_name(member) == "Amara"


def test_a_bearer_token_writes_without_a_csrf_token(member):
    _, raw = actions.do_create_token(member, name="script")
    client = Client(enforce_csrf_checks=True, headers={"Authorization": f"Bearer {raw}"})

    response = patch_me(client)

    assert response.status_code == 200
    assert display_name(member) == "Amara B"


def test_a_session_ended_everywhere_no_longer_opens_the_api(member, client_for):
    phone = client_for(member)
    actions.do_log_out_everywhere(member)

    response = phone.get(ME)

    assert response.status_code == 401
    assert response.json() == UNAUTHENTICATED


# --- Optional authentication: /people/{handle} -----------------------------------------------

def test_a_public_profile_opens_without_credentials(bea):
    response = Client().get("/api/v1/people/bea")

    assert response.status_code == 200
    assert response.json()["handle"] == "bea"
    assert response.json()["distance_band"] is None


def test_a_private_profile_is_404_without_credentials(member):
    response = Client().get("/api/v1/people/amara")

    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


@pytest.mark.parametrize("authorization", [
    "Bearer kettle_garbage",
    "Bearer ",
    "Basic YW1hcmE6cGFzc3dvcmQ=",
])
def test_failed_credentials_on_an_open_endpoint_answer_401_not_anonymous(bea, authorization):
    response = Client(headers={"Authorization": authorization}).get("/api/v1/people/bea")

    assert response.status_code == 401
    assert response.json() == UNAUTHENTICATED


def test_a_revoked_token_on_an_open_endpoint_answers_401(bea, member):
    token, raw = actions.do_create_token(member, name="script")
    actions.do_revoke_token(member, token.id)

    response = Client(headers={"Authorization": f"Bearer {raw}"}).get("/api/v1/people/bea")

    assert response.status_code == 401


def test_a_valid_token_on_an_open_endpoint_sees_as_its_member(member, api_for):
    response = api_for(member).get("/api/v1/people/amara")

    assert response.status_code == 200
    assert response.json()["handle"] == "amara"


def test_a_logged_in_session_on_an_open_endpoint_sees_as_its_member(member, client_for):
    assert client_for(member).get("/api/v1/people/amara").status_code == 200
