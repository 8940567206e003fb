"""Baseline web security: headers on every page, and production settings that pass check --deploy."""

import os
import subprocess
import sys

import pytest


@pytest.mark.django_db
def test_pages_carry_a_nonce_csp_and_the_protective_headers(client):
    response = client.get("/login/")
    csp = response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self' 'nonce-" in csp
    nonce = csp.split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"'.encode() in response.content  # the htmx script tag carries it
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_each_response_gets_a_different_nonce_and_its_scripts_carry_their_own(client):
    pages = [client.get("/login/") for _ in range(2)]
    nonces = [page["Content-Security-Policy"].split("'nonce-")[1].split("'")[0] for page in pages]
    assert nonces[0] != nonces[1]
    for page, nonce, other in zip(pages, nonces, reversed(nonces), strict=True):
        assert f'nonce="{nonce}"'.encode() in page.content and f'nonce="{other}"'.encode() not in page.content


def _kettle(args, tmp_path, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("KETTLE_")}
    environment.update({"KETTLE_DATA_DIR": str(tmp_path), **env})
    return subprocess.run([sys.executable, "-m", "kettle", *args], env=environment, capture_output=True,
                          text=True, timeout=120)


def test_production_refuses_the_default_secret_key(tmp_path):
    result = _kettle(["check"], tmp_path, KETTLE_DEBUG="0")
    assert result.returncode != 0
    assert "KETTLE_SECRET_KEY must be set" in result.stderr


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    result = _kettle(["check", "--deploy", "--fail-level", "WARNING"], tmp_path, KETTLE_DEBUG="0",
                     KETTLE_SECRET_KEY="x" * 20 + "a-long-random-production-secret-0123456789",
                     KETTLE_ALLOWED_HOSTS="kettle.example.org")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_page_of_forms_carries_one_csrf_token_and_it_is_accepted(db):
    """The reaction and bookmark forms on every post share the page's one masked token."""
    import re

    from django.test import Client

    from kettle.social import actions as social
    from kettle.social.models import Reaction
    from tests.factories import make_member

    reader, writer = make_member("ada"), make_member("bodhi", is_public=True)
    social.do_follow(reader, writer)
    post = social.do_create_post(writer, body="Three posts, twelve forms")
    social.do_create_post(writer, body="Two")
    client = Client(enforce_csrf_checks=True)
    client.force_login(reader, backend="kettle.accounts.auth.MemberBackend")
    page = client.get("/").content.decode()
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert len(tokens) > 4 and len(set(tokens)) == 1
    response = client.post(f"/posts/{post.id}/react", {"kind": "hug", "csrfmiddlewaretoken": tokens[0], "next": "/"})
    assert response.status_code == 302
    assert Reaction.objects.filter(post=post, member=reader, kind="hug").exists()
