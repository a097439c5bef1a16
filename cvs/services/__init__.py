"""CV services: everything that writes. Split by concern; import from here."""
from cvs.services.cleanup import CleanupReport, cache_clear, cv_cleanup
from cvs.services.editing import InvalidCV, cv_data_update, cv_document_clean, cv_json_resume_import, cv_version_restore
from cvs.services.extraction import (
    Extraction,
    cache_lookup,
    cache_store,
    cv_document_extract,
    cv_extraction_run,
    cv_stale_jobs_fail,
)
from cvs.services.uploads import (
    SESSION_CLAIMS_KEY,
    UPLOAD_MULTIPLE_MAX_FILES,
    GateRefused,
    UploadOutcome,
    cv_claim,
    cv_extraction_start,
    cv_upload_create,
    cv_upload_create_many,
    session_claim_token,
)

__all__ = [
    "SESSION_CLAIMS_KEY",
    "UPLOAD_MULTIPLE_MAX_FILES",
    "CleanupReport",
    "Extraction",
    "GateRefused",
    "InvalidCV",
    "UploadOutcome",
    "cache_clear",
    "cache_lookup",
    "cache_store",
    "cv_claim",
    "cv_cleanup",
    "cv_data_update",
    "cv_document_clean",
    "cv_document_extract",
    "cv_extraction_run",
    "cv_extraction_start",
    "cv_json_resume_import",
    "cv_stale_jobs_fail",
    "cv_upload_create",
    "cv_upload_create_many",
    "cv_version_restore",
    "session_claim_token",
]
