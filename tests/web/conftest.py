"""Fixtures for the page tests: a real sample CV and CVs read through the real pipeline."""
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / ".." / "shared" / "samples" / "real-pdfs"
SAMPLE_CV = SAMPLES / "bjherger_john_smith.pdf"


@pytest.fixture
def sample_pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile(SAMPLE_CV.name, SAMPLE_CV.read_bytes(), content_type="application/pdf")


@pytest.fixture
def not_a_cv() -> SimpleUploadedFile:
    text = b"Shopping list\nmilk\neggs\nbread\nremember to call the plumber on tuesday\n"
    return SimpleUploadedFile("shopping.txt", text, content_type="text/plain")


@pytest.fixture
def extracted_cv(alice, sample_pdf, django_capture_on_commit_callbacks):
    """Alice's CV, uploaded and extracted by the real services (the task runs in-process)."""
    from cvs.services import cv_upload_create

    with django_capture_on_commit_callbacks(execute=True):
        job = cv_upload_create(file=sample_pdf, user=alice)
    job.refresh_from_db()
    assert job.status == "done", job.error
    return job
