"""The extraction pipeline: text → Resume Gate → sections (Claude or offline) → grounding → save.

`cv_document_extract` is the pure pipeline on bytes (used by the worker, the CLI and the
sample run); `cv_extraction_run` runs it for a job, with progress events, the cache, the
version history and failures a person can understand.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Callable

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from cvs.extraction.schema import cv_document_empty
from cvs.models import CVVersion, ExtractionCache, ExtractionJob
from cvs.services.uploads import GateRefused
from monitoring.services import progress_event_record
from resume2website.errors import ApplicationError

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
StepCallback = Callable[[str, int, str], None]


@dataclass
class Extraction:
    cv: dict
    confidence: float
    section_confidence: dict
    extractor: str
    gate_score: int | None = None
    gate_reason: str = ""
    dropped: list = field(default_factory=list)
    stats: dict = field(default_factory=dict)


def _sections(doc, data: bytes, file_type: str, stats: dict) -> tuple[dict, str]:
    """Claude when configured and its breaker is closed; the offline extractor otherwise."""
    from cvs.extraction import claude
    from cvs.extraction.sections import extract_sections

    if claude.claude_enabled():
        try:
            result = claude.claude_extract(text=doc.text, data=data, file_type=file_type)
            stats["claude"] = result.usage
            return result.cv, "claude"
        except claude.ClaudeUnavailable as exc:
            stats["fallback_reason"] = str(exc)
            logger.warning("claude extraction fell back to offline", extra={"reason": str(exc)})
    return extract_sections(doc), "offline"


def cv_document_extract(*, data: bytes, file_type: str, on_step: StepCallback | None = None) -> Extraction:
    """Run the whole pipeline on one file's bytes. Raises TextExtractionError or GateRefused."""
    from cvs.extraction.gate import resume_gate_score
    from cvs.extraction.postprocess import finalize
    from cvs.extraction.sections import extract_sections
    from cvs.extraction.text import extract_text

    step = on_step or (lambda *_: None)
    timings: dict[str, float] = {}
    stats: dict = {"timings_ms": timings}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[name] = round((now - clock) * 1000, 1)
        clock = now

    start = clock
    doc = extract_text(data, file_type)
    lap("text")
    stats.update(pages=doc.pages, ocr_used=doc.ocr_used, warnings=list(doc.warnings), chars=len(doc.text))
    step("text", 30, f"Read {doc.pages} page(s)" + (" with OCR" if doc.ocr_used else ""))

    gate = resume_gate_score(doc.text)
    lap("gate")
    if not gate.passed:
        raise GateRefused(gate)
    step("gate", 40, f"Resume Gate passed (score {gate.score})")

    cv, extractor = _sections(doc, data, file_type, stats)
    lap("sections")
    step("sections", 65, f"Sections found by the {extractor} extractor")

    final = finalize(cv, doc.text)
    if extractor == "claude" and final.cv == cv_document_empty():
        stats["fallback_reason"] = "Claude's answer held nothing that could be found in the CV"
        extractor = "offline"
        final = finalize(extract_sections(doc), doc.text)
    lap("grounding")
    step("grounding", 85, f"Checked against the CV text; {len(final.dropped)} value(s) not found were dropped")

    timings["total"] = round((time.perf_counter() - start) * 1000, 1)
    stats.update(dropped=len(final.dropped), postprocess=final.stats)
    return Extraction(
        cv=final.cv,
        confidence=round(float(final.confidence), 4),
        section_confidence=final.section_confidence,
        extractor=extractor,
        gate_score=gate.score,
        gate_reason=gate.reason,
        dropped=final.dropped,
        stats=stats,
    )


# --------------------------------------------------------------------------- cache


def cache_lookup(*, sha256: str) -> ExtractionCache | None:
    cutoff = timezone.now() - timedelta(days=settings.EXTRACTION_CACHE_DAYS)
    entry = ExtractionCache.objects.filter(sha256=sha256, created_at__gte=cutoff).first()
    if entry is not None:
        ExtractionCache.objects.filter(pk=entry.pk).update(hits=F("hits") + 1, last_hit_at=timezone.now())
    return entry


def cache_store(*, sha256: str, result: Extraction) -> ExtractionCache | None:
    """Keep a result for identical bytes, only when it is confident enough to reuse."""
    if result.confidence < settings.EXTRACTION_CACHE_MIN_CONFIDENCE:
        return None
    entry, _ = ExtractionCache.objects.update_or_create(
        sha256=sha256,
        defaults={
            "cv_data": result.cv,
            "confidence": result.confidence,
            "section_confidence": result.section_confidence,
            "extractor": result.extractor,
            "created_at": timezone.now(),
            "hits": 0,
        },
    )
    return entry


# --------------------------------------------------------------------------- jobs


def version_create(*, job: ExtractionJob, data: dict, source: str, user=None) -> CVVersion:
    """Keep `data` as the job's next version; the job carries that number, so reads need no extra query."""
    last = job.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = CVVersion.objects.create(job=job, number=last + 1, data=data, source=source, created_by=user)
    ExtractionJob.objects.filter(pk=job.pk).update(version=version.number)
    job.version = version.number
    return version


def portfolios_rebuild_on_commit(job: ExtractionJob) -> None:
    """After the CV changed, queue a rebuild of every portfolio made from it."""

    def rebuild():
        from portfolios.services import portfolio_rebuild_for_job

        portfolio_rebuild_for_job(job=job)

    transaction.on_commit(rebuild)


def _fail(job: ExtractionJob, reason: str, *, code: str = "failed") -> ExtractionJob:
    job.status = ExtractionJob.Status.FAILED
    job.error = reason[:500]
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error", "finished_at", "updated_at"])
    progress_event_record(stream=job.stream, type="error", step="failed", message=reason, data={"code": code})
    return job


def _begin(job_id) -> ExtractionJob | None:
    """Claim the job for this run; None when there is nothing to do (done, failed, waiting for claim)."""
    with transaction.atomic():
        job = ExtractionJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status not in (ExtractionJob.Status.QUEUED, ExtractionJob.Status.PROCESSING):
            return None
        if job.status == ExtractionJob.Status.PROCESSING and job.attempts >= MAX_ATTEMPTS:
            _fail(job, f"Extraction stopped after {job.attempts} interrupted attempts. Please try again.",
                  code="attempts_exhausted")
            return None
        job.status = ExtractionJob.Status.PROCESSING
        job.attempts += 1
        job.started_at = timezone.now()
        job.save(update_fields=["status", "attempts", "started_at", "updated_at"])
    retry = f" (attempt {job.attempts})" if job.attempts > 1 else ""
    progress_event_record(stream=job.stream, type="step", step="start", percent=10, message="Extraction started" + retry)
    return job


@transaction.atomic
def _save(job: ExtractionJob, result: Extraction, *, from_cache: bool) -> ExtractionJob:
    progress_event_record(stream=job.stream, type="step", step="save", percent=95,
                          message="Reused the result for this exact file" if from_cache else "Saving the CV")
    job.cv_data = result.cv
    job.confidence = result.confidence
    job.section_confidence = result.section_confidence
    job.extractor = result.extractor
    job.from_cache = from_cache
    job.stats = result.stats
    if result.gate_score is not None:
        job.gate_score = result.gate_score
        job.gate_reason = (result.gate_reason or "")[:500]
    job.status = ExtractionJob.Status.DONE
    job.error = ""
    job.finished_at = timezone.now()
    job.save()
    version_create(job=job, data=result.cv, source="extraction")
    if not from_cache:
        cache_store(sha256=job.sha256, result=result)
    progress_event_record(
        stream=job.stream, type="complete", step="done", percent=100,
        message="CV extracted" + (" (from cache)" if from_cache else ""),
        data={"confidence": job.confidence, "extractor": job.extractor, "from_cache": from_cache,
              "dropped": result.stats.get("dropped", 0)},
    )
    portfolios_rebuild_on_commit(job)
    return job


def cv_extraction_run(*, job_id, use_cache: bool = True) -> ExtractionJob | None:
    """Extract one queued job end to end. Safe to run twice (a redelivered message is a no-op
    once the job is done) and after a crash (a job left processing is picked up again)."""
    from cvs.extraction.text import TextExtractionError

    job = _begin(job_id)
    if job is None:
        return None
    started = time.perf_counter()
    if use_cache:
        entry = cache_lookup(sha256=job.sha256)
        if entry is not None:
            result = Extraction(
                cv=entry.cv_data, confidence=entry.confidence, section_confidence=entry.section_confidence,
                extractor=entry.extractor,
                stats={"timings_ms": {"total": round((time.perf_counter() - started) * 1000, 1)}, "cache_hit": True},
            )
            return _save(job, result, from_cache=True)

    def on_step(name: str, percent: int, message: str) -> None:
        progress_event_record(stream=job.stream, type="step", step=name, percent=percent, message=message)

    try:
        with job.file.open("rb") as handle:
            data = handle.read()
        result = cv_document_extract(data=data, file_type=job.file_type, on_step=on_step)
    except GateRefused as exc:
        gate = exc.gate
        job.gate_score, job.gate_reason = gate.score, (gate.reason or "")[:500]
        job.save(update_fields=["gate_score", "gate_reason"])
        return _fail(job, f"This file does not look like a CV (score {gate.score}/100): {gate.reason} "
                          f"{gate.suggestion}".strip(), code="not_a_resume")
    except (TextExtractionError, ApplicationError) as exc:
        return _fail(job, exc.detail, code=exc.code)
    except SoftTimeLimitExceeded:
        return _fail(job, "Reading this CV took too long and was stopped. Try a smaller or simpler file.",
                     code="timeout")
    except FileNotFoundError:
        return _fail(job, "The uploaded file is no longer stored; please upload it again.", code="file_missing")
    except Exception:
        logger.exception("extraction crashed", extra={"job_id": str(job.id)})
        return _fail(job, "Something went wrong while reading this CV. Please try again, or upload it as PDF.",
                     code="internal")
    return _save(job, result, from_cache=False)


def cv_stale_jobs_fail(*, now=None) -> int:
    """Mark jobs stuck in queued/processing past EXTRACTION_STALE_AFTER_SECONDS as failed."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.EXTRACTION_STALE_AFTER_SECONDS)
    reasons = {
        ExtractionJob.Status.PROCESSING: "Extraction stopped responding (the worker was interrupted). "
                                         "Please start it again.",
        ExtractionJob.Status.QUEUED: "Extraction never started: no worker picked it up in time. "
                                     "Please start it again.",
    }
    swept = 0
    stale = ExtractionJob.objects.filter(status__in=list(reasons), updated_at__lt=cutoff).values_list("pk", flat=True)
    for pk in list(stale):
        with transaction.atomic():
            job = ExtractionJob.objects.select_for_update().filter(
                pk=pk, status__in=list(reasons), updated_at__lt=cutoff).first()
            if job is None:
                continue
            _fail(job, reasons[job.status], code="stale")
            swept += 1
    return swept
