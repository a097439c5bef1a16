"""Identical bytes reuse a confident extraction (30 days), counted as a cache hit."""
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from cvs.models import ExtractionCache, ExtractionJob


def _upload_job(client, upload) -> ExtractionJob:
    response = upload(client)
    assert response.status_code == 201
    return ExtractionJob.objects.get(pk=response.json()["job_id"])


def test_the_same_file_again_is_a_cache_hit_that_skips_extraction(alice_client, bob_client, upload, monkeypatch):
    first = _upload_job(alice_client, upload)
    assert first.from_cache is False and first.confidence >= 0.75
    entry = ExtractionCache.objects.get(sha256=first.sha256)
    assert entry.extractor == "offline" and entry.hits == 0

    import cvs.extraction.text

    def must_not_run(*args, **kwargs):
        raise AssertionError("a cache hit must not read the file again")

    monkeypatch.setattr(cvs.extraction.text, "extract_text", must_not_run)
    second = _upload_job(bob_client, upload)

    assert second.status == ExtractionJob.Status.DONE and second.from_cache is True
    assert second.cv_data == first.cv_data and second.owner.email == "bob@example.com"
    assert second.stats["cache_hit"] is True
    entry.refresh_from_db()
    assert entry.hits == 1 and entry.last_hit_at is not None


def test_results_below_the_confidence_floor_are_not_cached(alice_client, upload, settings):
    settings.EXTRACTION_CACHE_MIN_CONFIDENCE = 1.01

    job = _upload_job(alice_client, upload)

    assert job.status == ExtractionJob.Status.DONE
    assert not ExtractionCache.objects.exists()


def test_entries_older_than_the_cache_period_are_ignored_and_replaced(alice_client, upload, settings):
    first = _upload_job(alice_client, upload)
    ExtractionCache.objects.update(created_at=timezone.now() - timedelta(days=settings.EXTRACTION_CACHE_DAYS + 1))

    second = _upload_job(alice_client, upload)

    assert second.from_cache is False
    entry = ExtractionCache.objects.get(sha256=first.sha256)
    assert entry.created_at > timezone.now() - timedelta(minutes=5)


def test_forced_re_extraction_bypasses_the_cache(alice_client, upload, django_capture_on_commit_callbacks):
    job = _upload_job(alice_client, upload)

    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(reverse("cv-extract", args=[job.id]), {"force": True}, format="json")

    assert response.status_code == 202
    job.refresh_from_db()
    assert job.status == ExtractionJob.Status.DONE and job.from_cache is False and job.versions.count() == 2


def test_cache_hits_show_in_the_stats(alice_client, upload):
    _upload_job(alice_client, upload)
    _upload_job(alice_client, upload)

    stats = alice_client.get(reverse("extraction-stats")).json()

    assert stats["cache"] == {"hits": 1, "hit_rate": 0.5}
