"""`kettle bench run`: measure this database in-process and over HTTP, compare with the fixed
costs, check the budgets, print a table and write the JSON."""

from __future__ import annotations

import gc
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

from kettle.accounts.models import Member
from kettle.bench.http import HttpScenario, run_http
from kettle.bench.measure import COUNTED, measure, raw_sql_floor
from kettle.bench.report import budgets, table
from kettle.bench.scenarios import READS, WRITES, plan
from kettle.core.staticfiles import collect_if_changed
from kettle.core.warmup import warm_up

READ_USERS = 10  # concurrent readers over HTTP (closed loop: as fast as the server answers)
WRITERS = 20  # concurrent writers over HTTP, each sending one write a second
BENCH_POST_RATE = "100000/3600"
QUIET_TIMEOUT = 120  # seconds to wait for the task queue to empty between HTTP scenarios


def size_of_database() -> str:
    members = Member.objects.count()
    return "county" if members >= 15_000 else "small" if members >= 1_500 else "tiny"


def run(options: dict, say=print) -> dict:
    began = time.monotonic()
    size = size_of_database()
    engine = connection.vendor
    say(f"Measuring the {size} community on {engine} ({Member.objects.count():,} members)...")
    collect_if_changed()  # production pages need the manifest
    warmed = warm_database_file()
    if warmed:
        say(f"Read the database file once ({warmed / 2**30:.1f} GB), so the run starts from a warm cache")
    # Still counted on every post, but a run (or several in an hour) posting as the same
    # members measures posting, not the flood limit's 429.
    settings.POST_RATE = BENCH_POST_RATE
    seconds = options["seconds"]
    http_writes = 0 if options["no_http"] else int(WRITERS * max(1, round(seconds)) * 1.3) + 10
    reads, writes = chosen(options.get("only"))
    work = plan(random.Random(7), options["requests"] + COUNTED, http_writes)  # COUNTED: the warm-up ones
    # Measure in-process as a server process runs: templates compiled up front, and what is
    # loaded by now kept out of the garbage collector's full passes (kettle/asgi.py).
    warm_up()
    gc.collect()
    gc.freeze()
    result: dict = {"engine": engine, "size": size, "cores": os.cpu_count(), "targets": work.targets,
                    "in_process": {}, "http": {}}
    for name in reads:
        figures = measure(work.reads[name], options["requests"])
        result["in_process"][name] = figures.as_dict()
        say(f"  in-process {name}: p50 {figures.p50_ms} ms, p99 {figures.p99_ms} ms, {figures.queries} queries")
    if len(reads) == len(READS) or set(reads) & {"home_html", "home_api"}:
        result["in_process"]["raw_sql_floor"] = raw_sql_floor(work.viewer_ids, options["requests"]).as_dict()
    for name in writes:
        if not work.writes[name]:
            raise RuntimeError(f"This community has nothing to measure {name} on: generate one with "
                               "`kettle bench generate`.")
        figures = measure(work.writes[name], options["requests"], unique=True)
        result["in_process"][name] = figures.as_dict()
        say(f"  in-process {name}: p50 {figures.p50_ms} ms, p99 {figures.p99_ms} ms, {figures.queries} queries")
    if not options["no_http"]:
        result["http"] = _over_http(work, options, say, reads, writes)
    result["generated"] = _generated()
    result["compare"] = _compare(options, engine, size)
    result["budgets"] = budgets(result)
    result["seconds"] = round(time.monotonic() - began, 1)
    # A partial run never takes the place of a whole one (the growth budget compares whole runs).
    partial = "-partial" if len(reads) + len(writes) < len(READS) + len(WRITES) else ""
    out = options["out"] or settings.DATA_DIR / "bench" / f"{engine}-{size}{partial}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2))
    say(table(result))
    say(f"Written to {out}.")
    return result


def warm_database_file() -> int:
    """A SQLite database's file read through once, into the operating system's cache. A server
    that has been running has its working set there; straight after other work (this machine
    also reclaims cold pages itself) a county database was half out of it, and each post
    then waited on the disk for its followers' feed pages: p99 850 ms, against 76 warm.
    Returns the bytes read (0 on PostgreSQL, whose own cache is its business)."""
    if connection.vendor != "sqlite":
        return 0
    read = 0
    with open(connection.settings_dict["NAME"], "rb", buffering=0) as database:
        while chunk := database.read(1 << 20):
            read += len(chunk)
    return read


def chosen(only: list[str] | None) -> tuple[list[str], list[str]]:
    """The reads and writes to measure: all of them, or those named with --only."""
    if not only:
        return list(READS), list(WRITES)
    unknown = sorted(set(only) - set(READS) - set(WRITES))
    if unknown:
        raise RuntimeError(f"No measurement called {', '.join(unknown)}: choose from "
                           f"{', '.join(READS + WRITES)}.")
    return [name for name in READS if name in only], [name for name in WRITES if name in only]


def _over_http(work, options: dict, say, reads: list[str], writes: list[str]) -> dict:
    seconds = options["seconds"]
    scenarios = [HttpScenario(name, work.reads[name], users=READ_USERS, seconds=seconds) for name in reads]
    scenarios += [HttpScenario(name, work.http_writes[name], users=WRITERS, seconds=seconds, pace=1.0)
                  for name in writes]
    env = {key: value for key, value in os.environ.items() if key != "KETTLE_TASKS_IMMEDIATE"}
    env["KETTLE_POST_RATE"] = BENCH_POST_RATE
    log_dir = settings.DATA_DIR / "bench" / "http"
    log_dir.mkdir(parents=True, exist_ok=True)
    say(f"Over HTTP: kettle serve with {options['workers']} workers and the task worker, "
        f"{READ_USERS} readers or {WRITERS} writers, {seconds:.0f} s each...")
    drained = _drain_queue(env)
    if drained:
        say(f"Ran {drained:,} tasks an earlier run left queued, so the worker starts idle")
    run = run_http(scenarios, env=env, workers=options["workers"], log_dir=log_dir, progress=say,
                   settle=lambda: _wait_for_quiet_queue(say))
    figures = {name: vars(value) for name, value in run.figures.items()}
    return {"workers": run.workers, "peak_rss_mb": round(run.peak_rss_mb, 1), "locked_errors": run.locked_errors,
            "figures": figures}


def _ready_tasks() -> int:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(status="READY", run_after__lte=timezone.now()).count()


def _drain_queue(env: dict[str, str]) -> int:
    """Tasks queued by an earlier HTTP run (a server stops before its worker catches up)
    would otherwise be worked off during this run's measurements."""
    waiting = _ready_tasks()
    if waiting:
        subprocess.run([sys.executable, "-m", "kettle", "worker", "--batch", "-v", "0"], env=env,  # noqa: S603
                       check=True, stdout=subprocess.DEVNULL)
    return waiting


def _wait_for_quiet_queue(say, timeout: float = QUIET_TIMEOUT) -> None:
    """Before each HTTP scenario: the fan-out the last writes queued is done, so each
    scenario is measured with the worker keeping up with its own writes only."""
    deadline = time.monotonic() + timeout
    while (waiting := _ready_tasks()) and time.monotonic() < deadline:
        time.sleep(0.5)
    if waiting:
        say(f"  ({waiting:,} tasks still queued after {timeout:.0f} s; measuring anyway)")


def _generated() -> dict:
    path = settings.DATA_DIR / "bench" / "generated.json"
    return json.loads(path.read_text()) if path.exists() else {}


def _compare(options: dict, engine: str, size: str) -> dict:
    """The growth budget compares this run's reads with a run on a tenth of the data."""
    path: Path | None = options.get("compare")
    if path is None and size == "county":
        sibling = settings.DATA_DIR.parent / settings.DATA_DIR.name.replace("county", "small")
        candidates = [settings.DATA_DIR / "bench" / f"{engine}-small.json",
                      sibling / "bench" / f"{engine}-small.json",  # var/bench-county-pg: var/bench-small-pg
                      settings.DATA_DIR.parent / "bench-small" / "bench" / f"{engine}-small.json"]
        path = next((candidate for candidate in candidates if candidate.exists()), None)
    if path is None or not Path(path).exists():
        return {}
    other = json.loads(Path(path).read_text())
    return {"from": str(path), "size": other.get("size"), "in_process": other.get("in_process", {})}
