"""Uploads, claims and starting extraction: the services that create and hand over CV jobs."""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from rest_framework import status

from cvs.models import ExtractionJob
from cvs.selectors import NOT_FOUND_MESSAGE, claim_token_hash, get_cv_for_user
from cvs.validation import ValidatedUpload, check_size, validate_upload
from monitoring.services import progress_event_record
from resume2website.errors import ApplicationError, Conflict, NotFound
from resume2website.maintenance import maintenance_guard
from resume2website.queueing import task_enqueue

SESSION_CLAIMS_KEY = "cv_claim_tokens"
UPLOAD_MULTIPLE_MAX_FILES = 10


class GateRefused(ApplicationError):
    """The file does not read like a CV (HTTP 400 with score, reason and suggestion)."""

    code = "not_a_resume"

    def __init__(self, gate):
        super().__init__(
            gate.reason or "This file does not look like a CV.",
            score=gate.score,
            reason=gate.reason,
            suggestion=gate.suggestion,
        )
        self.gate = gate


@dataclass
class UploadOutcome:
    name: str
    job: ExtractionJob | None = None
    error: ApplicationError | None = None


def _read(file) -> bytes:
    """The upload's bytes; a file already known to be over the limit is refused before it is read."""
    if getattr(file, "size", None) is not None:
        check_size(file.size)
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read()
    return data if isinstance(data, bytes) else data.encode()


def upload_gate(upload: ValidatedUpload):
    """Gate on the file's text now. None when the text is unknown until OCR (images, scanned PDFs)."""
    from cvs.extraction.gate import resume_gate_score
    from cvs.extraction.text import extract_text, quick_text

    if upload.is_image:
        return None
    if upload.file_type == "pdf":
        text = upload.text if upload.text is not None else quick_text(upload.data, upload.file_type)
        if not text.strip():
            return None  # no text layer: a scan, gated after OCR in the extraction task
    else:
        text = extract_text(upload.data, upload.file_type).text  # fast for these types; raises a clear 415/422
    gate = resume_gate_score(text)
    if not gate.passed:
        raise GateRefused(gate)
    return gate


def queue_extraction(job: ExtractionJob, *, use_cache: bool = True) -> None:
    from cvs.tasks import cv_extract_task

    job_id = str(job.id)
    detail = (f"Your CV is saved (job {job_id}), but extraction could not be queued: the job queue is "
              "unavailable. Please start it again in a few minutes.")
    transaction.on_commit(lambda: task_enqueue(cv_extract_task, job_id, use_cache=use_cache, detail=detail))


@transaction.atomic
def cv_upload_create(*, file, user=None, session=None) -> ExtractionJob:
    """Validate, gate and store one CV file.

    Authenticated: the job is queued for extraction. Anonymous: gate only; the job waits for
    its claim, and the claim token is kept in `session` (also returned on `job.claim_token`).
    """
    maintenance_guard()
    upload = validate_upload(name=getattr(file, "name", "") or "", data=_read(file))
    gate = upload_gate(upload)
    anonymous = user is None or not user.is_authenticated
    job = ExtractionJob(
        owner=None if anonymous else user,
        original_name=upload.name,
        file_type=upload.file_type,
        size=len(upload.data),
        sha256=hashlib.sha256(upload.data).hexdigest(),
        status=ExtractionJob.Status.UPLOADED if anonymous else ExtractionJob.Status.QUEUED,
        gate_score=gate.score if gate else None,
        gate_reason=(gate.reason or "")[:500] if gate else "",
    )
    token = None
    if anonymous:
        token = secrets.token_urlsafe(32)
        job.claim_token_hash = claim_token_hash(token)
    job.claim_token = token
    job.file.save(f"upload.{upload.file_type}", ContentFile(upload.data), save=False)
    try:
        # The owner is the request's user and the id a fresh UUID4: checking either again would
        # only cost queries on the upload's hot path.
        job.full_clean(exclude=["owner"], validate_unique=False)
        job.save()
        if anonymous and session is not None:
            session[SESSION_CLAIMS_KEY] = {**(session.get(SESSION_CLAIMS_KEY) or {}), str(job.id): token}
        message = "File received and checked" + (f" (Resume Gate score {gate.score})" if gate else "")
        progress_event_record(stream=job.stream, type="step", step="validate", percent=5, message=message,
                              data={"gate_score": job.gate_score, "file_type": job.file_type})
    except Exception:
        job.file.storage.delete(job.file.name)  # the transaction rolls back: leave no orphan file
        raise
    if not anonymous:
        queue_extraction(job)
    return job


def cv_upload_create_many(*, files: list, user, session=None) -> list[UploadOutcome]:
    """One job per file; a bad file is reported on its own and does not stop the others."""
    if not files:
        raise ApplicationError("Attach at least one file as `files`.", code="no_files")
    if len(files) > UPLOAD_MULTIPLE_MAX_FILES:
        raise ApplicationError(f"Upload at most {UPLOAD_MULTIPLE_MAX_FILES} files at once.", code="too_many_files",
                               status_code=status.HTTP_400_BAD_REQUEST)
    maintenance_guard()
    outcomes = []
    for file in files:
        name = getattr(file, "name", "") or ""
        try:
            outcomes.append(UploadOutcome(name=name, job=cv_upload_create(file=file, user=user, session=session)))
        except ApplicationError as exc:
            outcomes.append(UploadOutcome(name=name, error=exc))
    return outcomes


def session_claim_token(session, job_id) -> str | None:
    if session is None:
        return None
    return (session.get(SESSION_CLAIMS_KEY) or {}).get(str(job_id))


@transaction.atomic
def cv_claim(*, user, job_id, claim_token: str | None = None, session=None) -> ExtractionJob:
    """Give an anonymous upload to the now-signed-in `user` and start its extraction.

    Ownership is proven by the claim token (from the body, or kept in the session at upload).
    Claiming a job the user already owns is a no-op; anyone else's job is NotFound.
    """
    token = claim_token or session_claim_token(session, job_id)
    job = get_cv_for_user(user=user, job_id=job_id, claim_token=token)
    job = ExtractionJob.objects.select_for_update().get(pk=job.pk)
    if job.owner_id == user.pk:
        return job
    if job.owner_id is not None:  # claimed by someone else between the read and the lock
        raise NotFound(NOT_FOUND_MESSAGE)
    maintenance_guard()
    job.owner = user
    job.claim_token_hash = ""
    job.status = ExtractionJob.Status.QUEUED
    job.error = ""
    job.save(update_fields=["owner", "claim_token_hash", "status", "error", "updated_at"])
    if session is not None and SESSION_CLAIMS_KEY in session:
        claims = dict(session[SESSION_CLAIMS_KEY])
        claims.pop(str(job.id), None)
        session[SESSION_CLAIMS_KEY] = claims
    progress_event_record(stream=job.stream, type="step", step="claim", percent=8,
                          message="CV linked to your account; extraction queued")
    queue_extraction(job)
    return job


@transaction.atomic
def cv_extraction_start(*, job: ExtractionJob, force: bool = False) -> ExtractionJob:
    """(Re)start extraction of an owned job: after upload, after a failure, or forced again."""
    maintenance_guard()
    job = ExtractionJob.objects.select_for_update().get(pk=job.pk)
    if job.owner_id is None:
        raise Conflict("Sign in and claim this CV before extracting it.", code="not_claimed")
    if job.status in (ExtractionJob.Status.QUEUED, ExtractionJob.Status.PROCESSING):
        return job  # already on its way: starting twice would only duplicate the work
    if job.status == ExtractionJob.Status.DONE and not force:
        raise Conflict("This CV is already extracted. Send force=true to read it again.", code="already_extracted")
    job.status = ExtractionJob.Status.QUEUED
    job.error = ""
    job.attempts = 0
    job.finished_at = None
    job.updated_at = timezone.now()
    job.save(update_fields=["status", "error", "attempts", "finished_at", "updated_at"])
    progress_event_record(stream=job.stream, type="step", step="queued", percent=8, message="Extraction queued")
    queue_extraction(job, use_cache=not force)
    return job
