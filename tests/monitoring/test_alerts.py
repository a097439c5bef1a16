import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from monitoring.alerts import alerts_evaluate
from monitoring.models import Alert, Workflow
from monitoring.services import progress_event_record

pytestmark = pytest.mark.django_db


def _open_breaker():
    from cvs.breaker import DjangoCacheBreakerStorage

    storage = DjangoCacheBreakerStorage()
    storage.state = "open"
    storage.opened_at = timezone.now()


def _close_breaker():
    from cvs.breaker import breaker_reset

    breaker_reset()


class TestAlertLifecycle:
    def test_an_alert_opens_once_stays_open_and_resolves_on_recovery(self):
        assert alerts_evaluate()["breaker_open"] == "ok"
        _open_breaker()
        assert alerts_evaluate()["breaker_open"] == "opened"
        assert alerts_evaluate()["breaker_open"] == "open"
        alert = Alert.objects.get(rule="breaker_open")
        assert alert.status == "open"
        assert alert.last_seen_at > alert.opened_at
        _close_breaker()
        assert alerts_evaluate()["breaker_open"] == "recovered"
        alert.refresh_from_db()
        assert (alert.status, alert.resolution) == ("resolved", "recovered")
        assert Alert.objects.filter(rule="breaker_open").count() == 1

    def test_staff_resolve_keeps_it_quiet_until_the_rule_recovers(self, staff_client, alice_client):
        _open_breaker()
        alerts_evaluate()
        alert = Alert.objects.get(rule="breaker_open")
        listed = staff_client.get(reverse("workflow-alerts")).json()["alerts"]
        assert [a["id"] for a in listed] == [str(alert.id)]
        assert alice_client.post(reverse("workflow-alert-resolve", args=[alert.id])).status_code == 403

        response = staff_client.post(reverse("workflow-alert-resolve", args=[alert.id]))
        assert response.status_code == 200
        assert (response.json()["status"], response.json()["resolution"]) == ("resolved", "staff")
        assert response.json()["resolved_by"] == "staff@example.com"
        assert alerts_evaluate()["breaker_open"] == "acknowledged"
        assert staff_client.get(reverse("workflow-alerts")).json()["alerts"] == []

        _close_breaker()
        alerts_evaluate()
        _open_breaker()
        assert alerts_evaluate()["breaker_open"] == "opened"
        assert Alert.objects.filter(rule="breaker_open").count() == 2

    def test_an_unknown_alert_is_404(self, staff_client):
        import uuid

        assert staff_client.post(reverse("workflow-alert-resolve", args=[uuid.uuid4()])).status_code == 404

    def test_alerts_are_for_staff(self, alice_client):
        assert alice_client.get(reverse("workflow-alerts")).status_code == 403


class TestRules:
    def test_the_error_rate_rule_holds_when_too_many_runs_fail(self, settings):
        settings.ALERT_ERROR_MIN_RUNS = 4
        settings.ALERT_ERROR_RATE = 0.5
        for n in range(4):
            stream = f"cv:00000000-0000-0000-0000-00000000000{n}"
            progress_event_record(stream=stream, type="step", step="start", percent=10)
            progress_event_record(stream=stream, type="error" if n < 2 else "complete", step="x")
        assert alerts_evaluate()["error_rate"] == "opened"
        alert = Alert.objects.get(rule="error_rate")
        assert alert.data == {"failed": 2, "total": 4, "rate": 0.5}
        assert alert.severity == "critical"

    def test_the_p95_rule_holds_when_runs_are_slow(self, settings):
        settings.ALERT_P95_TARGET_SECONDS = 1
        now = timezone.now()
        for n in range(5):
            Workflow.objects.create(stream=f"cv:slow{n}", name="extraction", start_seq=1, end_seq=2,
                                    status="completed", started_at=now, finished_at=now, duration_ms=5000)
        assert alerts_evaluate()["p95_over_target"] == "opened"
        assert "extraction 5.0 s" in Alert.objects.get(rule="p95_over_target").message

    def test_the_worker_rule_holds_without_a_heartbeat(self, settings):
        from monitoring.tasks import worker_heartbeat

        settings.CELERY_TASK_ALWAYS_EAGER = False
        assert alerts_evaluate()["worker_missing"] == "opened"
        worker_heartbeat.run()  # the task body: the Celery app must not load its config under this override
        assert alerts_evaluate()["worker_missing"] == "recovered"

    def test_the_queue_rule_holds_on_a_backlog(self, settings, tmp_path):
        settings.CELERY_BROKER_URL = "filesystem://"
        settings.CELERY_BROKER_TRANSPORT_OPTIONS = {"data_folder_in": str(tmp_path)}
        settings.ALERT_QUEUE_BACKLOG = 2
        for n in range(3):
            (tmp_path / f"{n}.msg").write_text("{}")
        assert alerts_evaluate()["queue_backlog"] == "opened"

    def test_the_command_evaluates_and_reports(self, capsys):
        call_command("monitoring_alerts")
        out = capsys.readouterr().out
        assert "breaker_open: ok" in out and "worker_missing: ok" in out


class TestAdmin:
    def test_staff_see_and_resolve_alerts_in_the_admin(self, alice, django_user_model):
        from django.test import Client

        admin_user = django_user_model.objects.create_superuser(email="root@example.com", password="x-Strong-9-pass")
        client = Client()
        client.force_login(admin_user)
        _open_breaker()
        alerts_evaluate()
        alert = Alert.objects.get()
        assert client.get(reverse("admin:monitoring_alert_changelist")).status_code == 200
        response = client.post(reverse("admin:monitoring_alert_changelist"),
                               {"action": "resolve", "_selected_action": [str(alert.id)]})
        assert response.status_code == 302
        alert.refresh_from_db()
        assert (alert.status, alert.resolution, alert.resolved_by) == ("resolved", "staff", admin_user)
        for name in ("workflow", "progressevent", "loggroup"):
            assert client.get(reverse(f"admin:monitoring_{name}_changelist")).status_code == 200
