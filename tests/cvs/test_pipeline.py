"""The extraction task: failures a person understands, redelivery after a crash, the stale-job sweeper."""
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.utils import timezone

from cvs import tasks
from cvs.models import ExtractionJob
from cvs.services.extraction import MAX_ATTEMPTS
from monitoring.models import ProgressEvent


def _queued_job(alice_client, django_capture_on_commit_callbacks, upload_route="cv-upload"):
    from django.urls import reverse

    from tests.cvs import files
    from tests.cvs.conftest import file_upload

    with django_capture_on_commit_callbacks(execute=False):
        response = alice_client.post(reverse(upload_route), {"file": file_upload("cv.pdf", files.make_pdf())},
                                     format="multipart")
    return ExtractionJob.objects.get(pk=response.json()["job_id"])


def test_the_task_is_acknowledged_late_and_rejected_when_the_worker_dies():
    assert tasks.cv_extract_task.acks_late is True
    assert tasks.cv_extract_task.reject_on_worker_lost is True
    assert django_settings.CELERY_TASK_ACKS_LATE and django_settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1
    schedule = django_settings.CELERY_BEAT_SCHEDULE["cvs-stale-jobs-sweep"]
    assert schedule["task"] == tasks.cv_stale_jobs_sweep_task.name


def test_a_job_left_processing_by_a_crashed_worker_is_finished_on_redelivery(alice_client,
                                                                            django_capture_on_commit_callbacks):
    job = _queued_job(alice_client, django_capture_on_commit_callbacks)
    ExtractionJob.objects.filter(pk=job.pk).update(status=ExtractionJob.Status.PROCESSING, attempts=1)

    tasks.cv_extract_task.delay(str(job.id))  # the broker hands the unacknowledged message out again

    job.refresh_from_db()
    assert job.status == ExtractionJob.Status.DONE and job.attempts == 2
    assert ProgressEvent.objects.filter(stream=job.stream, message__contains="attempt 2").exists()


def test_a_job_that_keeps_crashing_workers_fails_after_the_last_attempt(alice_client,
                                                                        django_capture_on_commit_callbacks):
    job = _queued_job(alice_client, django_capture_on_commit_callbacks)
    ExtractionJob.objects.filter(pk=job.pk).update(status=ExtractionJob.Status.PROCESSING, attempts=MAX_ATTEMPTS)

    tasks.cv_extract_task.delay(str(job.id))

    job.refresh_from_db()
    assert job.status == ExtractionJob.Status.FAILED
    assert "interrupted attempts" in job.error and "try again" in job.error


def test_a_redelivered_message_for_a_finished_job_changes_nothing(done_job):
    tasks.cv_extract_task.delay(str(done_job.id))

    done_job.refresh_from_db()
    assert done_job.status == ExtractionJob.Status.DONE and done_job.attempts == 1 and done_job.versions.count() == 1


def test_the_sweeper_fails_stale_jobs_with_a_reason_and_leaves_fresh_ones(alice_client,
                                                                          django_capture_on_commit_callbacks):
    stuck = _queued_job(alice_client, django_capture_on_commit_callbacks)
    never_started = _queued_job(alice_client, django_capture_on_commit_callbacks)
    fresh = _queued_job(alice_client, django_capture_on_commit_callbacks)
    old = timezone.now() - timedelta(seconds=django_settings.EXTRACTION_STALE_AFTER_SECONDS + 5)
    ExtractionJob.objects.filter(pk=stuck.pk).update(status=ExtractionJob.Status.PROCESSING, updated_at=old)
    ExtractionJob.objects.filter(pk=never_started.pk).update(updated_at=old)
    ExtractionJob.objects.filter(pk=fresh.pk).update(status=ExtractionJob.Status.PROCESSING)

    swept = tasks.cv_stale_jobs_sweep_task.delay().get()

    assert swept == 2
    stuck.refresh_from_db()
    never_started.refresh_from_db()
    fresh.refresh_from_db()
    assert stuck.status == never_started.status == ExtractionJob.Status.FAILED
    assert "stopped responding" in stuck.error and "no worker picked it up" in never_started.error
    assert fresh.status == ExtractionJob.Status.PROCESSING
    last = ProgressEvent.objects.filter(stream=stuck.stream).order_by("-seq").first()
    assert last.type == "error" and last.data["code"] == "stale"


def test_a_file_that_cannot_be_read_fails_with_the_readers_message(alice_client, django_capture_on_commit_callbacks):
    job = _queued_job(alice_client, django_capture_on_commit_callbacks)
    job.file.save("broken.pdf", ContentFile(b"%PDF-1.4 this is not really a pdf"), save=True)

    tasks.cv_extract_task.delay(str(job.id))

    job.refresh_from_db()
    assert job.status == ExtractionJob.Status.FAILED
    assert "damaged" in job.error and job.finished_at is not None
    assert ProgressEvent.objects.filter(stream=job.stream, type="error").count() == 1


def test_an_unexpected_error_fails_the_job_with_words_not_a_traceback(alice_client, django_capture_on_commit_callbacks,
                                                                      monkeypatch):
    import cvs.extraction.sections

    def explode(doc):
        raise KeyError("internal detail")

    monkeypatch.setattr(cvs.extraction.sections, "extract_sections", explode)
    job = _queued_job(alice_client, django_capture_on_commit_callbacks)

    tasks.cv_extract_task.delay(str(job.id))

    job.refresh_from_db()
    assert job.status == ExtractionJob.Status.FAILED
    assert job.error.startswith("Something went wrong while reading this CV") and "KeyError" not in job.error


def test_a_missing_file_fails_clearly(alice_client, django_capture_on_commit_callbacks):
    job = _queued_job(alice_client, django_capture_on_commit_callbacks)
    job.file.storage.delete(job.file.name)

    tasks.cv_extract_task.delay(str(job.id))

    job.refresh_from_db()
    assert job.status == ExtractionJob.Status.FAILED and "upload it again" in job.error


@pytest.mark.parametrize("status", ["uploaded", "done", "failed"])
def test_the_task_does_nothing_for_jobs_that_are_not_queued(alice_client, django_capture_on_commit_callbacks, status):
    job = _queued_job(alice_client, django_capture_on_commit_callbacks)
    ExtractionJob.objects.filter(pk=job.pk).update(status=status)

    tasks.cv_extract_task.delay(str(job.id))

    job.refresh_from_db()
    assert job.status == status and job.attempts == 0
