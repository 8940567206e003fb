"""A tiny-size run of both benchmark commands, as an operator would type them: generate a
community into an empty database, then measure it in-process and over HTTP."""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kettle.bench.scenarios import READS, WRITES

pytestmark = pytest.mark.slow


def kettle(env: dict[str, str], *args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kettle", *args], env=env, capture_output=True, text=True,
                          timeout=timeout)


def fresh_env(data_dir: Path) -> dict[str, str]:
    # A throwaway SQLite database of its own, even on the PostgreSQL CI run: never a shared one.
    env = {k: v for k, v in os.environ.items() if not k.startswith("KETTLE_") and k != "DJANGO_SETTINGS_MODULE"}
    env.update(KETTLE_DATA_DIR=str(data_dir), KETTLE_SECRET_KEY=secrets.token_urlsafe(40))
    return env


def test_generate_then_run_measures_every_page_and_write_and_checks_the_budgets(tmp_path):
    env = fresh_env(tmp_path / "data")

    made = kettle(env, "bench", "generate", "--size", "tiny", "--seed", "3")
    assert made.returncode == 0, made.stderr[-2000:]
    assert "Generated the tiny community" in made.stdout
    summary = json.loads((tmp_path / "data" / "bench" / "generated.json").read_text())
    assert summary["shape"]["members"] == 200
    assert summary["posts"] > 2_000 and summary["comments"] > 0 and summary["reactions"] > 0
    assert summary["feed_rows"] > 0 and summary["polls"] > 0 and summary["rsvps"] > 0

    measured = kettle(env, "bench", "run", "--requests", "5", "--seconds", "1", timeout=600)
    assert measured.returncode == 0, measured.stdout[-3000:] + measured.stderr[-3000:]
    result = json.loads((tmp_path / "data" / "bench" / "sqlite-tiny.json").read_text())
    for name in (*READS, *WRITES):
        local = result["in_process"][name]
        assert local["requests"] == 5 and local["failures"] == 0, (name, local)
        assert 0 < local["p50_ms"] <= local["p99_ms"]
        assert local["queries"] > 0
        remote = result["http"]["figures"][name]
        assert remote["requests"] > 0 and remote["failures"] == 0, (name, remote)
    assert result["in_process"]["raw_sql_floor"]["failures"] == 0  # it found 20 items
    assert result["http"]["peak_rss_mb"] > 50
    assert result["budgets"] and {"budget", "value", "limit", "met"} <= set(result["budgets"][0])
    assert "budgets met" in measured.stdout and "home_html" in measured.stdout


def test_generate_refuses_a_database_that_already_has_members(tmp_path):
    env = fresh_env(tmp_path / "data")
    assert kettle(env, "migrate", "-v0").returncode == 0
    database = tmp_path / "data" / "kettle.sqlite3"
    with sqlite3.connect(database) as db:
        db.execute("INSERT INTO accounts_member (email, handle, password, is_staff, is_active, is_superuser, "
                   "date_joined, onboarding_progress, session_salt) VALUES "
                   "('a@b.invalid', 'someone', '!', 0, 1, 0, '2026-01-01 00:00:00', 0, 'x')")

    refused = kettle(env, "bench", "generate", "--size", "tiny")

    assert refused.returncode != 0
    assert "already has members" in refused.stderr
    skipped = kettle(env, "bench", "generate", "--size", "tiny", "--if-empty")
    assert skipped.returncode == 0 and "has a community already (1 members)" in skipped.stdout
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT count(*) FROM accounts_member").fetchone()[0] == 1
        assert db.execute("SELECT count(*) FROM social_post").fetchone()[0] == 0


def test_the_same_seed_gives_the_same_community(tmp_path):
    digests = []
    for run in ("a", "b"):
        env = fresh_env(tmp_path / run)
        assert kettle(env, "bench", "generate", "--size", "tiny", "--seed", "5").returncode == 0
        with sqlite3.connect(tmp_path / run / "kettle.sqlite3") as db:
            digests.append([
                db.execute("SELECT group_concat(handle) FROM (SELECT handle FROM accounts_member ORDER BY id)")
                .fetchone(),
                db.execute("SELECT count(*), sum(author_id * id), sum(length(body)) FROM social_post").fetchone(),
                db.execute("SELECT count(*), sum(member_id * post_id) FROM social_feedentry").fetchone(),
                db.execute("SELECT count(*), sum(follower_id * followee_id) FROM social_follow").fetchone(),
            ])
    assert digests[0] == digests[1]
    assert digests[0][1][0] > 2_000
