"""Editing a CV document: schema-validated updates, version history and undo, JSON Resume import."""
from __future__ import annotations

from django.db import transaction
from pydantic import ValidationError
from rest_framework import status

from cvs.extraction.schema import cv_document_dump, cv_document_validate
from cvs.models import ExtractionJob
from cvs.selectors import cv_version_get
from cvs.services.extraction import portfolios_rebuild_on_commit, version_create
from resume2website.errors import ApplicationError, Conflict

EDITABLE = (ExtractionJob.Status.DONE, ExtractionJob.Status.FAILED)


class InvalidCV(ApplicationError):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    code = "invalid_cv"


def pydantic_field_errors(exc: ValidationError) -> list[dict]:
    return [
        {"field": ".".join(str(part) for part in error["loc"]) or "(document)", "message": error["msg"]}
        for error in exc.errors(include_url=False)
    ]


def cv_document_clean(data) -> dict:
    """Validate untrusted input against the CV schema; the canonical dict or InvalidCV with field errors."""
    if not isinstance(data, dict):
        raise ApplicationError("The CV document must be a JSON object.", code="invalid_cv")
    try:
        return cv_document_dump(cv_document_validate(data))
    except ValidationError as exc:
        errors = pydantic_field_errors(exc)
        summary = "; ".join(f"{e['field']}: {e['message']}" for e in errors[:5])
        raise InvalidCV(f"The CV document is not valid: {summary}", fields=errors) from exc


@transaction.atomic
def cv_data_update(*, job: ExtractionJob, data: dict, user, source: str = "edit",
                   base_version: int | None = None) -> ExtractionJob:
    """Replace the CV document after validating it, keep the new state as a version, rebuild portfolios.

    `base_version`, when given, is the version the editor started from: if someone saved in
    between, the update is refused with 409 instead of silently overwriting their edit.
    """
    clean = cv_document_clean(data)
    job = ExtractionJob.objects.select_for_update().get(pk=job.pk)
    if job.status not in EDITABLE:
        raise Conflict("This CV is still being extracted; edit it once extraction has finished.",
                       code="extraction_running")
    current = job.version or 0
    if base_version is not None and base_version != current:
        raise Conflict(f"This CV changed since version {base_version} (now version {current}). "
                       f"Reload it and apply your edit again.", code="version_conflict", current_version=current)
    job.cv_data = clean
    if job.status == ExtractionJob.Status.FAILED:
        job.status = ExtractionJob.Status.DONE
        job.extractor = "manual"
        job.error = ""
    job.save(update_fields=["cv_data", "status", "extractor", "error", "updated_at"])
    version_create(job=job, data=clean, source=source, user=user)
    portfolios_rebuild_on_commit(job)
    return job


def cv_version_restore(*, job: ExtractionJob, number: int, user) -> ExtractionJob:
    """Undo: the data of an earlier version becomes the current one (as a new version)."""
    version = cv_version_get(job=job, number=number)
    return cv_data_update(job=job, data=version.data, user=user, source=f"restore:{number}")


def cv_json_resume_import(*, job: ExtractionJob, data, user) -> ExtractionJob:
    from cvs.extraction.jsonresume import from_json_resume

    if not isinstance(data, dict):
        raise ApplicationError("A JSON Resume document must be a JSON object.", code="invalid_json_resume")
    try:
        cv = from_json_resume(data)
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise InvalidCV(f"This JSON Resume document could not be read: {exc}", code="invalid_json_resume") from exc
    return cv_data_update(job=job, data=cv, user=user, source="json-resume")
