"""Health of everything the product needs: database, cache, broker, storage, a live worker."""
from __future__ import annotations

import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection

from monitoring.figures import worker_heartbeat


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return connection.vendor


def _cache() -> str:
    key, value = f"health:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, 30)
    try:
        if cache.get(key) != value:
            raise RuntimeError("the cache did not return what was just written")
    finally:
        cache.delete(key)
    return settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]


def _broker() -> str:
    from kombu import Connection

    options = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {})
    with Connection(settings.CELERY_BROKER_URL, connect_timeout=1, transport_options=options) as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0.1, timeout=2)
        return conn.transport.driver_type


def _storage() -> str:
    name = default_storage.save(f"health/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    default_storage.delete(name)
    return default_storage.__class__.__name__


def _worker() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "tasks run in the web process"
    beat = worker_heartbeat()
    limit = 3 * settings.WORKER_HEARTBEAT_SECONDS
    if beat is None:
        raise RuntimeError("no worker has reported yet (is the worker with its scheduler running?)")
    if beat["age_seconds"] > limit:
        raise RuntimeError(f"the last worker report is {beat['age_seconds']:.0f} s old (limit {limit} s)")
    return f"{beat['hostname']} reported {beat['age_seconds']:.0f} s ago"


CHECKS = {"database": _database, "cache": _cache, "broker": _broker, "storage": _storage, "worker": _worker}


def health_report() -> dict:
    """Every check with its time; `healthy` only when all of them pass."""
    checks = {}
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            detail, ok = check(), True
        except Exception as exc:  # noqa: BLE001 - a failed check is a finding, not a crash
            detail, ok = f"{type(exc).__name__}: {str(exc)[:200]}", False
        checks[name] = {"ok": ok, "detail": detail, "ms": round((time.perf_counter() - started) * 1000, 1)}
    healthy = all(c["ok"] for c in checks.values())
    return {"status": "ok" if healthy else "degraded", "healthy": healthy, "checks": checks}
