import time

import pytest
from django.urls import reverse

from cvs.models import ExtractionJob
from monitoring.models import ProgressEvent
from tests.cvs import files
from tests.cvs.conftest import file_upload

TYPES = [
    ("cv.pdf", files.make_pdf, "pdf"),
    ("cv.docx", files.make_docx, "docx"),
    ("cv.txt", files.make_txt, "txt"),
    ("cv.rtf", files.make_rtf, "rtf"),
]


@pytest.mark.parametrize(("name", "make", "file_type"), TYPES)
def test_it_extracts_every_text_type_end_to_end(alice, alice_client, upload, name, make, file_type):
    response = upload(alice_client, name=name, data=make())

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "queued" and body["file_type"] == file_type and body["gate_score"] >= 60
    job = ExtractionJob.objects.get(pk=body["job_id"])
    assert job.owner == alice and job.status == ExtractionJob.Status.DONE, job.error
    assert job.cv_data["hero"]["fullName"] == "Maria Jensen"
    assert job.cv_data["contact"]["email"] == "maria.jensen@example.com"
    assert job.extractor == "offline" and 0 < job.confidence <= 1
    assert job.original_name == name and not job.file.name.endswith(name)  # stored under a random name
    assert job.versions.count() == 1


@pytest.mark.parametrize(("name", "fmt", "file_type"), [("scan.png", "PNG", "png"), ("photo.jpg", "JPEG", "jpg")])
def test_it_reads_image_cvs_with_ocr_and_gates_them_after_ocr(alice_client, upload, name, fmt, file_type):
    response = upload(alice_client, name=name, data=files.make_image(fmt))

    assert response.status_code == 201, response.json()
    assert response.json()["gate_score"] is None  # unknown until OCR
    job = ExtractionJob.objects.get(pk=response.json()["job_id"])
    assert job.status == ExtractionJob.Status.DONE, job.error
    assert job.file_type == file_type and job.stats["ocr_used"] is True
    assert job.gate_score >= 60
    assert "maria.jensen@example.com" in (job.cv_data["contact"]["email"] or "")


def test_an_image_that_is_not_a_cv_fails_after_ocr_with_the_gate_reason(alice_client, upload):
    lines = [(line, 10, False) for line in files.INVOICE_TEXT.splitlines()[:6]]
    response = upload(alice_client, name="invoice.webp", data=files.make_image("WEBP", lines))

    job = ExtractionJob.objects.get(pk=response.json()["job_id"])
    assert job.status == ExtractionJob.Status.FAILED
    assert "does not look like a CV" in job.error and job.gate_score < 60
    assert job.cv_data is None


def test_the_upload_answers_before_extraction_and_records_progress(alice_client, django_capture_on_commit_callbacks):
    data = files.make_pdf()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        started = time.perf_counter()
        response = alice_client.post(reverse("cv-upload"), {"file": _file("cv.pdf", data)}, format="multipart")
        elapsed = time.perf_counter() - started
    assert response.status_code == 201
    assert elapsed < 1.0  # validation + gate only; extraction waits for the worker
    job = ExtractionJob.objects.get(pk=response.json()["job_id"])
    assert job.status == ExtractionJob.Status.QUEUED and job.cv_data is None
    assert len(callbacks) >= 1  # the extraction task is queued after commit
    for callback in callbacks:
        callback()
    job.refresh_from_db()
    assert job.status == ExtractionJob.Status.DONE
    events = list(ProgressEvent.objects.filter(stream=job.stream).order_by("seq"))
    steps = [e.step for e in events]
    assert steps[:2] == ["validate", "start"] and steps[-1] == "done"
    assert steps[2:-1] == ["text", "gate", "sections", "grounding", "save"]
    percents = [e.percent for e in events if e.percent is not None]
    assert percents == sorted(percents) and percents[-1] == 100
    assert events[-1].type == "complete"


def test_it_requires_sign_in(anon_client, upload):
    assert upload(anon_client).status_code in (401, 403)


def _file(name, data):
    from tests.cvs.conftest import file_upload

    return file_upload(name, data)


def test_a_pdf_upload_is_opened_once_for_validation_and_gate(alice_client, monkeypatch):
    """The pages are loaded to check the file, and their text is read on the way for the gate."""
    import pypdfium2

    opened = []
    original = pypdfium2.PdfDocument.__init__

    def counting(self, *args, **kwargs):
        opened.append(1)
        original(self, *args, **kwargs)

    monkeypatch.setattr(pypdfium2.PdfDocument, "__init__", counting)
    response = alice_client.post(reverse("cv-upload"), {"file": file_upload("cv.pdf", files.make_pdf())},
                                 format="multipart")  # extraction is queued after commit, not run here

    assert response.status_code == 201, response.json()
    assert response.json()["gate_score"] >= 60
    assert len(opened) == 1
