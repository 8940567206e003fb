"""The budgets of DESIGN.md and the issue, checked against one run, and the printed table."""

from __future__ import annotations

from kettle.bench.scenarios import READS, WRITES

HOME = ("home_html", "home_api")


def budgets(result: dict) -> list[dict]:
    """Each budget: what it is, the figure, the limit and whether it was met."""
    checks: list[dict] = []

    def check(name: str, value: float | None, limit: float, *, at_most: bool = True) -> None:
        if value is None:
            return
        met = value <= limit if at_most else value >= limit
        checks.append({"budget": name, "value": round(value, 3), "limit": round(limit, 3), "met": met})

    # A run with --only measures some of these: a budget is checked where its figures are.
    local = result["in_process"]
    fixed = (local["hello"]["p50_ms"] + local["raw_sql_floor"]["p50_ms"]
             if "hello" in local and "raw_sql_floor" in local else None)
    for name in HOME:
        if name in local:
            check(f"{name} in-process p99 (ms)", local[name]["p99_ms"], 20.0)
            if fixed is not None:
                check(f"{name} in-process p50 vs 5 x (hello p50 + raw SQL p50) (ms)", local[name]["p50_ms"],
                      5 * fixed)
            check(f"{name} queries per request", local[name]["queries"], 8)
    for name in (*READS, *WRITES):
        if name in local:
            check(f"{name} in-process failures", local[name]["failures"], 0)
    http = result.get("http") or {}
    figures = http.get("figures", {})
    if figures:
        for name in HOME:
            if name in figures and "hello" in figures:
                check(f"{name} over HTTP vs 15% of hello-world rps", figures[name]["rps"],
                      0.15 * figures["hello"]["rps"], at_most=False)
        if "post_create" in figures:
            check("post_create, 20 concurrent writers, p99 (ms)", figures["post_create"]["p99_ms"], 50.0)
        for name in WRITES:
            if name in figures:
                check(f"{name} over HTTP failures", figures[name]["failures"], 0)
        check('"database is locked" during the HTTP run', http["locked_errors"], 0)
        check("serve + worker peak resident memory (MB)", http["peak_rss_mb"], 600.0)
    generated = result.get("generated") or {}
    if generated.get("size") == result["size"] and result["size"] == "county":
        check("bench generate --size county (s)", generated["seconds"], 600.0)
    compare = (result.get("compare") or {}).get("in_process", {})
    for name in READS:
        if name in local and name in compare and compare[name]["p99_ms"]:
            check(f"{name} p99 {result['size']} / {result['compare']['size']}",
                  local[name]["p99_ms"] / compare[name]["p99_ms"], 1.5)
    return checks


def table(result: dict) -> str:
    lines = [f"Kettle benchmark: {result['size']} community on {result['engine']}, {result['cores']} cores", ""]
    header = f"{'measurement':<20} {'p50':>7} {'p95':>7} {'p99':>7} {'queries':>7} | {'HTTP rps':>8} " \
             f"{'p50':>6} {'p95':>6} {'p99':>6} {'fail':>5}"
    lines += [header, "-" * len(header)]
    http = (result.get("http") or {}).get("figures", {})
    for name, local in result["in_process"].items():
        row = f"{name:<20} {local['p50_ms']:>7.2f} {local['p95_ms']:>7.2f} {local['p99_ms']:>7.2f} " \
              f"{local['queries']:>7} |"
        remote = http.get(name)
        if remote:
            row += f" {remote['rps']:>8.1f} {remote['p50_ms']:>6.0f} {remote['p95_ms']:>6.0f} " \
                   f"{remote['p99_ms']:>6.0f} {remote['failures']:>5}"
        lines.append(row)
    lines.append("(milliseconds; in-process on the left, over HTTP on the right)")
    if result.get("http"):
        http = result["http"]
        lines.append(f"Peak resident memory of serve ({http['workers']} workers) and worker: "
                     f"{http['peak_rss_mb']:.0f} MB; \"database is locked\": {http['locked_errors']}")
    lines += ["", "Budgets:"]
    for item in result["budgets"]:
        mark = "met   " if item["met"] else "MISSED"
        lines.append(f"  {mark} {item['budget']}: {item['value']:g} (limit {item['limit']:g})")
    missed = sum(1 for item in result["budgets"] if not item["met"])
    lines.append(f"{len(result['budgets']) - missed} of {len(result['budgets'])} budgets met.")
    return "\n".join(lines)
