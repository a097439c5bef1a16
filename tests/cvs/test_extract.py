"""POST extract/{job_id}: start, retry after failure, force, and the anonymous sign-up flow."""
from django.urls import reverse

from cvs.models import ExtractionJob


def _extract(client, job_id, django_capture_on_commit_callbacks, **body):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("cv-extract", args=[job_id]), body, format="json")


def test_a_failed_job_can_be_started_again(alice_client, done_job, django_capture_on_commit_callbacks):
    ExtractionJob.objects.filter(pk=done_job.pk).update(status=ExtractionJob.Status.FAILED, error="stale")

    response = _extract(alice_client, done_job.id, django_capture_on_commit_callbacks)

    assert response.status_code == 202 and response.json()["status"] == "queued"
    done_job.refresh_from_db()
    assert done_job.status == ExtractionJob.Status.DONE and done_job.error == ""


def test_a_done_job_needs_force(alice_client, done_job, django_capture_on_commit_callbacks):
    response = _extract(alice_client, done_job.id, django_capture_on_commit_callbacks)

    assert response.status_code == 409 and response.json()["error"] == "already_extracted"


def test_a_running_job_is_not_started_twice(alice_client, done_job, django_capture_on_commit_callbacks):
    ExtractionJob.objects.filter(pk=done_job.pk).update(status=ExtractionJob.Status.PROCESSING)

    response = _extract(alice_client, done_job.id, django_capture_on_commit_callbacks, force=True)

    assert response.status_code == 202 and response.json()["status"] == "processing"


def test_after_sign_up_extract_claims_the_anonymous_upload_from_the_session(anon_client, upload,
                                                                            django_capture_on_commit_callbacks):
    job_id = upload(anon_client, route="cv-upload-anonymous").json()["job_id"]
    anon_client.post(reverse("auth-register"), {"email": "carol@example.com", "password": "a long passphrase 9"},
                     format="json")

    response = _extract(anon_client, job_id, django_capture_on_commit_callbacks)

    assert response.status_code == 202
    job = ExtractionJob.objects.get(pk=job_id)
    assert job.owner.email == "carol@example.com" and job.status == ExtractionJob.Status.DONE


def test_extract_is_paused_in_maintenance(alice_client, done_job, settings, django_capture_on_commit_callbacks):
    settings.MAINTENANCE_MODE = True

    response = _extract(alice_client, done_job.id, django_capture_on_commit_callbacks, force=True)

    assert response.status_code == 503
