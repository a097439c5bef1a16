"""The Claude circuit breaker: opens after CIRCUIT_BREAKER_FAIL_MAX failures, shared through the cache."""
import pytest
from django.core.cache import cache
from django.urls import reverse

from cvs.breaker import DjangoCacheBreakerStorage, breaker_reset, breaker_status
from cvs.models import ExtractionJob
from tests.cvs import files


@pytest.fixture
def failing_claude(fake_anthropic, settings):
    settings.ANTHROPIC_MAX_RETRIES = 0
    fake_anthropic.default = "500"
    return fake_anthropic


def _extract(client, upload, n):
    response = upload(client, name=f"cv{n}.txt", data=files.make_txt(files.CV_TEXT + f"\nReference {n}\n"))
    return ExtractionJob.objects.get(pk=response.json()["job_id"])


def test_it_opens_after_five_failures_and_then_skips_claude(alice_client, upload, failing_claude, settings):
    assert settings.CIRCUIT_BREAKER_FAIL_MAX == 5
    for n in range(5):
        job = _extract(alice_client, upload, n)
        assert job.extractor == "offline" and job.cv_data["hero"]["fullName"] == "Maria Jensen"
    assert len(failing_claude.requests) == 5
    status = breaker_status()
    assert status["state"] == "open" and status["fail_counter"] == 5 and status["opened_at"]

    job = _extract(alice_client, upload, 6)

    assert len(failing_claude.requests) == 5  # not called while open
    assert job.status == ExtractionJob.Status.DONE and job.extractor == "offline"
    assert "circuit breaker open" in job.stats["fallback_reason"]


def test_its_state_lives_in_the_shared_cache(alice_client, upload, failing_claude):
    for n in range(5):
        _extract(alice_client, upload, n)

    assert cache.get("breaker:claude:state") == "open"  # what every other process reads
    assert DjangoCacheBreakerStorage().counter == 5


def test_after_the_reset_timeout_one_good_call_closes_it(alice_client, upload, failing_claude, settings):
    for n in range(5):
        _extract(alice_client, upload, n)
    settings.CIRCUIT_BREAKER_RESET_TIMEOUT = 0
    assert breaker_status()["state"] == "half-open"
    failing_claude.default = "ok"

    job = _extract(alice_client, upload, 7)

    assert job.extractor == "claude"
    assert breaker_status()["state"] == "closed" and breaker_status()["fail_counter"] == 0


def test_a_success_resets_the_failure_count(alice_client, upload, failing_claude):
    for n in range(3):
        _extract(alice_client, upload, n)
    failing_claude.default = "ok"
    _extract(alice_client, upload, 3)

    assert breaker_status()["fail_counter"] == 0 and breaker_status()["state"] == "closed"


def test_reset_closes_it_at_once(alice_client, upload, failing_claude):
    for n in range(5):
        _extract(alice_client, upload, n)

    breaker_reset()

    assert breaker_status()["state"] == "closed" and breaker_status()["fail_counter"] == 0


def test_staff_see_the_breaker_in_the_stats(staff_client, alice_client, db):
    assert staff_client.get(reverse("extraction-stats")).json()["breaker"]["state"] == "closed"
    assert "breaker" not in alice_client.get(reverse("extraction-stats")).json()
