"""Bad files get a clear error with the right status, and nothing is stored."""
import io
import zipfile

import pytest
from django.urls import reverse

from cvs.models import ExtractionJob
from tests.cvs import files


def _zip(entries: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _ole(*stream_names: str) -> bytes:
    """Bytes with the OLE2 signature and directory names in UTF-16 (how .doc and encrypted .docx start)."""
    names = b"".join(name.encode("utf-16-le") + b"\x00\x00" for name in stream_names)
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + names + b"\x00" * 1024


CASES = [
    ("cv.exe", b"MZ\x90\x00" + b"\x00" * 100, 415, "unsupported"),
    ("cv.html", b"<html><body>Maria Jensen</body></html>", 415, "unsupported"),
    ("noextension", files.make_pdf(), 415, "unsupported"),
    ("cv.pdf", files.make_image("PNG", files.CV_LINES[:2]), 415, "mislabelled"),
    ("cv.docx", files.make_pdf(), 415, "mislabelled"),
    ("cv.txt", files.make_pdf(), 415, "mislabelled"),
    ("cv.pdf", files.make_txt(), 415, "mislabelled"),
    ("cv.docx", _zip({"readme.txt": "not a document"}), 415, "mislabelled"),
    ("cv.pdf", b"", 422, "empty"),
    ("cv.txt", b"   \n\n  ", 422, "empty"),
    ("cv.pdf", b"%PDF-1.4\n1 0 obj garbage that is not a pdf\n%%EOF", 422, "corrupt"),
    ("cv.pdf", bytes(range(256)) * 8, 422, "corrupt"),
    ("cv.docx", b"PK\x03\x04" + b"\x13" * 200, 422, "corrupt"),
    ("cv.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, 422, "corrupt"),
    ("cv.docx", _ole("Root Entry", "EncryptionInfo", "EncryptedPackage"), 422, "encrypted"),
    ("cv.doc", _ole("Root Entry", "WordDocument", "1Table"), None, None),
]


@pytest.mark.parametrize(("name", "data", "status", "code"), CASES)
def test_it_refuses_bad_files_clearly_and_stores_nothing(alice_client, upload, settings, name, data, status, code):
    response = upload(alice_client, name=name, data=data)

    body = response.json()
    if name == "cv.doc":  # needs a converter (antiword); without one, a clear 415 or 422 saying what to do
        assert response.status_code in (415, 422) and ("PDF or DOCX" in body["detail"] or "damaged" in body["detail"])
    else:
        assert (response.status_code, body["error"]) == (status, code), body
    assert body["detail"]
    assert ExtractionJob.objects.count() == 0
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_an_encrypted_pdf_is_refused_with_422(alice_client, upload):
    response = upload(alice_client, name="locked.pdf", data=files.make_encrypted_pdf())

    assert response.status_code == 422
    assert response.json()["error"] == "encrypted" and "password" in response.json()["detail"]


def test_a_file_over_10_mb_is_refused_with_413(alice_client, upload, settings):
    data = files.make_pdf() + b"%" + b"0" * settings.UPLOAD_MAX_BYTES

    response = upload(alice_client, name="big.pdf", data=data)

    assert response.status_code == 413
    assert response.json()["error"] == "too_large" and "10 MB" in response.json()["detail"]


def test_a_file_that_is_not_a_cv_is_refused_by_the_gate_with_its_score(alice_client, upload):
    response = upload(alice_client, name="invoice.txt", data=files.INVOICE_TEXT.encode() * 3)

    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "not_a_resume"
    assert body["score"] < 60 and body["reason"] and body["suggestion"]
    assert ExtractionJob.objects.count() == 0


def test_a_request_without_a_file_is_a_400(alice_client):
    response = alice_client.post(reverse("cv-upload"), {}, format="multipart")

    assert response.status_code == 400 and response.json()["error"] == "validation_error"


def test_a_dangerous_original_name_is_kept_only_as_a_plain_name(alice_client, upload):
    response = upload(alice_client, name="../../etc/passwd.pdf")

    assert response.status_code == 201
    job = ExtractionJob.objects.get(pk=response.json()["job_id"])
    assert job.original_name == "passwd.pdf"
    assert ".." not in job.file.name and job.file.name.startswith("uploads/")


def test_uploads_are_paused_in_maintenance(alice_client, upload, settings):
    settings.MAINTENANCE_MODE = True

    response = upload(alice_client)

    assert response.status_code == 503 and response.json()["error"] == "maintenance"
    assert ExtractionJob.objects.count() == 0

