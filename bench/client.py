"""A small asyncio HTTP load generator (httpx): fixed concurrency for a fixed time."""
from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

import httpx


@dataclass
class Sample:
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    errors: int = 0
    seconds: float = 0.0

    def add(self, status: int, latency: float):
        self.statuses[status] = self.statuses.get(status, 0) + 1
        self.latencies.append(latency)

    @property
    def count(self) -> int:
        return len(self.latencies)

    @property
    def rps(self) -> float:
        return self.count / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]

    def merge(self, other: "Sample") -> "Sample":
        self.latencies += other.latencies
        for status, n in other.statuses.items():
            self.statuses[status] = self.statuses.get(status, 0) + n
        self.errors += other.errors
        self.seconds += other.seconds
        return self

    @property
    def failures(self) -> int:
        return self.errors + sum(n for s, n in self.statuses.items() if s >= 400)


async def _hammer(url: str, headers: dict, concurrency: int, seconds: float) -> Sample:
    sample = Sample()
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(headers=headers, limits=limits, timeout=30) as client:
        deadline = time.monotonic() + seconds

        async def one_user():
            while time.monotonic() < deadline:
                t0 = time.perf_counter()
                try:
                    resp = await client.get(url)
                    sample.add(resp.status_code, time.perf_counter() - t0)
                except httpx.HTTPError:
                    sample.errors += 1

        started = time.monotonic()
        await asyncio.gather(*(one_user() for _ in range(concurrency)))
        sample.seconds = time.monotonic() - started
    return sample


def hammer(url: str, *, headers: dict | None = None, concurrency: int = 8, seconds: float = 5.0) -> Sample:
    """GET `url` from `concurrency` keep-alive connections for `seconds`; returns the figures."""
    return asyncio.run(_hammer(url, headers or {}, concurrency, seconds))
