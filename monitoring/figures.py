"""Operations figures read from the database, the cache and the broker (any process's work counts)."""
from __future__ import annotations

import logging
import statistics
import time
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.cache import cache as default_cache
from django.db.models import Count

from monitoring import metrics, ratelimits
from monitoring.models import Alert, Workflow
from resume2website.cache import FailOpenCache

logger = logging.getLogger(__name__)

WORKER_HEARTBEAT_KEY = "monitoring:worker_heartbeat"
METRICS_EPOCH_KEY = "monitoring:metrics_epoch"
QUANTILES = (("p50_ms", 50), ("p95_ms", 95), ("p99_ms", 99))
MAX_DURATION_ROWS = 50_000

# The heartbeat and the reset mark live in the shared cache; when it cannot be reached the
# worker goes on working and the figures count from the start of the window.
cache = FailOpenCache(default_cache, consequence="worker heartbeats and the metrics reset mark are not kept")


def percentiles(values: list[float]) -> dict:
    """count, p50/p95/p99 and max of a list of milliseconds (inclusive method: no extrapolation)."""
    if not values:
        return {"count": 0, **{name: None for name, _ in QUANTILES}, "max_ms": None}
    cuts = statistics.quantiles(values, n=100, method="inclusive") if len(values) > 1 else [values[0]] * 99
    return {"count": len(values), **{name: round(cuts[q - 1], 1) for name, q in QUANTILES},
            "max_ms": round(max(values), 1)}


def metrics_epoch() -> float:
    return float(cache.get(METRICS_EPOCH_KEY) or 0)


def window_start(window_seconds: int | None = None) -> float:
    """The start of the figures window: `window_seconds` ago, but never before the last reset."""
    window = window_seconds or settings.PERFORMANCE_WINDOW_SECONDS
    return max(time.time() - window, metrics_epoch())


def workflow_durations(*, since: float) -> dict[str, list[float]]:
    rows = (Workflow.objects.filter(finished_at__gte=datetime.fromtimestamp(since, tz=UTC),
                                    duration_ms__isnull=False)
            .order_by("-finished_at").values_list("name", "duration_ms")[:MAX_DURATION_ROWS])
    grouped: dict[str, list[float]] = {}
    for name, ms in rows:
        grouped.setdefault(name, []).append(float(ms))
    return grouped


def performance_summary(*, window_seconds: int | None = None) -> dict:
    """p50/p95/p99 per operation: workflow runs from every process, HTTP routes from this one."""
    since = window_start(window_seconds)
    operations = {f"workflow {name}": percentiles(ms) for name, ms in workflow_durations(since=since).items()}
    operations.update({name: percentiles(ms) for name, ms in metrics.request_samples(since=since).items()})
    return {
        "window_seconds": round(time.time() - since),
        "since": datetime.fromtimestamp(since, tz=UTC).isoformat(),
        "operations": dict(sorted(operations.items())),
        "notes": "workflow figures cover every worker; http figures cover this web process",
    }


def broker_queue_depth() -> int | None:
    """Messages waiting in the default Celery queue, or None when the broker cannot say."""
    url = settings.CELERY_BROKER_URL or ""
    queue = getattr(settings, "CELERY_TASK_DEFAULT_QUEUE", "celery")
    try:
        if url.startswith(("redis://", "rediss://")):
            import redis

            client = redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)
            try:
                # kombu keeps one list per priority step: "celery", "celery\x06\x163", ...
                names = [queue] + [f"{queue}\x06\x16{p}" for p in (3, 6, 9)]
                return sum(client.llen(name) for name in names)
            finally:
                client.close()
        if url.startswith("filesystem://"):
            folder = Path(settings.CELERY_BROKER_TRANSPORT_OPTIONS["data_folder_in"])
            return sum(1 for path in folder.glob("*.msg"))
    except Exception:  # noqa: BLE001 - unknown is better than a failed figure
        logger.warning("broker queue depth unavailable", exc_info=True)
    return None


def worker_heartbeat_record(*, hostname: str) -> None:
    cache.set(WORKER_HEARTBEAT_KEY, {"at": time.time(), "hostname": hostname}, None)


def worker_heartbeat() -> dict | None:
    beat = cache.get(WORKER_HEARTBEAT_KEY)
    if not beat:
        return None
    return {**beat, "age_seconds": round(time.time() - beat["at"], 1)}


def breaker_status() -> dict | None:
    from cvs.breaker import breaker_status as status

    return status()


def operations_figures() -> dict:
    from cvs.models import ExtractionJob

    since = window_start()
    runs = {
        (row["name"], row["status"]): row["n"]
        for row in Workflow.objects.filter(finished_at__isnull=False).values("name", "status").order_by()
        .annotate(n=Count("id"))
    }
    running = {
        row["name"]: row["n"]
        for row in Workflow.objects.filter(status=Workflow.Status.RUNNING).values("name").order_by()
        .annotate(n=Count("id"))
    }
    durations = {
        name: {str(q / 100): percentiles(ms)[key] for key, q in QUANTILES}
        for name, ms in workflow_durations(since=since).items()
    }
    jobs = {row["status"]: row["n"] for row in ExtractionJob.objects.values("status").order_by().annotate(n=Count("id"))}
    beat = worker_heartbeat()
    return {
        "runs": runs,
        "running": running,
        "durations": durations,
        "jobs": jobs,
        "queue_depth": broker_queue_depth(),
        "breaker": breaker_status(),
        "alerts_open": Alert.objects.filter(status=Alert.Status.OPEN).count(),
        "throttled_total": ratelimits.throttled_total(),
        "worker_heartbeat_age": beat["age_seconds"] if beat else None,
    }


def current_figures() -> dict:
    """What is happening now: the last minute of requests here, work in flight everywhere."""
    minute = metrics.request_samples(since=max(time.time() - 60, metrics_epoch()))
    all_ms = [ms for values in minute.values() for ms in values]
    figures = operations_figures()
    return {
        "requests_last_minute": percentiles(all_ms),
        "workflows_running": figures["running"],
        "extraction_jobs": figures["jobs"],
        "queue_depth": figures["queue_depth"],
        "circuit_breaker": figures["breaker"],
        "alerts_open": figures["alerts_open"],
        "throttled_total": figures["throttled_total"],
        "worker": worker_heartbeat(),
        "metrics_since": datetime.fromtimestamp(metrics_epoch(), tz=UTC).isoformat() if metrics_epoch() else None,
    }


def metrics_reset() -> dict:
    """Start the figures windows afresh (Prometheus counters stay monotonic, as scrapers expect)."""
    now = time.time()
    cache.set(METRICS_EPOCH_KEY, now, None)
    metrics.request_samples_clear()
    ratelimits.rate_limit_stats_reset()
    return {"metrics_since": datetime.fromtimestamp(now, tz=UTC).isoformat()}
