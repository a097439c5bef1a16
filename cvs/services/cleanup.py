"""Housekeeping: unclaimed anonymous uploads, old failed jobs, their files, expired cache entries."""
from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cvs.models import ExtractionCache, ExtractionJob

logger = logging.getLogger(__name__)


@dataclass
class CleanupReport:
    anonymous_jobs: int = 0
    failed_jobs: int = 0
    files: int = 0
    cache_entries: int = 0
    dry_run: bool = False

    def as_dict(self) -> dict:
        return asdict(self)


def cache_clear(*, older_than_days: int | None = None, dry_run: bool = False) -> int:
    """Delete cache entries (all, or those created more than `older_than_days` ago)."""
    entries = ExtractionCache.objects.all()
    if older_than_days is not None:
        entries = entries.filter(created_at__lt=timezone.now() - timedelta(days=older_than_days))
    if dry_run:
        return entries.count()
    deleted, _ = entries.delete()
    return deleted


def _delete_jobs(jobs, report: CleanupReport) -> int:
    count = 0
    for job in jobs.iterator():
        count += 1
        if report.dry_run:
            report.files += 1 if job.file else 0
            continue
        name = job.file.name
        storage = job.file.storage
        job.delete()
        if name:
            try:
                storage.delete(name)
                report.files += 1
            except OSError:
                logger.warning("could not delete upload", extra={"file": name})
    return count


def cv_cleanup(*, older_than_days: int = 30, dry_run: bool = False) -> CleanupReport:
    """Remove what nobody can use any more; a user's own finished CVs are never touched.

    - anonymous uploads older than a session (their claim token has expired with it),
    - failed jobs older than `older_than_days`,
    - cache entries older than EXTRACTION_CACHE_DAYS.
    """
    now = timezone.now()
    report = CleanupReport(dry_run=dry_run)
    unclaimed = ExtractionJob.objects.filter(
        owner__isnull=True, created_at__lt=now - timedelta(seconds=settings.SESSION_COOKIE_AGE))
    failed = ExtractionJob.objects.filter(status=ExtractionJob.Status.FAILED,
                                          updated_at__lt=now - timedelta(days=older_than_days))
    with transaction.atomic():
        report.anonymous_jobs = _delete_jobs(unclaimed, report)
        report.failed_jobs = _delete_jobs(failed.exclude(owner__isnull=True), report)
        report.cache_entries = cache_clear(older_than_days=settings.EXTRACTION_CACHE_DAYS, dry_run=dry_run)
    return report
