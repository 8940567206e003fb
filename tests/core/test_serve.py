"""`kettle serve --with-worker` really serves, runs queued work, and stops cleanly on Ctrl-C."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _env(tmp_path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KETTLE_") and k != "DJANGO_SETTINGS_MODULE"}
    # Its own throwaway SQLite database, whichever database the rest of the suite uses.
    env.update(KETTLE_DATA_DIR=str(tmp_path), KETTLE_LOG_LEVEL="WARNING")
    return env


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "service-stop"])
def test_serve_with_worker_answers_requests_and_stops_both(stop_signal, tmp_path):
    env = _env(tmp_path)
    kettle = [sys.executable, "-m", "kettle"]
    subprocess.run([*kettle, "migrate", "-v0"], env=env, check=True, timeout=120)
    port = _free_port()
    server = subprocess.Popen([*kettle, "serve", "--port", str(port), "--with-worker"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        body = None
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=2) as response:
                    body = response.read()
                break
            except OSError:
                time.sleep(0.2)
        assert body == b'{"status": "ok"}'
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/kettle/kettle.css", timeout=5) as response:
            assert response.headers["Content-Type"].startswith("text/css")
    finally:
        if stop_signal == signal.SIGINT:
            os.killpg(server.pid, signal.SIGINT)  # what Ctrl-C sends to the whole foreground group
        else:
            server.send_signal(signal.SIGTERM)  # what a service manager sends to the main process
        output, _ = server.communicate(timeout=30)
    assert server.returncode == 0, output
    assert "Kettle stopped" in output
    time.sleep(0.5)
    leftover = subprocess.run(["pgrep", "-g", str(server.pid)], capture_output=True, text=True)
    assert leftover.stdout == "", "the worker outlived the server"
