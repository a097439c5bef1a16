"""The full pipeline at scale: 1, 10 and 100 CVs with 1 and 2 real Celery workers.

Each CV is a real sample PDF given a unique trailing comment (so the SHA-256 cache never
answers), uploaded through POST /api/v1/upload on daphne and read by workers over Redis
into PostgreSQL; the clock stops when every job is done or failed. While 100 CVs go
through, the peak RSS of the web process and of each worker (with its pool) is sampled,
and the RSS after the first 50 is compared with the RSS after the last 50: no leak.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import httpx  # noqa: E402

from bench.harness import PeakRss, Stack, rss_tree, sample_pdfs, unique_pdf  # noqa: E402

MB = 1024 * 1024
LEAK_TOLERANCE = 0.10  # RSS may move a little with allocator noise; 10 % growth is a leak
UPLOAD_TARGET_MS = 50.0


def upload_all(client: httpx.Client, pdfs: list[bytes], n: int, offset: int,
               times: list[float] | None = None) -> list[str]:
    """Upload n CVs one after another; each answer time (validation, gate, storage, row, queueing)
    goes into `times`."""
    ids = []
    for i in range(n):
        data = unique_pdf(pdfs[(offset + i) % len(pdfs)], offset + i)
        started = time.perf_counter()
        resp = client.post("/api/v1/upload", files={"file": (f"cv{offset + i}.pdf", data, "application/pdf")})
        if times is not None:
            times.append((time.perf_counter() - started) * 1000)
        if resp.status_code not in (200, 201, 202):
            raise RuntimeError(f"upload answered {resp.status_code}: {resp.text[:300]}")
        ids.append(resp.json()["job_id"])
    return ids


def idle_answer_ms(stack: Stack, client: httpx.Client, pdfs: list[bytes], n: int, offset: int) -> list[float]:
    """Upload answer times on an otherwise idle stack: each upload waits until the previous CV is done."""
    times: list[float] = []
    for i in range(n):
        stack.wait_terminal(upload_all(client, pdfs, 1, offset + i, times), timeout=60)
    return times


def run_batch(stack: Stack, client: httpx.Client, pdfs: list[bytes], n: int, offset: int,
              times: list[float] | None = None) -> dict:
    started = time.monotonic()
    ids = upload_all(client, pdfs, n, offset, times)
    counts = stack.wait_terminal(ids, timeout=60 + 5 * n)
    seconds = time.monotonic() - started
    terminal = counts.get("done", 0) + counts.get("failed", 0)
    return {"seconds": seconds, "done": counts.get("done", 0), "failed": counts.get("failed", 0),
            "stuck": n - terminal}


def memory_run(stack: Stack, client: httpx.Client, pdfs: list[bytes], offset: int, times: list[float]) -> dict:
    """100 CVs in two halves: peak RSS throughout, RSS after each half."""
    pids = {"web": stack.web.pid, **{f"worker{i}": pid for i, pid in enumerate(stack.worker_pids())}}
    with PeakRss(pids) as peak:
        started = time.monotonic()
        first = run_batch(stack, client, pdfs, 50, offset, times)
        after_first = {name: rss_tree(pid) for name, pid in pids.items()}
        second = run_batch(stack, client, pdfs, 50, offset + 50, times)
        after_last = {name: rss_tree(pid) for name, pid in pids.items()}
        seconds = time.monotonic() - started
    return {"peak": peak.peak, "after_first": after_first, "after_last": after_last, "seconds": seconds,
            "stuck": first["stuck"] + second["stuck"], "failed": first["failed"] + second["failed"]}


def main(quick: bool = False) -> dict:
    pdfs = sample_pdfs()
    sizes = {1: (1, 10, 100), 2: (1, 10, 100)} if not quick else {1: (1, 10), 2: (1, 10, 100)}
    rows, timings, offset, memory, busy = [], {}, 0, None, []
    with Stack(workers=1) as stack:
        _, token = stack.user_with_token("bench-pipeline@example.com")
        with httpx.Client(base_url=stack.base_url, headers={"X-Session-Token": token}, timeout=60) as client:
            for workers in (1, 2):
                if workers != len(stack.worker_pids()):
                    stack.stop_workers()
                    stack.start_workers(workers)
                # Warm up every worker (first-task imports, connections) so rows compare steady states.
                run_batch(stack, client, pdfs, 2 * workers, 10_000 + 10 * workers)
                if workers == 1:
                    idle = idle_answer_ms(stack, client, pdfs, 20, 20_000)
                for n in sizes[workers]:
                    if n == 100 and workers == 2:
                        memory = memory_run(stack, client, pdfs, offset, busy)
                        result = {"seconds": memory["seconds"], "stuck": memory["stuck"], "failed": memory["failed"]}
                    else:
                        result = run_batch(stack, client, pdfs, n, offset, busy)
                    offset += n
                    timings[(workers, n)] = result["seconds"]
                    rows.append({"metric": f"{n} CVs, {workers} worker{'s' if workers > 1 else ''}",
                                 "value": result["seconds"], "unit": "s",
                                 "floor": round(timings[(workers, 1)] * n, 2) if n > 1 else None,
                                 "target": "none stuck",
                                 "ok": result["stuck"] == 0})
                    if result["failed"]:
                        rows[-1]["metric"] += f" ({result['failed']} failed)"
    for label, times, target in (("one at a time", idle, True), ("workers busy", busy, False)):
        ordered = sorted(times)
        p50, p95 = ordered[len(ordered) // 2], ordered[int(len(ordered) * 0.95)]
        rows.append({"metric": f"upload answer ({label}), median of {len(ordered)}", "value": p50, "unit": "ms",
                     "floor": None, "target": f"<= {UPLOAD_TARGET_MS:.0f} ms" if target else None,
                     "ok": p50 <= UPLOAD_TARGET_MS if target else None})
        rows.append({"metric": f"upload answer ({label}), p95", "value": p95, "unit": "ms", "floor": None,
                     "target": None, "ok": None})
    for n in (10, 100):
        if (1, n) in timings and (2, n) in timings:
            rows.append({"metric": f"speed-up of 2 workers at {n} CVs", "value": timings[(1, n)] / timings[(2, n)],
                         "unit": "x", "floor": 1.0, "target": "> 1", "ok": None})
    if memory:
        for name in memory["peak"]:
            growth = memory["after_last"][name] - memory["after_first"][name]
            rows.append({"metric": f"peak RSS {name} (100 CVs)", "value": memory["peak"][name] / MB, "unit": "MiB",
                         "floor": None, "target": None, "ok": None})
            rows.append({"metric": f"RSS growth {name}, first to last 50", "value": growth / MB, "unit": "MiB",
                         "floor": memory["after_first"][name] / MB, "target": "< 10 %",
                         "ok": growth <= LEAK_TOLERANCE * memory["after_first"][name]})
    return {"title": "pipeline", "rows": rows,
            "notes": ["floor of an N-CV row: N times the 1-CV time with the same workers (linear cost); "
                      "each worker runs one task at a time (prefork, concurrency 1)."]}


if __name__ == "__main__":
    from bench.run import print_table

    result = main(quick="--full" not in sys.argv)
    print_table([{**result, "status": "ok"}])
