#!/usr/bin/env python3
"""Live progress streams under load: N concurrent SSE clients on one daphne process.

One daphne process (services mode: PostgreSQL + Redis channel layer) serves N clients that
follow the same extraction job; this process writes progress events with the product's
`progress_event_record` (row, commit, ring) and measures, per event and client, the time
from the write to the moment the client has parsed it. Also: events/s delivered, memory per
open stream (daphne RSS growth / N) and, as the floor, a bare channels_redis group send to
N channels in one process (the same fan-out without Django, the database or HTTP).
"""
from __future__ import annotations

import asyncio
import os
import re
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402

from bench.harness import Stack, rss_tree  # noqa: E402

TARGET_P99_MS = 250.0
TARGET_STREAMS = 1000
REDIS_URL = os.environ.get("BENCH_STREAMS_REDIS_URL", "redis://127.0.0.1:6379/10")


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


ID_LINE = re.compile(rb"(?:^|\n)id: (\d+)\nevent: (\w+)\n")


class StreamClient:
    """A bare SSE reader over one socket: a real HTTP/1.1 request; only the event ids are parsed,
    so the clients (in this process, on the same machine) spend as little CPU as possible."""

    def __init__(self, port: int, path: str, token: str):
        self.port, self.path, self.token = port, path, token
        self.received: dict[int, float] = {}
        self.ready = asyncio.Event()
        self.status = None
        self.task = None

    async def run(self):
        reader, writer = await asyncio.open_connection("127.0.0.1", self.port, limit=1 << 20)
        try:
            writer.write((f"GET {self.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                          f"X-Session-Token: {self.token}\r\nConnection: close\r\n\r\n").encode())
            await writer.drain()
            self.status = int((await reader.readline()).split()[1])
            while (await reader.readline()) not in (b"\r\n", b""):
                pass
            self.ready.set()
            pending = b""
            while chunk := await reader.read(65536):
                now = time.time()
                pending += chunk
                cut = pending.rfind(b"\n\n")
                if cut < 0:
                    continue
                complete, pending = pending[:cut + 2], pending[cut + 2:]
                for match in ID_LINE.finditer(complete):
                    self.received[int(match.group(1))] = now
                    if match.group(2) == b"complete":
                        return
        finally:
            self.ready.set()
            writer.close()


async def _open_clients(port: int, path: str, token: str, n: int) -> list[StreamClient]:
    clients = [StreamClient(port, path, token) for _ in range(n)]
    for i in range(0, n, 100):  # connect in waves so the listen backlog never overflows
        for client in clients[i:i + 100]:
            client.task = asyncio.create_task(client.run())
        await asyncio.gather(*(c.ready.wait() for c in clients[i:i + 100]))
    return clients


def _emitter(stream: str, count: int, interval: float, written: dict[int, float]):
    from django.db import connection

    from monitoring.services import progress_event_record

    for n in range(count):
        last = n == count - 1
        t0 = time.time()
        event = progress_event_record(stream=stream, type="complete" if last else "progress", step=f"step{n}",
                                      percent=int(100 * (n + 1) / count))
        written[event.seq] = t0
        time.sleep(interval)
    connection.close()


async def _measure_streams(stack: Stack, n: int, events: int, interval: float) -> dict:
    from asgiref.sync import sync_to_async

    from cvs.models import ExtractionJob
    from monitoring.services import progress_event_record

    user, token = await sync_to_async(stack.user_with_token)("streams@bench.local")
    job = await sync_to_async(ExtractionJob.objects.create)(
        owner=user, original_name="cv.pdf", file_type="pdf", size=1, sha256="0" * 64,
        status=ExtractionJob.Status.PROCESSING)
    await sync_to_async(progress_event_record)(stream=job.stream, type="step", step="warmup")
    path = f"/api/v1/sse/cv/extract-streaming/{job.id}"

    rss_before = rss_tree(stack.web.pid)
    opened = time.monotonic()
    clients = await _open_clients(stack.port, path, token, n)
    open_seconds = time.monotonic() - opened
    statuses = {c.status for c in clients}
    # every client has the warm-up event: all are subscribed and following live
    deadline = time.monotonic() + 30
    while any(1 not in c.received for c in clients) and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    rss_open = rss_tree(stack.web.pid)

    written: dict[int, float] = {}
    daphne = psutil.Process(stack.web.pid)
    cpu_before = sum(daphne.cpu_times()[:2])
    started = time.time()
    thread = threading.Thread(target=_emitter, args=(job.stream, events, interval, written), daemon=True)
    thread.start()
    await asyncio.wait_for(asyncio.gather(*(c.task for c in clients), return_exceptions=True), timeout=120)
    finished = max((max(c.received.values()) for c in clients if c.received), default=time.time())
    thread.join(10)
    cpu_seconds = sum(daphne.cpu_times()[:2]) - cpu_before

    latencies = [(c.received[seq] - t0) * 1000 for c in clients for seq, t0 in written.items() if seq in c.received]
    delivered = len(latencies)
    expected = n * len(written)
    return {
        "statuses": sorted(statuses),
        "open_seconds": open_seconds,
        "delivered": delivered,
        "expected": expected,
        "events_per_second": delivered / max(finished - started, 1e-9),
        "p50": pct(latencies, 50),
        "p99": pct(latencies, 99),
        "max": max(latencies) if latencies else float("nan"),
        "kib_per_stream": (rss_open - rss_before) / 1024 / n,
        "cpu_us_per_delivery": cpu_seconds / max(delivered, 1) * 1e6,
    }


async def _measure_floor(n: int, messages: int) -> dict:
    """channels_redis alone: one group send fanned out to N channels of this process."""
    from channels_redis.core import RedisChannelLayer

    layer = RedisChannelLayer(hosts=[REDIS_URL])
    channels = [await layer.new_channel() for _ in range(n)]
    for channel in channels:
        await layer.group_add("bench.floor", channel)
    latencies: list[float] = []

    async def receiver(channel):
        for _ in range(messages):
            message = await layer.receive(channel)
            latencies.append((time.time() - message["t"]) * 1000)

    tasks = [asyncio.create_task(receiver(c)) for c in channels]
    await asyncio.sleep(0.2)
    for _ in range(messages):
        await layer.group_send("bench.floor", {"type": "tick", "t": time.time()})
        await asyncio.sleep(0.1)
    await asyncio.wait_for(asyncio.gather(*tasks), timeout=60)
    for channel in channels:
        await layer.group_discard("bench.floor", channel)
    await layer.flush()
    return {"p50": pct(latencies, 50), "p99": pct(latencies, 99), "delivered": len(latencies)}


def main(quick: bool = False) -> dict:
    n = TARGET_STREAMS
    # An extraction reports about two steps a second; the full run also tries four a second.
    events = 10 if quick else 40
    interval = 0.5 if quick else 0.25
    with Stack(workers=0, db_name="r2w_bench_streams", redis_url=REDIS_URL) as stack:
        streams = asyncio.run(_measure_streams(stack, n, events, interval))
    floor = asyncio.run(_measure_floor(n, 5 if quick else 20))
    all_delivered = streams["delivered"] == streams["expected"] and streams["statuses"] == [200]
    rows = [
        {"metric": f"concurrent SSE streams on one daphne process (all answered 200: {all_delivered})",
         "value": n, "unit": "streams", "floor": None, "target": f">= {TARGET_STREAMS}", "ok": all_delivered},
        {"metric": "events delivered / expected", "value": f"{streams['delivered']}/{streams['expected']}",
         "unit": "", "floor": None, "target": "all", "ok": streams["delivered"] == streams["expected"]},
        {"metric": "events delivered per second (all clients)", "value": round(streams["events_per_second"], 1),
         "unit": "events/s", "floor": None, "target": None, "ok": None},
        {"metric": "latency write -> client, p50", "value": round(streams["p50"], 1), "unit": "ms",
         "floor": round(floor["p50"], 1), "target": None, "ok": None},
        {"metric": "latency write -> client, p99", "value": round(streams["p99"], 1), "unit": "ms",
         "floor": round(floor["p99"], 1), "target": f"<= {TARGET_P99_MS:.0f} ms",
         "ok": streams["p99"] <= TARGET_P99_MS},
        {"metric": "daphne CPU per delivered event (load-independent cost)",
         "value": round(streams["cpu_us_per_delivery"], 1), "unit": "µs", "floor": None, "target": None, "ok": None},
        {"metric": "memory per open stream (daphne RSS growth / streams)", "value": round(streams["kib_per_stream"], 1),
         "unit": "KiB", "floor": None, "target": None, "ok": None},
        {"metric": f"time to open {n} streams", "value": round(streams["open_seconds"], 2), "unit": "s",
         "floor": None, "target": None, "ok": None},
    ]
    return {
        "title": "streams",
        "rows": rows,
        "notes": [f"{n} clients follow one job; {events} events written {interval * 1000:.0f} ms apart with "
                  "progress_event_record in the benchmark process (PostgreSQL + Redis); floor = a bare "
                  f"channels_redis group_send fanned out to {n} channels in one process. The clients run in "
                  f"the benchmark process on the same machine (load average {os.getloadavg()[0]:.1f} at the "
                  "end), so latencies include their own CPU share."],
    }


if __name__ == "__main__":
    quick = "--full" not in sys.argv
    result = main(quick=quick)
    for row in result["rows"]:
        floor = "" if row["floor"] is None else f"  (floor {row['floor']})"
        verdict = {True: "ok", False: "FAIL", None: ""}[row["ok"]]
        print(f"{row['metric']:<62} {row['value']!s:>10} {row['unit']:<9}{floor} {row['target'] or ''} {verdict}")
    for note in result["notes"]:
        print("-", note)
