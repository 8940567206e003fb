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
def test_each_response_gets_a_different_nonce(client):
    first = client.get("/login/")["Content-Security-Policy"]
    second = client.get("/login/")["Content-Security-Policy"]
    assert first != second


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
