#!/usr/bin/env python3
"""Run every benchmark and print one table; the same table goes to bench/results.md.

    python3 dev.py bench            quick mode, bounded to 10 minutes on a 2-core machine
    python3 dev.py bench --full     the full sizes (100 CVs with 1 and 2 workers, longer load)
    python3 dev.py bench api load   only the named benchmarks

Each benchmark is bench/<name>/run.py exposing main(quick: bool = False) -> dict with
{"title", "rows": [{"metric", "value", "unit", "floor", "target", "ok"}]}. Each one runs
in its own Python process, so a crash, a hang or a leak in one cannot spoil the others;
a benchmark that is not there yet is reported as missing.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
EXPECTED = ("extraction", "portfolios", "streams", "api", "pipeline", "load")
TOTAL_BUDGET_SECONDS = 600
RESULTS = BENCH_DIR / "results.md"


def discover() -> list[str]:
    found = sorted(p.parent.name for p in BENCH_DIR.glob("*/run.py"))
    return [n for n in EXPECTED if n in found] + [n for n in found if n not in EXPECTED]


def run_in_this_process(name: str, quick: bool, bench_dir: Path = BENCH_DIR) -> dict:
    """Import bench/<name>/run.py and call its main(quick)."""
    path = bench_dir / name / "run.py"
    sys.path.insert(0, str(ROOT))
    spec = importlib.util.spec_from_file_location(f"bench_{name}_run", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.main(quick=quick)


def run_one(name: str, quick: bool, timeout: float) -> dict:
    """Run one benchmark in a child process; its result comes back as JSON in a file."""
    if not (BENCH_DIR / name / "run.py").exists():
        return {"title": name, "status": "missing", "rows": [], "seconds": 0.0}
    started = time.monotonic()
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as out:
        out_path = Path(out.name)
    cmd = [sys.executable, str(Path(__file__)), "--child", name, "--out", str(out_path),
           "--bench-dir", str(BENCH_DIR)]
    if not quick:
        cmd.append("--full")
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)
    try:
        output, _ = proc.communicate(timeout=max(timeout, 1))
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)
        output, _ = proc.communicate()
        out_path.unlink(missing_ok=True)
        return {"title": name, "status": f"timed out after {timeout:.0f} s", "rows": [],
                "seconds": time.monotonic() - started, "log": output[-2000:]}
    seconds = time.monotonic() - started
    try:
        result = json.loads(out_path.read_text())
    except (OSError, ValueError):
        result = None
    finally:
        out_path.unlink(missing_ok=True)
    if proc.returncode != 0 or not isinstance(result, dict):
        return {"title": name, "status": f"failed (exit {proc.returncode})", "rows": [], "seconds": seconds,
                "log": output[-2000:]}
    result.setdefault("title", name)
    result["status"] = "ok"
    result["seconds"] = seconds
    result["rows"] = [_clean_row(r) for r in result.get("rows", [])]
    return result


def _clean_row(row: dict) -> dict:
    return {
        "metric": str(row.get("metric", "")),
        "value": row.get("value", ""),
        "unit": str(row.get("unit", "") or ""),
        "floor": row.get("floor"),
        "target": row.get("target"),
        "ok": row.get("ok"),
    }


def _fmt(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if value == 0:
            return "0"
        if abs(value) >= 100:
            return f"{value:,.0f}"
        if abs(value) >= 1:
            return f"{value:.2f}"
        return f"{value:.3g}"
    return str(value)


def _verdict(ok) -> str:
    return {True: "ok", False: "FAIL", None: ""}[ok]


def machine_info() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    database = os.environ.get("DATABASE_URL", "")
    redis = os.environ.get("REDIS_URL", "")
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram": ram,
        "python": platform.python_version(),
        "os": f"{platform.system()} {platform.release()}",
        "mode": ("PostgreSQL" if database.startswith("postgres") else "SQLite")
        + (" + Redis" if redis else ", no Redis")
        + " (the api, pipeline and load benchmarks always start their own PostgreSQL + Redis stack)",
    }


def render(results: list[dict], quick: bool, total_seconds: float) -> str:
    info = machine_info()
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Benchmark results",
        "",
        f"- Date: {now}; mode: {'quick' if quick else 'full'}; total time {total_seconds:.0f} s",
        f"- Machine: {info['cpu']}, {info['cores']} cores, {info['ram']} RAM, {info['os']}",
        f"- Python {info['python']}; database/cache: {info['mode']}",
        "",
        "| benchmark | metric | value | unit | floor / anchor | target | verdict |",
        "|---|---|---|---|---|---|---|",
    ]
    for res in results:
        if res["status"] != "ok" or not res["rows"]:
            lines.append(f"| {res['title']} | {res['status']} |  |  |  |  | {'' if res['status'] == 'missing' else 'FAIL'} |")
            continue
        for row in res["rows"]:
            lines.append(
                f"| {res['title']} | {row['metric']} | {_fmt(row['value'])} | {row['unit']} | "
                f"{_fmt(row['floor'])} | {row['target'] or ''} | {_verdict(row['ok'])} |"
            )
    for res in results:
        for note in res.get("notes", []) or []:
            lines.append("")
            lines.append(f"- {res['title']}: {note}")
        if res.get("log"):
            lines += ["", f"<details><summary>{res['title']} output</summary>", "", "```",
                      res["log"].strip(), "```", "", "</details>"]
    return "\n".join(lines) + "\n"


def print_table(results: list[dict]) -> None:
    header = ("benchmark", "metric", "value", "unit", "floor", "target", "")
    rows = []
    for res in results:
        if res["status"] != "ok" or not res["rows"]:
            rows.append((res["title"], res["status"], "", "", "", "", ""))
        for row in res["rows"]:
            rows.append((res["title"], row["metric"], _fmt(row["value"]), row["unit"], _fmt(row["floor"]),
                         row["target"] or "", _verdict(row["ok"])))
    widths = [min(max(len(str(r[i])) for r in [header, *rows]), 48) for i in range(len(header))]
    for r in [header, *rows]:
        print("  ".join(str(c)[:48].ljust(w) for c, w in zip(r, widths)).rstrip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    parser.add_argument("--full", action="store_true", help="full sizes instead of the quick mode")
    parser.add_argument("--budget", type=float, default=TOTAL_BUDGET_SECONDS, help="seconds for the whole run")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--bench-dir", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    quick = not args.full

    if args.child:
        result = run_in_this_process(args.child, quick, Path(args.bench_dir or BENCH_DIR))
        Path(args.out).write_text(json.dumps(result, default=str))
        return 0

    names = args.names or [*EXPECTED, *(n for n in discover() if n not in EXPECTED)]
    deadline = time.monotonic() + args.budget
    started = time.monotonic()
    results = []
    for i, name in enumerate(names):
        left = deadline - time.monotonic()
        runnable = [n for n in names[i:] if (BENCH_DIR / n / "run.py").exists()]
        # Share what is left fairly, but let a benchmark use more when the others finish early.
        share = left / max(len(runnable), 1) * 2 if quick else left
        print(f"--> {name}", file=sys.stderr, flush=True)
        results.append(run_one(name, quick, timeout=min(left, share)))
    total = time.monotonic() - started
    print_table(results)
    if not args.names:
        results_path = BENCH_DIR / RESULTS.name
        results_path.write_text(render(results, quick, total))
        print(f"\nWritten to {results_path} ({total:.0f} s)")
    failed = any(r["status"] not in ("ok", "missing") or any(row["ok"] is False for row in r["rows"])
                 for r in results)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
