"""`kettle bench run --only NAME ...`: which measurements a partial run takes, and how its
budgets are checked (only where its figures are)."""

from __future__ import annotations

import pytest

from kettle.bench.report import budgets
from kettle.bench.run import chosen
from kettle.bench.scenarios import READS, WRITES


def _figures(p50: float, p99: float, queries: int = 5) -> dict:
    return {"requests": 200, "p50_ms": p50, "p95_ms": p99, "p99_ms": p99, "queries": queries, "failures": 0}


def test_without_only_every_read_and_write_is_measured():
    assert chosen(None) == (list(READS), list(WRITES))


def test_only_keeps_the_named_measurements_in_their_usual_order():
    assert chosen(["post_create", "meetups_near", "hello"]) == (["hello", "meetups_near"], ["post_create"])


def test_an_unknown_name_is_refused_with_the_names_to_choose_from():
    with pytest.raises(RuntimeError, match="No measurement called homepage: choose from hello, home_html"):
        chosen(["homepage", "hello"])


def test_a_partial_run_checks_only_the_budgets_its_figures_answer():
    result = {"size": "small", "in_process": {"post_create": _figures(10, 40)},
              "http": {"figures": {"post_create": {"rps": 20, "p50_ms": 15, "p95_ms": 30, "p99_ms": 55,
                                                   "failures": 0}},
                       "locked_errors": 0, "peak_rss_mb": 400},
              "compare": {"size": "small", "in_process": {"home_html": _figures(5, 10)}}}
    checked = {item["budget"]: item["met"] for item in budgets(result)}
    assert checked == {"post_create in-process failures": True,
                       "post_create, 20 concurrent writers, p99 (ms)": False,
                       "post_create over HTTP failures": True,
                       '"database is locked" during the HTTP run': True,
                       "serve + worker peak resident memory (MB)": True}


def test_a_whole_run_checks_the_home_budgets_against_the_fixed_costs():
    local = {name: _figures(2, 4) for name in (*READS, *WRITES)}
    local["hello"] = _figures(1.0, 1.5)
    local["raw_sql_floor"] = _figures(0.2, 0.3)
    local["home_html"] = _figures(6.5, 15, queries=9)
    checked = {item["budget"]: (item["met"], item["limit"]) for item in budgets(
        {"size": "small", "in_process": local, "http": {}, "compare": {}})}
    assert checked["home_html in-process p50 vs 5 x (hello p50 + raw SQL p50) (ms)"] == (False, 6.0)
    assert checked["home_html queries per request"] == (False, 8)
    assert checked["home_api in-process p99 (ms)"] == (True, 20.0)


@pytest.mark.django_db
def test_the_sqlite_database_file_is_read_through_before_measuring():
    from pathlib import Path

    from django.db import connection

    from kettle.bench.run import warm_database_file

    read = warm_database_file()
    if connection.vendor == "sqlite":
        assert read == Path(connection.settings_dict["NAME"]).stat().st_size > 0
    else:
        assert read == 0
