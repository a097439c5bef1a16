"""Redis unreachable (cache and broker on a closed port), in-process: the API keeps answering
with clear JSON results: throttles fail open, reads come from the database, queuing answers 503."""
import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cvs.models import ExtractionJob
from monitoring import ratelimits
from tests.cvs import files

CLOSED = "redis://127.0.0.1:1/0"


def _upload(client, capture):
    with capture(execute=True):
        return client.post(reverse("cv-upload"), {"file": SimpleUploadedFile("cv.pdf", files.make_pdf())},
                           format="multipart")


@pytest.fixture
def redis_down(settings):
    def down():
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CLOSED}}
        settings.CELERY_BROKER_URL = CLOSED
    return down


@pytest.fixture
def done_job(alice_client, django_capture_on_commit_callbacks):
    response = _upload(alice_client, django_capture_on_commit_callbacks)
    assert response.status_code == 201, response.json()
    job = ExtractionJob.objects.get(pk=response.json()["job_id"])
    assert job.status == ExtractionJob.Status.DONE, job.error
    return job


def test_a_cv_read_answers_200_from_the_database_with_the_cache_down(alice_client, done_job, redis_down, caplog):
    redis_down()
    failures = ratelimits.fail_open_total()
    with caplog.at_level(logging.WARNING, logger="resume2website.cache"):
        response = alice_client.get(reverse("cv-detail", args=[done_job.id]))
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["cv_data"]
    assert ratelimits.fail_open_total() > failures  # the throttles were asked, failed and allowed it


def test_the_fail_open_warning_is_logged_once_per_interval(alice_client, done_job, redis_down, caplog, monkeypatch):
    redis_down()
    monkeypatch.setattr(ratelimits.cache, "_warned_at", 0.0)
    with caplog.at_level(logging.WARNING, logger="resume2website.cache"):
        for _ in range(3):
            assert alice_client.get(reverse("cv-detail", args=[done_job.id])).status_code == 200
    warnings = [r for r in caplog.records if "rate limits are not enforced" in r.getMessage()]
    assert len(warnings) == 1


def test_an_unexpected_failure_on_an_api_route_answers_json_500(alice_client, done_job, redis_down, monkeypatch):
    redis_down()

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("cvs.api.documents._detail", broken)
    response = alice_client.get(reverse("cv-detail", args=[done_job.id]))
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"] == "server_error"
    assert response.json()["detail"]
    assert "boom" not in response.content.decode()


@pytest.mark.django_db(transaction=True)  # the upload commits and queues inside the request, as in production
def test_an_upload_with_the_broker_down_answers_503_and_keeps_the_job(alice, alice_client, redis_down, monkeypatch):
    from kombu.exceptions import OperationalError

    from cvs.tasks import cv_extract_task

    redis_down()

    def unreachable(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:1. Connection refused.")

    monkeypatch.setattr(cv_extract_task, "delay", unreachable)
    response = alice_client.post(reverse("cv-upload"), {"file": SimpleUploadedFile("cv.pdf", files.make_pdf())},
                                 format="multipart")
    assert response.status_code == 503, response.content[:300]
    body = response.json()
    assert body["error"] == "service_unavailable"
    assert "saved" in body["detail"]
    job = ExtractionJob.objects.get(owner=alice)
    assert str(job.id) in body["detail"]
    assert job.status == ExtractionJob.Status.QUEUED  # the stale-job sweeper settles it; nothing is lost


def test_staff_see_the_requests_allowed_while_the_cache_was_down(alice_client, staff_client, done_job, redis_down):
    before = staff_client.get(reverse("sse-rate-limit-stats")).json()["fail_open_total"]
    redis_down()
    assert alice_client.get(reverse("cv-detail", args=[done_job.id])).status_code == 200
    response = staff_client.get(reverse("sse-rate-limit-stats"))
    assert response.status_code == 200
    assert response.json()["fail_open_total"] > before


def test_the_worker_heartbeat_and_metrics_reset_carry_on_without_the_cache(staff_client, redis_down):
    from monitoring import figures

    redis_down()
    figures.worker_heartbeat_record(hostname="worker-1")  # the beat task does not fail
    assert figures.worker_heartbeat() is None
    assert figures.metrics_epoch() == 0.0
    assert staff_client.post(reverse("metrics-reset")).status_code == 200


def test_the_claude_breaker_fails_open_without_the_cache(redis_down):
    import pybreaker

    from cvs.breaker import breaker_status, claude_breaker

    redis_down()
    breaker = claude_breaker()
    for _ in range(10):  # more failures than CIRCUIT_BREAKER_FAIL_MAX: with no shared count, it never opens
        with pytest.raises(ConnectionError):
            breaker.call(_fails)
    assert breaker.call(lambda: "called") == "called"
    assert breaker_status()["state"] == pybreaker.STATE_CLOSED


def _fails():
    raise ConnectionError("Claude unreachable")
