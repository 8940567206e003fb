"""The in-process half: each call through Django's test client (every middleware, the real
views), timed, with its queries counted on a separate pass so counting costs nothing in the
timings. And the raw-SQL floor: the home timeline's 20 items straight from the driver."""

from __future__ import annotations

import json
import statistics
import time
from dataclasses import asdict, dataclass

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kettle.bench.http import Call

COUNTED = 3  # requests per measurement whose queries are counted (and which warm it up)


@dataclass
class Figures:
    requests: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    queries: int  # the most any counted request made
    failures: int

    def as_dict(self) -> dict:
        return asdict(self)


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    if len(samples) < 2:
        value = samples[0] if samples else 0.0
        return value, value, value
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return cuts[49], cuts[94], cuts[98]


def send(client: Client, call: Call):
    headers = {}
    for name, value in call.headers.items():
        if name == "Cookie":
            client.cookies.load(value)
        else:
            headers[name] = value
    if call.method == "GET":
        return client.get(call.path, headers=headers)
    return client.generic(call.method, call.path, json.dumps(call.json or {}), content_type="application/json",
                          headers=headers)


def measure(calls: list[Call], requests: int, *, unique: bool = False, ok=(200, 201)) -> Figures:
    """Time `requests` calls (round robin over `calls`; once each when `unique`, for writes)."""
    client = Client()
    failures = 0
    queries = 0
    sequence = calls if unique else [calls[i % len(calls)] for i in range(requests + COUNTED)]
    for call in sequence[:COUNTED]:
        client.cookies.clear()
        with CaptureQueriesContext(connection) as captured:
            response = send(client, call)
        failures += response.status_code not in ok
        queries = max(queries, len(captured.captured_queries))
    samples = []
    for call in sequence[COUNTED:COUNTED + requests]:
        client.cookies.clear()
        started = time.perf_counter()
        response = send(client, call)
        samples.append((time.perf_counter() - started) * 1000)
        failures += response.status_code not in ok
    p50, p95, p99 = percentiles(samples)
    return Figures(requests=len(samples), p50_ms=round(p50, 2), p95_ms=round(p95, 2), p99_ms=round(p99, 2),
                   queries=queries, failures=failures)


FLOOR_SQL = """
SELECT p.id, p.kind, p.title, p.body_html, p.created_at, p.comment_count, p.hug_count, p.me_too_count,
       p.helpful_count, p.is_anonymous, m.handle, pr.display_name, pr.avatar
FROM social_feedentry f
JOIN social_post p ON p.id = f.post_id
JOIN accounts_member m ON m.id = p.author_id
JOIN accounts_profile pr ON pr.member_id = m.id
WHERE f.member_id = {param} AND p.deleted_at IS NULL
ORDER BY f.post_id DESC
LIMIT 20
"""


def raw_sql_floor(member_ids: list[int], requests: int) -> Figures:
    """The same 20 items as the home timeline, through sqlite3 or psycopg with nothing between."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        import sqlite3

        raw = sqlite3.connect(str(settings["NAME"]))
        sql = FLOOR_SQL.format(param="?")
    else:
        import psycopg

        raw = psycopg.connect(host=settings["HOST"] or None, port=settings["PORT"] or None, user=settings["USER"],
                              password=settings["PASSWORD"] or None, dbname=settings["NAME"], autocommit=True)
        sql = FLOOR_SQL.format(param="%s")
    cursor = raw.cursor()
    samples = []
    rows = 0
    for number in range(requests + COUNTED):
        started = time.perf_counter()
        cursor.execute(sql, (member_ids[number % len(member_ids)],))
        rows = len(cursor.fetchall())
        if number >= COUNTED:
            samples.append((time.perf_counter() - started) * 1000)
    raw.close()
    p50, p95, p99 = percentiles(samples)
    return Figures(requests=len(samples), p50_ms=round(p50, 3), p95_ms=round(p95, 3), p99_ms=round(p99, 3),
                   queries=1, failures=0 if rows == 20 else 1)
