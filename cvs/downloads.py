"""Files a user can download for one CV: the original, the extracted JSON, the JSON Resume, or all as a ZIP.

Only names from the fixed set below exist; a request names an artifact, never a path.
"""
from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from cvs.models import ExtractionJob
from cvs.validation import CONTENT_TYPES
from resume2website.errors import Conflict, NotFound

ORIGINAL = "original"
CV_JSON = "cv.json"
JSON_RESUME = "json-resume.json"
ARTIFACT_NAMES = (ORIGINAL, CV_JSON, JSON_RESUME)
_UNSAFE = re.compile(r"[^\w.\- ()]+", re.UNICODE)


@dataclass(frozen=True)
class Artifact:
    filename: str
    content_type: str
    content: bytes


def safe_filename(name: str, fallback: str) -> str:
    """The original name without any directory part or characters a file system or header dislikes."""
    base = _UNSAFE.sub("_", PurePath(name.replace("\\", "/")).name).strip(" ._")
    return base[:150] or fallback


def _stem(job: ExtractionJob) -> str:
    return PurePath(safe_filename(job.original_name, "cv")).stem or "cv"


def _json_bytes(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode()


def artifact_build(*, job: ExtractionJob, name: str) -> Artifact:
    if name == ORIGINAL:
        try:
            with job.file.open("rb") as handle:
                content = handle.read()
        except FileNotFoundError as exc:
            raise NotFound("The original file is no longer stored.") from exc
        return Artifact(safe_filename(job.original_name, f"cv.{job.file_type}"),
                        CONTENT_TYPES.get(job.file_type, "application/octet-stream"), content)
    if name not in (CV_JSON, JSON_RESUME):
        raise NotFound(f"No file named {name!r}. Available: {', '.join(ARTIFACT_NAMES)}.")
    if job.cv_data is None:
        raise Conflict("This CV has not been extracted yet.", code="not_extracted")
    if name == CV_JSON:
        return Artifact(f"{_stem(job)}.cv.json", "application/json", _json_bytes(job.cv_data))
    from cvs.extraction.jsonresume import to_json_resume

    return Artifact(f"{_stem(job)}.json-resume.json", "application/json", _json_bytes(to_json_resume(job.cv_data)))


def artifact_zip(*, job: ExtractionJob) -> Artifact:
    """Everything for one CV in a ZIP: the original, plus the extracted data once there is some."""
    names = [ORIGINAL] + ([CV_JSON, JSON_RESUME] if job.cv_data is not None else [])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            artifact = artifact_build(job=job, name=name)
            archive.writestr(artifact.filename, artifact.content)
    return Artifact(f"{_stem(job)}.zip", "application/zip", buffer.getvalue())
