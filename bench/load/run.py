"""A bounded load test in services mode: 50 concurrent users upload, poll and read CVs.

Each simulated user has their own account and loops for the test's duration: upload a
real CV (unique bytes, so no cache hits), poll GET /api/v1/cv/{job_id} once a second until
the job is done or failed, then read it once more. Figures: throughput, p99 latency per
request kind, error rate, and — after the load stops and the queue drains — how many
accepted uploads ended neither done nor failed (lost). Target: no errors, nothing lost.
"""
from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import httpx  # noqa: E402

from bench.client import Sample  # noqa: E402
from bench.harness import Stack, sample_pdfs, unique_pdf  # noqa: E402

USERS = 50
TERMINAL = {"done", "failed"}


class Load:
    def __init__(self, base_url: str, tokens: list[str], pdfs: list[bytes], seconds: float):
        self.base_url, self.tokens, self.pdfs, self.seconds = base_url, tokens, pdfs, seconds
        self.kinds = {"upload": Sample(), "status": Sample(), "read": Sample()}
        self.accepted: list[str] = []
        self.counter = 0

    async def _request(self, client, kind: str, method: str, url: str, **kwargs):
        t0 = time.perf_counter()
        try:
            resp = await client.request(method, url, **kwargs)
        except httpx.HTTPError:
            self.kinds[kind].errors += 1
            return None
        self.kinds[kind].add(resp.status_code, time.perf_counter() - t0)
        return resp

    async def user(self, token: str, deadline: float):
        async with httpx.AsyncClient(base_url=self.base_url, headers={"X-Session-Token": token}, timeout=60) as c:
            while time.monotonic() < deadline:
                self.counter += 1
                data = unique_pdf(self.pdfs[self.counter % len(self.pdfs)], self.counter)
                resp = await self._request(c, "upload", "POST", "/api/v1/upload",
                                           files={"file": (f"cv{self.counter}.pdf", data, "application/pdf")})
                if resp is None or resp.status_code >= 300:
                    await asyncio.sleep(1)
                    continue
                job_id = resp.json()["job_id"]
                self.accepted.append(job_id)
                while True:
                    await asyncio.sleep(1)
                    resp = await self._request(c, "status", "GET", f"/api/v1/cv/{job_id}")
                    if resp is None or resp.status_code >= 400:
                        break
                    if resp.json().get("status") in TERMINAL or time.monotonic() > deadline + 120:
                        break
                await self._request(c, "read", "GET", f"/api/v1/cv/{job_id}")

    async def run(self):
        deadline = time.monotonic() + self.seconds
        started = time.monotonic()
        await asyncio.gather(*(self.user(t, deadline) for t in self.tokens))
        return time.monotonic() - started


def main(quick: bool = False) -> dict:
    seconds = 45.0 if quick else 180.0
    with Stack(workers=2) as stack:
        tokens = [stack.user_with_token(f"load{i}@example.com")[1] for i in range(USERS)]
        load = Load(stack.base_url, tokens, sample_pdfs(), seconds)
        wall = asyncio.run(load.run())
        web_alive = stack.web.poll() is None
        counts = stack.wait_terminal(load.accepted, timeout=120)
    total = sum(s.count + s.errors for s in load.kinds.values())
    failures = sum(s.failures for s in load.kinds.values())
    all_latencies = Sample(latencies=[x for s in load.kinds.values() for x in s.latencies])
    done, failed = counts.get("done", 0), counts.get("failed", 0)
    lost = len(load.accepted) - done - failed
    rows = [
        {"metric": "web process still running at the end", "value": web_alive, "unit": "", "floor": None,
         "target": "yes", "ok": web_alive},
        {"metric": "concurrent users", "value": USERS, "unit": "", "floor": None, "target": "50", "ok": None},
        {"metric": "requests", "value": total, "unit": "", "floor": None, "target": None, "ok": None},
        {"metric": "throughput", "value": total / wall if wall else 0.0, "unit": "req/s", "floor": None,
         "target": None, "ok": None},
        {"metric": "p99 latency, all requests", "value": all_latencies.percentile(99) * 1000, "unit": "ms",
         "floor": None, "target": None, "ok": None},
    ]
    for kind, sample in load.kinds.items():
        rows.append({"metric": f"p99 latency, {kind}", "value": sample.percentile(99) * 1000, "unit": "ms",
                     "floor": sample.percentile(50) * 1000, "target": None, "ok": None})
    rows += [
        {"metric": "error rate", "value": 100.0 * failures / total if total else 0.0, "unit": "%", "floor": None,
         "target": "0", "ok": failures == 0 and total > 0},
        {"metric": "uploads accepted", "value": len(load.accepted), "unit": "", "floor": None, "target": None,
         "ok": None},
        {"metric": "CVs processed per minute", "value": 60.0 * (done + failed) / wall if wall else 0.0,
         "unit": "CV/min", "floor": None, "target": None, "ok": None},
        {"metric": "accepted uploads ended failed", "value": failed, "unit": "", "floor": None, "target": None,
         "ok": None},
        {"metric": "accepted uploads lost (not done/failed)", "value": lost, "unit": "", "floor": None,
         "target": "0", "ok": lost == 0 and len(load.accepted) > 0},
    ]
    breakdown = "; ".join(
        f"{kind}: " + ", ".join(f"{code}x{n}" for code, n in sorted(sample.statuses.items()))
        + (f", connection errors x{sample.errors}" if sample.errors else "")
        for kind, sample in load.kinds.items())
    return {"title": "load", "rows": rows,
            "notes": [f"responses by kind: {breakdown}.", f"{USERS} users for {seconds:.0f} s, daphne + 2 Celery workers, PostgreSQL + Redis on "
                      "127.0.0.1; the floor of a latency row is its median. Rate limits lifted for capacity."]}


if __name__ == "__main__":
    from bench.run import print_table

    result = main(quick="--full" not in sys.argv)
    print_table([{**result, "status": "ok"}])
    print("\n".join(result["notes"]))
