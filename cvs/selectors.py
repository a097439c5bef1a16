"""Reads: the one ownership helper for CV jobs, lists, versions and extraction figures."""
from __future__ import annotations

import hashlib
import uuid
from collections import defaultdict

from django.db.models import Count, QuerySet
from django.utils.crypto import constant_time_compare

from cvs.models import CVVersion, ExtractionJob
from resume2website.compiled_get import CompiledGet
from resume2website.errors import NotFound

NOT_FOUND_MESSAGE = "No CV with this id."
STATS_WINDOW = 1000
# Every read and edit of a CV starts with this lookup: its SQL is compiled once (compiled_get.py).
_JOB_BY_ID = CompiledGet(lambda: ExtractionJob.objects.all(), "pk")


def claim_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def get_cv_for_user(*, user, job_id, claim_token: str | None = None) -> ExtractionJob:
    """The job when `user` owns it, or when it is anonymous and `claim_token` is its token.

    Anyone else gets NotFound, so an id reveals nothing about whether the CV exists.
    """
    try:
        job_uuid = job_id if isinstance(job_id, uuid.UUID) else uuid.UUID(str(job_id))
    except ValueError as exc:
        raise NotFound(NOT_FOUND_MESSAGE) from exc
    job = _JOB_BY_ID.get(job_uuid)
    if job is None:
        raise NotFound(NOT_FOUND_MESSAGE)
    if job.owner_id is not None:
        if user is not None and user.is_authenticated and job.owner_id == user.pk:
            return job
        raise NotFound(NOT_FOUND_MESSAGE)
    if claim_token and job.claim_token_hash and constant_time_compare(claim_token_hash(claim_token),
                                                                      job.claim_token_hash):
        return job
    raise NotFound(NOT_FOUND_MESSAGE)


def cv_list_for_user(*, user) -> QuerySet[ExtractionJob]:
    return ExtractionJob.objects.filter(owner=user).order_by("-created_at")


def cv_versions(*, job: ExtractionJob) -> QuerySet[CVVersion]:
    return job.versions.select_related("created_by").order_by("-number")


def cv_version_get(*, job: ExtractionJob, number: int) -> CVVersion:
    version = job.versions.filter(number=number).first()
    if version is None:
        raise NotFound(f"This CV has no version {number}.")
    return version


def _percentile(values: list[float], pct: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    rank = (len(ordered) - 1) * pct / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return round(ordered[low] + (ordered[high] - ordered[low]) * (rank - low), 1)


def _timing_figures(values: list[float]) -> dict:
    return {"count": len(values), "p50_ms": _percentile(values, 50), "p95_ms": _percentile(values, 95)}


def extraction_stats(*, user=None) -> dict:
    """Counts by status, success and cache-hit rates, timings p50/p95, per-extractor figures.

    `user=None` covers every job (staff); otherwise only that user's jobs.
    """
    jobs = ExtractionJob.objects.all() if user is None else ExtractionJob.objects.filter(owner=user)
    counts = {choice: 0 for choice in ExtractionJob.Status.values}
    for row in jobs.values("status").order_by().annotate(n=Count("id")):
        counts[row["status"]] = row["n"]
    finished = counts[ExtractionJob.Status.DONE] + counts[ExtractionJob.Status.FAILED]

    recent = list(
        jobs.filter(status=ExtractionJob.Status.DONE)
        .order_by("-finished_at")
        .values("extractor", "from_cache", "confidence", "stats")[:STATS_WINDOW]
    )
    totals: list[float] = []
    extracted: list[float] = []
    per_extractor: dict[str, dict] = defaultdict(lambda: {"jobs": 0, "confidence": [], "total_ms": []})
    hits = 0
    for row in recent:
        total = (row["stats"] or {}).get("timings_ms", {}).get("total")
        if row["from_cache"]:
            hits += 1
        if isinstance(total, (int, float)):
            totals.append(float(total))
            if not row["from_cache"]:
                extracted.append(float(total))
        figures = per_extractor[row["extractor"] or "unknown"]
        figures["jobs"] += 1
        if row["confidence"] is not None:
            figures["confidence"].append(row["confidence"])
        if isinstance(total, (int, float)) and not row["from_cache"]:
            figures["total_ms"].append(float(total))

    return {
        "scope": "all" if user is None else "mine",
        "counts": {"total": sum(counts.values()), **counts},
        "success_rate": round(counts[ExtractionJob.Status.DONE] / finished, 4) if finished else None,
        "cache": {"hits": hits, "hit_rate": round(hits / len(recent), 4) if recent else None},
        "timings": {"all": _timing_figures(totals), "extracted": _timing_figures(extracted)},
        "extractors": {
            name: {
                "jobs": f["jobs"],
                "mean_confidence": round(sum(f["confidence"]) / len(f["confidence"]), 3) if f["confidence"] else None,
                **_timing_figures(f["total_ms"]),
            }
            for name, f in sorted(per_extractor.items())
        },
        "window": len(recent),
    }
