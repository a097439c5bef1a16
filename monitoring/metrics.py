"""Prometheus figures.

Request counts and latencies are measured in each web process by MetricsMiddleware. Work
done anywhere (extraction and build durations, queue depth, breaker state, alerts) is read
from the database and the shared cache at scrape time by `OperationsCollector`, so figures
from worker processes count too.
"""
from __future__ import annotations

import logging
import threading
import time
from collections import deque

from prometheus_client import REGISTRY, Counter, Histogram
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily

logger = logging.getLogger(__name__)

REQUESTS = Counter("r2w_http_requests", "HTTP requests answered", ["method", "route", "status"])
LATENCY = Histogram(
    "r2w_http_request_duration_seconds", "Time to the response headers", ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
BREAKER_STATES = {"closed": 0, "half-open": 1, "open": 2}

# Recent request latencies of this process, for the p50/p95/p99 summary.
_samples: deque[tuple[float, str, float]] = deque(maxlen=20_000)
_samples_lock = threading.Lock()


def request_observe(*, method: str, route: str, status: int, seconds: float) -> None:
    REQUESTS.labels(method, route, str(status)).inc()
    LATENCY.labels(method, route).observe(seconds)
    with _samples_lock:
        _samples.append((time.time(), f"http {method} {route}", seconds * 1000))


def request_samples(*, since: float) -> dict[str, list[float]]:
    with _samples_lock:
        recent = [s for s in _samples if s[0] >= since]
    grouped: dict[str, list[float]] = {}
    for _, operation, ms in recent:
        grouped.setdefault(operation, []).append(ms)
    return grouped


def request_samples_clear() -> None:
    with _samples_lock:
        _samples.clear()


class OperationsCollector:
    """Figures computed from the database and the cache when Prometheus scrapes."""

    def describe(self):
        return []  # nothing to query at registration; the figures exist only at scrape time

    def collect(self):
        from monitoring.figures import operations_figures

        try:
            figures = operations_figures()
        except Exception:  # noqa: BLE001 - a scrape must answer even when the database does not
            logger.warning("operations figures unavailable", exc_info=True)
            up = GaugeMetricFamily("r2w_operations_figures_up", "1 when database figures could be read")
            up.add_metric([], 0)
            yield up
            return
        up = GaugeMetricFamily("r2w_operations_figures_up", "1 when database figures could be read")
        up.add_metric([], 1)
        yield up

        runs = CounterMetricFamily("r2w_workflow_runs", "Finished workflow runs", labels=["name", "status"])
        for (name, status), count in figures["runs"].items():
            runs.add_metric([name, status], count)
        yield runs

        durations = GaugeMetricFamily(
            "r2w_workflow_duration_seconds", "Run duration quantiles over the performance window",
            labels=["name", "quantile"],
        )
        for name, quantiles in figures["durations"].items():
            for q, ms in quantiles.items():
                durations.add_metric([name, q], ms / 1000)
        yield durations

        running = GaugeMetricFamily("r2w_workflows_running", "Runs started and not finished", labels=["name"])
        for name, count in figures["running"].items():
            running.add_metric([name], count)
        yield running

        queue = GaugeMetricFamily("r2w_queue_depth", "Tasks waiting in the broker queue")
        if figures["queue_depth"] is not None:
            queue.add_metric([], figures["queue_depth"])
        yield queue

        jobs = GaugeMetricFamily("r2w_extraction_jobs", "CV extraction jobs by status", labels=["status"])
        for status, count in figures["jobs"].items():
            jobs.add_metric([status], count)
        yield jobs

        breaker = GaugeMetricFamily("r2w_circuit_breaker_state", "0 closed, 1 half-open, 2 open", labels=["name"])
        if figures["breaker"]:
            breaker.add_metric([figures["breaker"]["name"]], BREAKER_STATES.get(figures["breaker"]["state"], 2))
        yield breaker

        alerts = GaugeMetricFamily("r2w_alerts_open", "Open alerts")
        alerts.add_metric([], figures["alerts_open"])
        yield alerts

        throttled = CounterMetricFamily("r2w_throttled_requests", "Requests refused by the rate limits")
        throttled.add_metric([], figures["throttled_total"])
        yield throttled

        beat = GaugeMetricFamily("r2w_worker_heartbeat_age_seconds", "Seconds since a worker last reported")
        if figures["worker_heartbeat_age"] is not None:
            beat.add_metric([], figures["worker_heartbeat_age"])
        yield beat


_registered = False


def register_collector() -> None:
    global _registered
    if not _registered:
        REGISTRY.register(OperationsCollector())
        _registered = True
