"""The HTTP half of `kettle bench run`: start a real `kettle serve`, drive it with headless
locust (one subprocess per scenario), and read back throughput, latency and memory.

A real server over real sockets, because the costs that matter here (uvicorn workers,
middleware, SQLite writers contending across processes) do not show up in the test client.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import ModuleType

from kettle.core.management.commands.serve import stop

LOCUSTFILE = Path(__file__).with_name("locustfile.py")
INSTALL_HINT = "pip install -e '.[bench]'"
START_TIMEOUT = 60.0  # collectstatic plus N workers importing Django; slow disks take a while
SAMPLE_EVERY = 0.25
STOP_TIMEOUT = 5  # seconds locust lets in-flight requests finish after the run time


@dataclass
class Call:
    method: str  # "GET" or "POST"
    path: str  # e.g. "/", "/api/v1/timelines/home"
    headers: dict[str, str] = field(default_factory=dict)  # Cookie or Authorization
    json: dict | None = None  # body for POSTs, sent as JSON


@dataclass
class HttpScenario:
    name: str
    calls: list[Call]  # each user takes them round robin, user k starting at call k
    users: int = 10
    seconds: float = 10.0  # locust takes whole seconds: rounded, at least 1
    pace: float | None = None  # None: closed loop, no wait; else one request per user every `pace` s
    ok_statuses: tuple[int, ...] = (200, 201)  # anything else is a failure (a 302 to login: a broken session)


@dataclass
class HttpFigures:
    requests: int
    failures: int
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: dict[str, int]  # failure message ("HTTP 404", "HTTP 302 to /login/", "no response: ...") -> count


@dataclass
class HttpRun:
    figures: dict[str, HttpFigures]  # by scenario name
    peak_rss_mb: float  # serve process + uvicorn workers + kettle worker, summed, at its highest
    locked_errors: int  # "database is locked" in the server's and worker's output
    server_log: str
    workers: int


def _require_tools() -> ModuleType:
    """psutil, and a locust we can run; both come with the bench extra."""
    try:
        import psutil
    except ImportError:
        raise RuntimeError(f"`kettle bench run` needs psutil: {INSTALL_HINT}")
    import importlib.util

    if importlib.util.find_spec("locust") is None:
        raise RuntimeError(f"`kettle bench run` needs locust: {INSTALL_HINT}")
    return psutil


def _free_port() -> int:
    # The kernel picks a free port; it stays free in practice for the second until serve binds it.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name) or "scenario"


class _MemorySampler(threading.Thread):
    """Sums the resident memory of the serve process and all its descendants every
    SAMPLE_EVERY seconds, keeping the peak and every process it has seen (to clean up)."""

    def __init__(self, psutil: ModuleType, pid: int) -> None:
        super().__init__(name="kettle-bench-rss", daemon=True)
        self._psutil = psutil
        self.root = psutil.Process(pid)
        self.seen: dict[int, object] = {pid: self.root}
        self.peak_bytes = 0
        self._halt = threading.Event()

    def sample(self) -> None:
        psutil = self._psutil
        try:
            procs = [self.root, *self.root.children(recursive=True)]
        except (psutil.NoSuchProcess, psutil.ZombieProcess):
            return
        total = 0
        for proc in procs:
            self.seen.setdefault(proc.pid, proc)
            try:
                total += proc.memory_info().rss
            except (psutil.NoSuchProcess, psutil.ZombieProcess, psutil.AccessDenied):
                continue  # a process exiting between listing and reading
        self.peak_bytes = max(self.peak_bytes, total)

    def run(self) -> None:
        while not self._halt.is_set():
            self.sample()
            self._halt.wait(SAMPLE_EVERY)

    def halt(self) -> None:
        self._halt.set()
        self.join(timeout=5)


def _start_server(env: dict[str, str], port: int, workers: int, log_path: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "kettle", "serve", "--host", "127.0.0.1", "--port", str(port),
               "--workers", str(workers), "--with-worker"]
    with log_path.open("wb") as log:
        # The worker inherits these descriptors, so its output lands in the same log.
        return subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603


def _wait_healthy(process: subprocess.Popen, base: str, log_path: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"kettle serve exited with {process.returncode} before answering /health/:\n"
                               f"{_tail(log_path)}")
        try:
            with urllib.request.urlopen(f"{base}/health/", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(0.25)
    raise RuntimeError(f"kettle serve did not answer /health/ within {START_TIMEOUT:.0f} s:\n{_tail(log_path)}")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _warm_up(base: str, scenario: HttpScenario, workers: int) -> None:
    """A few of the scenario's GETs, concurrently so they spread over the uvicorn workers:
    each has then imported the views and opened its database connection before we time it.
    Never POSTs: a warm-up must not change the data being measured."""
    gets = [call for call in scenario.calls if call.method.upper() == "GET"]
    if not gets:
        return
    opener = urllib.request.build_opener(_NoRedirect)

    def fetch(call: Call) -> None:
        request = urllib.request.Request(base + call.path, headers=call.headers)  # noqa: S310
        try:
            with opener.open(request, timeout=30) as response:
                response.read()
        except (OSError, urllib.error.URLError):
            pass  # a 404 or 302 warms up just as well; the run itself reports it

    count = 2 * workers
    with ThreadPoolExecutor(max_workers=count) as pool:
        list(pool.map(fetch, [gets[i % len(gets)] for i in range(count)]))


def _read_figures(path: Path) -> HttpFigures | None:
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    return HttpFigures(
        requests=int(data["requests"]), failures=int(data["failures"]), rps=float(data["rps"]),
        p50_ms=float(data["p50_ms"]), p95_ms=float(data["p95_ms"]), p99_ms=float(data["p99_ms"]),
        errors={str(key): int(value) for key, value in data["errors"].items()},
    )


def _run_locust(scenario: HttpScenario, base: str, log_dir: Path) -> HttpFigures:
    stem = _safe(scenario.name)
    spec_path = log_dir / f"scenario_{stem}.json"
    spec = {"name": scenario.name, "calls": [asdict(call) for call in scenario.calls],
            "pace": scenario.pace, "ok_statuses": list(scenario.ok_statuses)}
    spec_path.write_text(json.dumps(spec, indent=1))
    result_path = log_dir / f"locust_{stem}.json"
    result_path.unlink(missing_ok=True)  # a figure from an earlier run must never pass for this one
    seconds = max(1, round(scenario.seconds))  # locust's --run-time takes whole seconds only
    users = max(1, scenario.users)
    command = [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless", "-u", str(users),
               "-r", str(users), "-t", f"{seconds}s", "--stop-timeout", str(STOP_TIMEOUT),
               "--host", base, "--only-summary", "-L", "WARNING"]
    # A developer's LOCUST_* variables or a locust.conf in the working folder would quietly
    # change the run; start from a clean slate in the log folder.
    env = {key: value for key, value in os.environ.items() if not key.startswith("LOCUST_")}
    env["KETTLE_BENCH_SCENARIO"] = str(spec_path)
    env["KETTLE_BENCH_RESULT"] = str(result_path)
    log_path = log_dir / f"locust_{stem}.log"
    with log_path.open("wb") as log:
        try:
            # Exit code 1 only means some requests failed: the figures say how many.
            subprocess.run(command, env=env, cwd=log_dir, stdout=log, stderr=subprocess.STDOUT,  # noqa: S603
                           timeout=seconds + STOP_TIMEOUT + 60, check=False)
        except subprocess.TimeoutExpired:
            raise RuntimeError(f"locust did not finish scenario {scenario.name!r}:\n{_tail(log_path)}")
    figures = _read_figures(result_path)
    if figures is None:
        raise RuntimeError(f"locust wrote no statistics for scenario {scenario.name!r}:\n{_tail(log_path)}")
    return figures


def _stop_server(psutil: ModuleType, process: subprocess.Popen, sampler: _MemorySampler | None) -> None:
    stop(process)  # SIGINT: uvicorn stops its workers, serve stops the kettle worker
    if sampler is None:
        return
    # If serve had to be killed, its children were orphaned; they are still ours to end.
    leftovers = [proc for pid, proc in sampler.seen.items() if pid != process.pid and proc.is_running()]
    for proc in leftovers:
        try:
            proc.terminate()
        except psutil.NoSuchProcess:
            continue
    _, alive = psutil.wait_procs(leftovers, timeout=3)
    for proc in alive:
        try:
            proc.kill()
        except psutil.NoSuchProcess:
            continue


def run_http(scenarios: list[HttpScenario], *, env: dict[str, str], workers: int = 2, log_dir: Path,
             progress: Callable[[str], None] = print, settle: Callable[[], None] | None = None) -> HttpRun:
    """Serve Kettle with `workers` uvicorn processes plus the task worker, run each scenario
    against it in turn, stop it, and return the figures. `env` is the server's whole
    environment (KETTLE_SECRET_KEY, KETTLE_DEBUG=0, the database...). `settle`, if given,
    runs before each scenario (the benchmark waits there for the task queue to empty)."""
    psutil = _require_tools()
    log_dir = Path(log_dir)
    log_dir.mkdir(parents=True, exist_ok=True)
    env = dict(env)
    env.setdefault("KETTLE_BENCH", "1")  # mounts /bench/hello
    env.setdefault("KETTLE_SECURE", "0")  # plain HTTP on 127.0.0.1: no redirect to https
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log_path = log_dir / "server.log"
    progress(f"Starting kettle serve on {base} with {workers} workers and the task worker")
    started = time.monotonic()
    process = _start_server(env, port, workers, log_path)
    sampler: _MemorySampler | None = None
    figures: dict[str, HttpFigures] = {}
    try:
        _wait_healthy(process, base, log_path)
        progress(f"Server up in {time.monotonic() - started:.1f} s")
        sampler = _MemorySampler(psutil, process.pid)
        sampler.start()
        for scenario in scenarios:
            if settle is not None:
                settle()
            _warm_up(base, scenario, workers)
            progress(f"{scenario.name}: {scenario.users} users for {max(1, round(scenario.seconds))} s"
                     + (f", one request each every {scenario.pace} s" if scenario.pace else ""))
            result = _run_locust(scenario, base, log_dir)
            figures[scenario.name] = result
            progress(f"{scenario.name}: {result.requests} requests, {result.failures} failures, "
                     f"{result.rps:.1f}/s, p50 {result.p50_ms:.0f} ms, p95 {result.p95_ms:.0f} ms, "
                     f"p99 {result.p99_ms:.0f} ms")
            if process.poll() is not None:
                raise RuntimeError(f"kettle serve died during scenario {scenario.name!r}:\n{_tail(log_path)}")
    finally:
        if sampler is not None:
            sampler.halt()
        _stop_server(psutil, process, sampler)
    text = log_path.read_text(errors="replace")
    return HttpRun(
        figures=figures,
        peak_rss_mb=(sampler.peak_bytes if sampler else 0) / (1024 * 1024),
        locked_errors=text.count("database is locked"),
        server_log=str(log_path),
        workers=workers,
    )
