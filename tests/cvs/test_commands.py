import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from cvs.models import ExtractionCache, ExtractionJob
from tests.cvs import files


def _run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_extract_cv_prints_the_cv_as_json(tmp_path):
    path = tmp_path / "maria.pdf"
    path.write_bytes(files.make_pdf())

    cv = json.loads(_run("extract_cv", str(path)))
    full = json.loads(_run("extract_cv", str(path), "--full"))

    assert cv["hero"]["fullName"] == "Maria Jensen"
    assert full["cv"] == cv and full["extractor"] == "offline" and full["stats"]["timings_ms"]["total"] > 0


def test_extract_cv_explains_bad_files(tmp_path):
    invoice = tmp_path / "invoice.txt"
    invoice.write_bytes(files.INVOICE_TEXT.encode() * 3)
    fake = tmp_path / "fake.pdf"
    fake.write_bytes(b"hello")

    with pytest.raises(CommandError, match="Not a CV"):
        _run("extract_cv", str(invoice))
    with pytest.raises(CommandError, match="mislabelled|corrupt"):
        _run("extract_cv", str(fake))
    with pytest.raises(CommandError, match="No such file"):
        _run("extract_cv", str(tmp_path / "missing.pdf"))


def test_clear_cv_cache_with_age_and_dry_run(done_job):
    ExtractionCache.objects.create(sha256="a" * 64, cv_data={}, confidence=0.9, extractor="offline")
    ExtractionCache.objects.filter(sha256=done_job.sha256).update(created_at=timezone.now() - timedelta(days=40))

    assert _run("clear_cv_cache", "--older-than", "30", "--dry-run").startswith("Would delete 1 cache entry")
    assert ExtractionCache.objects.count() == 2
    assert _run("clear_cv_cache", "--older-than", "30").startswith("Deleted 1 cache entry")
    assert _run("clear_cv_cache").startswith("Deleted 1 cache entry")
    assert not ExtractionCache.objects.exists()


def test_reextract_one_job_and_all_failed(done_job, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert "Queued 1 job" in _run("reextract", str(done_job.id))
    done_job.refresh_from_db()
    assert done_job.status == ExtractionJob.Status.DONE and done_job.versions.count() == 2

    ExtractionJob.objects.filter(pk=done_job.pk).update(status=ExtractionJob.Status.FAILED)
    with django_capture_on_commit_callbacks(execute=True):
        assert "Queued 1 job" in _run("reextract", "--all-failed")
    done_job.refresh_from_db()
    assert done_job.status == ExtractionJob.Status.DONE

    with pytest.raises(CommandError):
        _run("reextract", "not-a-uuid")
    with pytest.raises(CommandError):
        _run("reextract")


def test_list_user_cvs(done_job):
    out = _run("list_user_cvs", "ALICE@example.com")

    assert str(done_job.id) in out and "done" in out and "cv.pdf" in out
    with pytest.raises(CommandError):
        _run("list_user_cvs", "nobody@example.com")
