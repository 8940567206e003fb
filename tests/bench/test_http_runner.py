"""`run_http` starts a real `kettle serve`, drives it with locust, reports figures and stops it."""

from __future__ import annotations

import os
import re
import secrets
import socket
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

import psutil  # noqa: E402  (the test extra brings it, with locust)

from kettle.bench.http import Call, HttpScenario, run_http  # noqa: E402


def _env(tmp_path: Path) -> dict[str, str]:
    # Its own throwaway SQLite database, even on the PostgreSQL CI job: never a shared one.
    env = {k: v for k, v in os.environ.items() if not k.startswith("KETTLE_") and k != "DJANGO_SETTINGS_MODULE"}
    env.update(KETTLE_DATA_DIR=str(tmp_path / "data"), KETTLE_DEBUG="0", KETTLE_SECRET_KEY=secrets.token_urlsafe(40))
    return env


def test_run_http_measures_a_real_server_and_stops_it(tmp_path):
    env = _env(tmp_path)
    subprocess.run([sys.executable, "-m", "kettle", "migrate", "-v0"], env=env, check=True, timeout=120)
    messages: list[str] = []

    run = run_http(
        [
            HttpScenario("hello", [Call("GET", "/bench/hello")], users=4, seconds=2),
            HttpScenario("missing", [Call("GET", "/no-such-page")], users=2, seconds=1),
        ],
        env=env, workers=2, log_dir=tmp_path / "logs", progress=messages.append,
    )

    hello, missing = run.figures["hello"], run.figures["missing"]
    assert hello.requests > 0 and hello.failures == 0 and hello.errors == {}
    assert 0 < hello.p50_ms <= hello.p95_ms <= hello.p99_ms
    assert hello.rps > 0
    assert missing.requests > 0 and missing.failures == missing.requests
    assert any("404" in message for message in missing.errors)
    assert sum(missing.errors.values()) == missing.failures
    assert 50 < run.peak_rss_mb < 2000  # three or four real Django processes, not a runaway
    assert run.locked_errors == 0
    assert run.workers == 2
    assert any(message.startswith("hello:") for message in messages)

    log = Path(run.server_log).read_text()
    port = int(re.search(r"http://127\.0\.0\.1:(\d+)", log).group(1))
    with socket.socket() as sock, pytest.raises(OSError):
        sock.settimeout(2)
        sock.connect(("127.0.0.1", port))  # refused: the server really stopped
    survivors = []
    for proc in psutil.process_iter(["cmdline"]):
        cmdline = proc.info["cmdline"] or []
        if "serve" in cmdline and str(port) in cmdline:
            survivors.append(proc)
    assert survivors == []
