from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from cvs.models import ExtractionCache, ExtractionJob


def _age(job, **delta):
    ExtractionJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(**delta),
                                                   updated_at=timezone.now() - timedelta(**delta))


def test_staff_cleanup_removes_what_nobody_can_use_and_keeps_users_cvs(staff_client, anon_client, upload, done_job):
    old_anon = ExtractionJob.objects.get(pk=upload(anon_client, route="cv-upload-anonymous").json()["job_id"])
    fresh_anon = ExtractionJob.objects.get(pk=upload(anon_client, route="cv-upload-anonymous").json()["job_id"])
    _age(old_anon, seconds=settings.SESSION_COOKIE_AGE + 60)
    failed = ExtractionJob.objects.get(pk=done_job.pk)
    old_file = old_anon.file.name
    ExtractionCache.objects.update(created_at=timezone.now() - timedelta(days=settings.EXTRACTION_CACHE_DAYS + 1))
    ExtractionJob.objects.filter(pk=failed.pk).update(status=ExtractionJob.Status.FAILED)
    _age(failed, days=31)

    dry = staff_client.delete(reverse("cv-cleanup") + "?dry_run=true")
    assert dry.status_code == 200
    assert dry.json() == {"anonymous_jobs": 1, "failed_jobs": 1, "files": 2, "cache_entries": 1, "dry_run": True}
    assert ExtractionJob.objects.count() == 3

    response = staff_client.delete(reverse("cv-cleanup"))

    assert response.json() == {"anonymous_jobs": 1, "failed_jobs": 1, "files": 2, "cache_entries": 1, "dry_run": False}
    assert list(ExtractionJob.objects.values_list("pk", flat=True)) == [fresh_anon.pk]
    assert not old_anon.file.storage.exists(old_file)
    assert not ExtractionCache.objects.exists()


def test_done_cvs_are_never_cleaned_up(staff_client, done_job):
    _age(done_job, days=400)

    response = staff_client.delete(reverse("cv-cleanup") + "?older_than_days=1")

    assert response.json()["failed_jobs"] == 0 and ExtractionJob.objects.filter(pk=done_job.pk).exists()


def test_cleanup_is_for_staff_only(alice_client, anon_client, db):
    assert alice_client.delete(reverse("cv-cleanup")).status_code == 403
    assert anon_client.delete(reverse("cv-cleanup")).status_code in (401, 403)


def test_cleanup_validates_its_parameters(staff_client, db):
    assert staff_client.delete(reverse("cv-cleanup") + "?older_than_days=0").status_code == 400
