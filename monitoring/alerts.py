"""Alert rules and their evaluation (run by a Celery beat task every minute).

An alert opens the first time its rule holds, stays open (refreshed) while the rule holds,
and resolves by itself when the rule stops holding. Staff may resolve it earlier; it then
stays quiet until the rule has recovered once, so a known problem does not re-page.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from monitoring import figures
from monitoring.models import Alert, Workflow

logger = logging.getLogger(__name__)


@dataclass
class Finding:
    holds: bool
    message: str = ""
    data: dict = field(default_factory=dict)
    severity: str = "warning"


def rule_error_rate() -> Finding:
    since = timezone.now() - timedelta(seconds=settings.ALERT_WINDOW_SECONDS)
    finished = Workflow.objects.filter(finished_at__gte=since)
    total = finished.count()
    failed = finished.filter(status=Workflow.Status.FAILED).count()
    rate = failed / total if total else 0.0
    return Finding(
        holds=total >= settings.ALERT_ERROR_MIN_RUNS and rate >= settings.ALERT_ERROR_RATE,
        message=f"{failed} of {total} runs failed in the last {settings.ALERT_WINDOW_SECONDS // 60} min "
                f"({rate:.0%}, threshold {settings.ALERT_ERROR_RATE:.0%})",
        data={"failed": failed, "total": total, "rate": round(rate, 3)},
        severity="critical",
    )


def rule_breaker_open() -> Finding:
    status = figures.breaker_status() or {}
    return Finding(
        holds=status.get("state") == "open",
        message=f"Circuit breaker {status.get('name')} is open after {status.get('fail_counter')} failures: "
                "extraction falls back to the offline extractor",
        data=status,
    )


def rule_p95_over_target() -> Finding:
    target_ms = settings.ALERT_P95_TARGET_SECONDS * 1000
    durations = figures.workflow_durations(since=time.time() - settings.ALERT_WINDOW_SECONDS)
    slow = {}
    for name, values in durations.items():
        p95 = figures.percentiles(values)["p95_ms"]
        if len(values) >= settings.ALERT_ERROR_MIN_RUNS and p95 > target_ms:
            slow[name] = p95
    return Finding(
        holds=bool(slow),
        message="p95 over target: " + ", ".join(f"{n} {ms / 1000:.1f} s" for n, ms in sorted(slow.items()))
        + f" (target {settings.ALERT_P95_TARGET_SECONDS:.0f} s)",
        data={"p95_ms": slow, "target_ms": target_ms},
    )


def rule_queue_backlog() -> Finding:
    depth = figures.broker_queue_depth()
    return Finding(
        holds=depth is not None and depth > settings.ALERT_QUEUE_BACKLOG,
        message=f"{depth} tasks are waiting in the queue (threshold {settings.ALERT_QUEUE_BACKLOG})",
        data={"queue_depth": depth},
    )


def rule_worker_missing() -> Finding:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return Finding(holds=False)
    beat = figures.worker_heartbeat()
    limit = 3 * settings.WORKER_HEARTBEAT_SECONDS
    return Finding(
        holds=beat is None or beat["age_seconds"] > limit,
        message="No worker has reported yet" if beat is None
        else f"The last worker report is {beat['age_seconds']:.0f} s old (limit {limit} s)",
        data=beat or {},
        severity="critical",
    )


RULES = {
    "error_rate": rule_error_rate,
    "breaker_open": rule_breaker_open,
    "p95_over_target": rule_p95_over_target,
    "queue_backlog": rule_queue_backlog,
    "worker_missing": rule_worker_missing,
}


@transaction.atomic
def _apply(rule: str, finding: Finding) -> str:
    now = timezone.now()
    live = Alert.objects.select_for_update().filter(rule=rule, cleared_at__isnull=True).first()
    if finding.holds and live is None:
        Alert.objects.create(rule=rule, severity=finding.severity, message=finding.message[:500],
                             data=finding.data, last_seen_at=now)
        logger.warning("alert opened: %s", rule, extra={"alert_rule": rule, "alert_message": finding.message})
        return "opened"
    if finding.holds:
        live.last_seen_at, live.message, live.data = now, finding.message[:500], finding.data
        live.save(update_fields=["last_seen_at", "message", "data"])
        return "open" if live.status == Alert.Status.OPEN else "acknowledged"
    if live is not None:
        live.cleared_at = now
        if live.status == Alert.Status.OPEN:
            live.status, live.resolution, live.resolved_at = Alert.Status.RESOLVED, Alert.Resolution.RECOVERED, now
        live.save()
        return "recovered"
    return "ok"


def alerts_evaluate() -> dict[str, str]:
    """Evaluate every rule; returns rule -> opened | open | acknowledged | recovered | ok | error."""
    outcome = {}
    for rule, check in RULES.items():
        try:
            outcome[rule] = _apply(rule, check())
        except Exception:  # noqa: BLE001 - one broken rule must not silence the others
            logger.exception("alert rule %s could not be evaluated", rule)
            outcome[rule] = "error"
    return outcome


@transaction.atomic
def alert_resolve(*, alert: Alert, user) -> Alert:
    """Staff resolve an open alert; resolving a resolved alert changes nothing."""
    alert = Alert.objects.select_for_update().get(pk=alert.pk)
    if alert.status == Alert.Status.OPEN:
        alert.status, alert.resolution = Alert.Status.RESOLVED, Alert.Resolution.STAFF
        alert.resolved_at, alert.resolved_by = timezone.now(), user
        alert.save(update_fields=["status", "resolution", "resolved_at", "resolved_by"])
    return alert
