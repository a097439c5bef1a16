import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.cvs import files


def file_upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


@pytest.fixture
def upload(django_capture_on_commit_callbacks):
    """POST a file to an upload route, running what the upload queues after commit (the extraction)."""

    def _upload(client, name="cv.pdf", data=None, route="cv-upload"):
        data = files.make_pdf() if data is None else data
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse(route), {"file": file_upload(name, data)}, format="multipart")

    return _upload


@pytest.fixture
def done_job(alice_client, upload):
    """Alice's CV, uploaded and extracted through the real route and task."""
    from cvs.models import ExtractionJob

    response = upload(alice_client)
    assert response.status_code == 201, response.json()
    job = ExtractionJob.objects.get(pk=response.json()["job_id"])
    assert job.status == ExtractionJob.Status.DONE, job.error
    return job


@pytest.fixture
def fake_anthropic(settings):
    """Claude switched on, talking to the fake Messages API on 127.0.0.1."""
    from tests.fakes.anthropic import FakeAnthropic

    fake = FakeAnthropic().start()
    settings.ANTHROPIC_API_KEY = "sk-ant-test"
    settings.ANTHROPIC_BASE_URL = fake.base_url
    settings.ANTHROPIC_MAX_RETRIES = 2
    settings.ANTHROPIC_TIMEOUT = 5.0
    yield fake
    fake.stop()
