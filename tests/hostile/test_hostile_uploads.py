"""Hostile files through the real upload route, extraction included (eager Celery).

Every file gets a clear answer quickly: refused at upload with {error, detail} and the
right status, or accepted and then ended `failed` with a reason a person understands.
Nothing answers 500, nothing hangs, no job stays queued or processing.
"""
import time
from functools import cache

import pytest
from django.urls import reverse

from cvs.models import ExtractionJob
from tests.hostile import corpus

TIME_BOX_SECONDS = 25


@cache
def _bytes(factory) -> bytes:
    return factory()


def upload(client, django_capture_on_commit_callbacks, name: str, data: bytes):
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        resp = client.post(reverse("cv-upload"), {"file": _named(name, data)}, format="multipart")
    elapsed = time.monotonic() - started
    assert resp.status_code != 500, resp.content[:500]
    assert elapsed < TIME_BOX_SECONDS, f"{name} took {elapsed:.1f} s"
    job = None
    if resp.status_code == 201:
        job = ExtractionJob.objects.get(pk=resp.json()["job_id"])
        assert job.status in (ExtractionJob.Status.DONE, ExtractionJob.Status.FAILED), "never left stuck"
    else:
        body = resp.json()
        assert set(body) >= {"error", "detail"} and body["detail"], body
    return resp, job


def _named(name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def refused_or_failed(resp, job, *, statuses: set[int], codes: set[str], words: tuple[str, ...]):
    """Either refused at upload with one of `statuses`/`codes`, or the job failed saying one of `words`."""
    if job is None:
        assert resp.status_code in statuses, (resp.status_code, resp.json())
        assert resp.json()["error"] in codes, resp.json()
        message = resp.json()["detail"]
    else:
        assert job.status == ExtractionJob.Status.FAILED, (job.status, job.error)
        message = job.error
    assert any(w in message.lower() for w in words), message


@pytest.fixture
def post(alice_client, django_capture_on_commit_callbacks):
    return lambda name, data: upload(alice_client, django_capture_on_commit_callbacks, name, data)


def test_a_valid_cv_is_accepted_and_extracted(post):
    resp, job = post("cv.pdf", corpus.text_pdf())
    assert resp.status_code == 201
    assert job.status == ExtractionJob.Status.DONE
    assert job.cv_data["hero"]["fullName"] == "Jane Hostile"


def test_zero_byte_file_is_refused_as_empty(post):
    resp, job = post("cv.pdf", b"")
    assert job is None and resp.status_code == 422 and resp.json()["error"] == "empty"


def test_whitespace_only_file_is_refused_as_empty(post):
    resp, job = post("cv.txt", b"   \n\t \n")
    assert job is None and resp.status_code == 422 and resp.json()["error"] == "empty"


def test_file_over_the_size_limit_is_refused_with_413(post, settings):
    settings.UPLOAD_MAX_BYTES = 64 * 1024
    resp, job = post("cv.pdf", corpus.text_pdf() + b"%" * (65 * 1024))
    assert job is None and resp.status_code == 413


def test_executable_named_pdf_is_refused(post):
    resp, job = post("cv.pdf", corpus.exe_as_pdf())
    assert job is None and resp.status_code in (415, 422)


def test_html_named_pdf_is_refused_by_content_sniffing(post):
    resp, job = post("cv.pdf", corpus.html_as_pdf())
    assert job is None and resp.status_code == 415 and resp.json()["error"] == "mislabelled"


def test_docx_named_pdf_is_refused_as_mislabelled(post):
    resp, job = post("cv.pdf", corpus.docx())
    assert job is None and resp.status_code == 415


def test_pdf_named_docx_is_refused_as_mislabelled(post):
    resp, job = post("cv.docx", corpus.text_pdf())
    assert job is None and resp.status_code == 415


def test_unsupported_extension_is_refused_with_415(post):
    resp, job = post("cv.exe", corpus.text_pdf())
    assert job is None and resp.status_code == 415 and resp.json()["error"] == "unsupported"


def test_docx_zip_bomb_is_refused_before_it_is_inflated(post):
    resp, job = post("cv.docx", _bytes(corpus.docx_zip_bomb))
    refused_or_failed(resp, job, statuses={413, 422}, codes={"too_large"}, words=("far more data", "too large"))


def test_docx_bomb_under_the_container_limit_is_stopped_by_the_reader(post):
    resp, job = post("cv.docx", corpus.docx_zip_bomb(megabytes=120))
    refused_or_failed(resp, job, statuses={400, 413, 422}, codes={"too_large", "not_a_resume"},
                      words=("far more data", "too large", "cv"))


def test_xml_entity_expansion_in_docx_does_not_explode(post):
    resp, job = post("cv.docx", corpus.docx_billion_laughs())
    refused_or_failed(resp, job, statuses={400, 422}, codes={"corrupt", "too_large", "not_a_resume", "empty"},
                      words=("damaged", "cv", "resume", "too", "no text", "empty"))


def test_pdf_page_count_bomb_is_refused_quickly(post):
    resp, job = post("cv.pdf", _bytes(corpus.pdf_many_pages))
    refused_or_failed(resp, job, statuses={400, 413, 422}, codes={"too_large", "not_a_resume"},
                      words=("pages", "too large", "cv"))



def test_encrypted_pdf_says_it_is_password_protected(post):
    resp, job = post("cv.pdf", corpus.pdf_encrypted())
    refused_or_failed(resp, job, statuses={422}, codes={"encrypted"}, words=("password",))


def test_truncated_pdf_is_refused_or_fails_as_damaged(post):
    resp, job = post("cv.pdf", corpus.pdf_truncated())
    assert resp.status_code in (201, 400, 422)
    if job is not None:
        assert job.status in (ExtractionJob.Status.DONE, ExtractionJob.Status.FAILED)


def test_garbage_behind_a_pdf_header_is_refused_or_fails_as_damaged(post):
    resp, job = post("cv.pdf", corpus.pdf_garbage_after_header())
    refused_or_failed(resp, job, statuses={400, 422}, codes={"corrupt", "not_a_resume", "empty"},
                      words=("damaged", "cv", "no readable text", "no text"))



def test_blank_image_is_accepted_then_fails_saying_no_cv_text(post):
    resp, job = post("cv.png", corpus.png_blank())
    refused_or_failed(resp, job, statuses={400, 422}, codes={"not_a_resume", "empty"},
                      words=("no text", "cv", "resume", "empty", "scan"))


def test_pdf_with_html_payload_is_stored_as_pdf_only(post):
    resp, job = post("cv.pdf", corpus.pdf_html_polyglot())
    assert resp.status_code == 201 and job.file_type == "pdf"
    assert job.status == ExtractionJob.Status.DONE
    assert "<script>" not in str(job.cv_data)


def test_pdf_with_appended_zip_is_read_as_a_pdf(post):
    resp, job = post("cv.pdf", corpus.zip_polyglot_pdf())
    assert resp.status_code == 201 and job.file_type == "pdf"
    assert job.status == ExtractionJob.Status.DONE
