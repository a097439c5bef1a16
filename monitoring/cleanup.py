"""Retention: old progress events and workflow runs, stored logs, expired sessions (counts reported)."""
from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from monitoring.models import LogEntry, LogGroup, ProgressEvent, Workflow

BATCH = 5000


def _delete_in_batches(queryset) -> int:
    """Delete in slices so a big backlog never holds one long lock."""
    deleted = 0
    while ids := list(queryset.values_list("pk", flat=True)[:BATCH]):
        deleted += queryset.model.objects.filter(pk__in=ids).delete()[1].get(queryset.model._meta.label, 0)
    return deleted


def progress_events_cleanup(*, now=None) -> dict:
    cutoff = (now or timezone.now()) - timedelta(days=settings.PROGRESS_EVENT_RETENTION_DAYS)
    return {
        "progress_events": _delete_in_batches(ProgressEvent.objects.filter(created_at__lt=cutoff)),
        "workflows": _delete_in_batches(Workflow.objects.filter(finished_at__lt=cutoff)),
    }


def logs_cleanup(*, now=None) -> dict:
    cutoff = (now or timezone.now()) - timedelta(days=settings.LOG_RETENTION_DAYS)
    return {
        "log_entries": _delete_in_batches(LogEntry.objects.filter(created_at__lt=cutoff)),
        "log_groups": _delete_in_batches(LogGroup.objects.filter(last_seen__lt=cutoff)),
    }


def sessions_cleanup() -> dict:
    from operations.services import sessions_clear_expired

    return {"expired_sessions": sessions_clear_expired()}


def monitoring_cleanup(*, now=None) -> dict:
    return {**progress_events_cleanup(now=now), **logs_cleanup(now=now), **sessions_cleanup()}
