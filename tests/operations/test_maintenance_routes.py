"""Maintenance mode through the real routes: new uploads refused with 503, reads and the
jobs already queued go on."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cvs.models import ExtractionJob
from operations.services import maintenance_set
from tests.cvs.files import CV_TEXT

pytestmark = pytest.mark.django_db


def _cv():
    return SimpleUploadedFile("cv.txt", CV_TEXT.encode(), content_type="text/plain")


@pytest.fixture
def maintenance_on(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        maintenance_set(enabled=True, message="Upgrading the database; back in ten minutes.")


def test_uploads_are_refused_with_503_and_the_operators_message(alice_client, anon_client, maintenance_on):
    for client, route in ((alice_client, "cv-upload"), (anon_client, "cv-upload-anonymous")):
        response = client.post(reverse(route), {"file": _cv()}, format="multipart")
        assert response.status_code == 503
        assert response.json() == {"error": "maintenance", "detail": "Upgrading the database; back in ten minutes."}
    assert not ExtractionJob.objects.exists()


def test_reads_keep_working(alice_client, maintenance_on):
    assert alice_client.get(reverse("my-cvs")).status_code == 200
    assert alice_client.get(reverse("auth-me")).status_code == 200
    assert alice_client.get("/health").status_code == 200


def test_a_job_queued_before_maintenance_still_finishes(alice_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = alice_client.post(reverse("cv-upload"), {"file": _cv()}, format="multipart")
    assert response.status_code == 201, response.json()
    with django_capture_on_commit_callbacks(execute=True):
        maintenance_set(enabled=True)
    for callback in queued:  # the worker picks the queued extraction up now
        callback()
    assert ExtractionJob.objects.get(pk=response.json()["job_id"]).status == ExtractionJob.Status.DONE


def test_uploads_work_again_when_maintenance_ends(alice_client, maintenance_on, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        maintenance_set(enabled=False)
        response = alice_client.post(reverse("cv-upload"), {"file": _cv()}, format="multipart")
    assert response.status_code == 201, response.json()
