from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from monitoring.models import Workflow
from monitoring.services import progress_event_record

pytestmark = pytest.mark.django_db


def _finished_run(name: str, ms: int, *, status=Workflow.Status.COMPLETED, ago=timedelta(minutes=1)):
    now = timezone.now() - ago
    return Workflow.objects.create(stream=f"cv:{name}-{ms}-{status}-{ago}", name=name, start_seq=1, end_seq=2,
                                   status=status, started_at=now - timedelta(milliseconds=ms), finished_at=now,
                                   duration_ms=ms)


class TestPrometheus:
    def test_it_exposes_request_and_workflow_figures_from_the_database(self, client, alice_client, job):
        progress_event_record(stream=job.stream, type="step", step="text", percent=20)
        progress_event_record(stream=job.stream, type="complete", step="done")
        alice_client.get(reverse("metrics-current"))
        body = client.get(reverse("prometheus-metrics")).content.decode()
        assert 'r2w_http_requests_total{method="GET",route="/api/v1/metrics/current",status="200"}' in body
        assert 'r2w_workflow_runs_total{name="extraction",status="completed"} 1.0' in body
        assert 'r2w_extraction_jobs{status="processing"} 1.0' in body
        assert 'r2w_circuit_breaker_state{name="claude"} 0.0' in body
        assert "r2w_operations_figures_up 1.0" in body

    def test_a_metrics_token_is_required_when_configured(self, client, settings):
        settings.METRICS_TOKEN = "s3cret"
        assert client.get(reverse("prometheus-metrics")).status_code == 401
        ok = client.get(reverse("prometheus-metrics"), HTTP_AUTHORIZATION="Bearer s3cret")
        assert ok.status_code == 200
        assert ok["Content-Type"].startswith("text/plain")


class TestHealth:
    def test_it_is_healthy_when_everything_answers(self, anon_client):
        response = anon_client.get(reverse("metrics-health"))
        assert response.status_code == 200, response.json()
        body = response.json()
        assert body["status"] == "ok"
        assert set(body["checks"]) == {"database", "cache", "broker", "storage", "worker"}
        assert "detail" not in body["checks"]["database"]  # details are for staff

    def test_it_is_degraded_with_503_when_redis_is_down(self, anon_client, staff_client, settings):
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                       "LOCATION": "redis://127.0.0.1:1/0"}}
        settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
        response = anon_client.get(reverse("metrics-health"))
        assert response.status_code == 503
        body = response.json()
        assert body["status"] == "degraded"
        assert body["checks"]["cache"]["ok"] is False
        assert body["checks"]["broker"]["ok"] is False
        assert body["checks"]["database"]["ok"] is True
        detail = staff_client.get(reverse("metrics-health")).json()["checks"]["cache"]["detail"]
        assert "Connection" in detail

    def test_a_missing_worker_degrades_health(self, anon_client, settings):
        settings.CELERY_TASK_ALWAYS_EAGER = False
        response = anon_client.get(reverse("metrics-health"))
        assert response.status_code == 503
        assert response.json()["checks"]["worker"]["ok"] is False

    def test_a_recent_worker_heartbeat_counts_as_alive(self, anon_client, settings):
        from monitoring.tasks import worker_heartbeat

        worker_heartbeat.apply()
        settings.CELERY_TASK_ALWAYS_EAGER = False
        assert anon_client.get(reverse("metrics-health")).status_code == 200


class TestCircuitBreaker:
    def _open(self):
        from cvs.breaker import DjangoCacheBreakerStorage

        storage = DjangoCacheBreakerStorage()
        storage.state = "open"
        storage.opened_at = timezone.now()
        for _ in range(5):
            storage.increment_counter()

    def test_anyone_can_read_the_status(self, anon_client):
        self._open()
        body = anon_client.get(reverse("circuit-breaker-status")).json()
        assert body["state"] == "open"
        assert body["fail_counter"] == 5
        assert body["fail_max"] == 5

    def test_only_staff_can_reset(self, alice_client, staff_client):
        self._open()
        assert alice_client.post(reverse("circuit-breaker-reset")).status_code == 403
        response = staff_client.post(reverse("circuit-breaker-reset"))
        assert response.status_code == 200
        assert response.json()["state"] == "closed"
        assert response.json()["fail_counter"] == 0


class TestFigures:
    def test_performance_summary_gives_percentiles_per_operation(self, staff_client):
        for ms in range(100, 1001, 100):
            _finished_run("extraction", ms)
        _finished_run("extraction", 99_999, ago=timedelta(days=2))  # outside the window
        body = staff_client.get(reverse("metrics-performance-summary")).json()
        extraction = body["operations"]["workflow extraction"]
        assert extraction["count"] == 10
        assert extraction["p50_ms"] == 550.0
        assert extraction["p95_ms"] == pytest.approx(955.0)
        assert extraction["max_ms"] == 1000.0

    def test_performance_summary_is_for_staff(self, alice_client):
        assert alice_client.get(reverse("metrics-performance-summary")).status_code == 403

    def test_reset_starts_the_windows_afresh(self, staff_client, alice_client):
        _finished_run("extraction", 500)
        assert alice_client.post(reverse("metrics-reset")).status_code == 403
        assert staff_client.post(reverse("metrics-reset")).status_code == 200
        body = staff_client.get(reverse("metrics-performance-summary")).json()
        assert "workflow extraction" not in body["operations"]

    def test_current_needs_a_login_and_counts_running_work(self, anon_client, alice_client, job):
        progress_event_record(stream=job.stream, type="step", step="text", percent=20)
        assert anon_client.get(reverse("metrics-current")).status_code in (401, 403)
        body = alice_client.get(reverse("metrics-current")).json()
        assert body["workflows_running"] == {"extraction": 1}
        assert body["extraction_jobs"]["processing"] == 1

    def test_detailed_is_for_staff(self, alice_client, staff_client):
        assert alice_client.get(reverse("metrics-detailed")).status_code == 403
        body = staff_client.get(reverse("metrics-detailed")).json()
        assert {"current", "performance", "workflows", "extraction", "rate_limits", "health"} <= set(body)

    def test_extraction_figures_are_for_the_owner_only(self, alice_client, bob_client, job):
        progress_event_record(stream=job.stream, type="step", step="text", percent=30)
        progress_event_record(stream=job.stream, type="complete", step="done", percent=100)
        assert bob_client.get(reverse("metrics-extraction", args=[job.id])).status_code == 404
        body = alice_client.get(reverse("metrics-extraction", args=[job.id])).json()
        assert body["status"] == "processing"
        run = body["runs"][0]
        assert run["status"] == "completed"
        assert [s["step"] for s in run["steps"]] == ["text", "done"]
