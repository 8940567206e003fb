"""Locust users for `kettle bench run`: one scenario, read from the JSON file named by
KETTLE_BENCH_SCENARIO, which `kettle.bench.http` writes before starting locust. The final
figures go to the JSON file named by KETTLE_BENCH_RESULT when locust quits.

Locust imports this file by path in its own process, so it must not import Django or
anything from kettle (and this folder sits on sys.path while it loads: no stdlib names).
"""

from __future__ import annotations

import itertools
import json
import os
import random
import time
from pathlib import Path

import gevent
from locust import constant, events, task
from locust.contrib.fasthttp import FastHttpUser
from locust.exception import CatchResponseError
from locust.stats import StatsError

_SCENARIO = json.loads(Path(os.environ["KETTLE_BENCH_SCENARIO"]).read_text())
_CALLS: list[dict] = _SCENARIO["calls"]
_NAME: str = _SCENARIO["name"]
_OK = frozenset(_SCENARIO["ok_statuses"])
_PACE: float | None = _SCENARIO["pace"]

# Each user starts at its own offset in the call list, so ten users on ten sessions
# spread over ten sessions from the first request rather than all hitting call 0.
_offsets = itertools.count()


def _on_own_beat(user: ScenarioUser) -> float:
    """A paced user's wait until its next slot: one request per pace, on its own phase.
    (Locust's constant_pacing counts from when the user was started, which pulls users
    started in the same instant back into step however their first request was delayed.)"""
    user.next_slot += _PACE
    return max(0.0, user.next_slot - time.monotonic())


class ScenarioUser(FastHttpUser):
    # No pace: closed loop, the next request as soon as the last answered (max throughput).
    wait_time = constant(0) if _PACE is None else _on_own_beat
    # One connection per user, as a browser tab or API client would hold.
    concurrency = 1

    def on_start(self) -> None:
        self._next = next(_offsets) % len(_CALLS)
        if _PACE:
            # Locust starts a whole second's worth of users in the same instant: twenty
            # writers would all post at the same moment, every second. Independent people
            # don't; each starts somewhere in the first pace and keeps that beat.
            gevent.sleep(random.uniform(0, _PACE))  # noqa: S311 - spreading load, not secrecy
            self.next_slot = time.monotonic()

    @task
    def call(self) -> None:
        spec = _CALLS[self._next]
        self._next = (self._next + 1) % len(_CALLS)
        # Cookies the server sets (csrftoken, a refreshed session) would mix with the
        # scenario's own Cookie header; each call carries exactly the state it was given.
        self.client.cookiejar.clear()
        with self.client.request(
            spec["method"], spec["path"], name=_NAME, headers=dict(spec["headers"]), json=spec["json"],
            # A 302 to the login page means a broken session; following it would hide that.
            allow_redirects=False, catch_response=True,
        ) as response:
            status = response.status_code
            if status in _OK:
                response.success()
            elif not status:
                response.failure(f"no response: {type(response.error).__name__}: {response.error}")
            else:
                # Keyed by status (and redirect target), not by path: a thousand profile URLs
                # failing the same way should read as one error, not a thousand.
                location = (response.headers or {}).get("location", "") if 300 <= status < 400 else ""
                where = f" to {location.split('?')[0]}" if location else ""
                response.failure(f"HTTP {status}{where}")



@events.quitting.add_listener
def _write_result(environment, **kwargs) -> None:
    # Not locust's --csv: it rewrites those files once a second and never after the users stop,
    # so they lag the end of the run by up to a second (and hold nothing at all for a 1 s run).
    total = environment.stats.total
    requests = total.num_requests

    def percentile(fraction: float) -> float:
        return float(total.get_response_time_percentile(fraction) or 0) if requests else 0.0

    errors: dict[str, int] = {}
    for error in environment.stats.errors.values():
        # response.failure("HTTP 404") is stored as CatchResponseError("HTTP 404"): keep the message.
        raw = error.error
        message = str(raw) if isinstance(raw, CatchResponseError) else StatsError.parse_error(raw)
        errors[message] = errors.get(message, 0) + error.occurrences
    result = {"requests": requests, "failures": total.num_failures, "rps": total.total_rps if requests else 0.0,
              "p50_ms": percentile(0.5), "p95_ms": percentile(0.95), "p99_ms": percentile(0.99), "errors": errors}
    Path(os.environ["KETTLE_BENCH_RESULT"]).write_text(json.dumps(result, indent=1))
