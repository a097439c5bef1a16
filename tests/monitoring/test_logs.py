import io
import json
import logging
import time
import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from monitoring import logstore
from monitoring.models import LogEntry, LogGroup
from resume2website.correlation import set_request_id

pytestmark = pytest.mark.django_db
log = logging.getLogger("cvs.extraction")


@pytest.fixture(autouse=True)
def _empty_buffer():
    logstore.log_buffer_flush()
    LogEntry.objects.all().delete()
    LogGroup.objects.all().delete()


class TestGrouping:
    def test_messages_that_differ_only_in_ids_and_numbers_share_a_group(self):
        log.warning("Job %s failed after %d ms", uuid.uuid4(), 1234)
        log.warning("Job %s failed after %d ms", uuid.uuid4(), 87)
        log.warning("Claude answered 529 for deadbeef42 (user bob@example.com)")
        log.error("Claude answered 500 for cafe1234ff (user alice@example.com)")
        assert logstore.log_buffer_flush() == 4
        groups = sorted((g.pattern, g.level, g.count) for g in LogGroup.objects.all())
        assert groups == [
            ("Claude answered <n> for <hex> (user <email>)", "ERROR", 1),
            ("Claude answered <n> for <hex> (user <email>)", "WARNING", 1),
            ("Job <uuid> failed after <n> ms", "WARNING", 2),
        ]

    def test_counts_add_up_across_flushes(self):
        for n in range(3):
            log.warning("Retrying page %d", n)
            logstore.log_buffer_flush()
        assert LogGroup.objects.get().count == 3
        assert LogEntry.objects.count() == 3

    def test_exceptions_are_kept_and_part_of_the_fingerprint(self):
        try:
            raise ValueError("bad date 2024-13")
        except ValueError:
            log.exception("Could not parse")
        log.error("Could not parse")
        logstore.log_buffer_flush()
        assert LogGroup.objects.count() == 2
        entry = LogEntry.objects.exclude(exception="").get()
        assert "ValueError: bad date" in entry.exception

    def test_info_lines_and_database_logs_are_not_stored(self):
        log.info("just chatting")
        logging.getLogger("django.db.backends").error("SQL noise")
        assert logstore.log_buffer_flush() == 0

    def test_the_buffer_is_bounded_and_counts_what_it_dropped(self, settings):
        settings.LOG_BUFFER_MAX = 5
        before = logstore.buffer_stats()["dropped"]
        for n in range(8):
            log.warning("burst %d", n)
        assert logstore.buffer_stats() == {"buffered": 5, "dropped": before + 3}
        logstore.log_buffer_flush()
        assert sorted(LogEntry.objects.values_list("message", flat=True)) == [f"burst {n}" for n in range(3, 8)]

    def test_a_failing_flush_neither_raises_nor_recurses(self, monkeypatch, capsys):
        def broken(*args, **kwargs):
            logging.getLogger("monitoring").error("this must not loop")
            raise RuntimeError("database is down")

        monkeypatch.setattr(LogGroup.objects, "bulk_create", broken)
        log.warning("will be lost")
        assert logstore.log_buffer_flush() == 0
        assert "1 records not stored" in capsys.readouterr().err
        assert logstore.buffer_stats()["buffered"] == 0

    def test_the_background_flusher_writes_without_the_caller_waiting(self, settings, transactional_db):
        settings.LOG_FLUSH_SECONDS = 0.05
        log.warning("from a request")
        stored = False
        for _ in range(100):
            if LogEntry.objects.filter(message="from a request").exists():
                stored = True
                break
            time.sleep(0.05)
        settings.LOG_FLUSH_SECONDS = 0
        logstore._state["thread"].join(5)
        assert stored
        assert not logstore._state["thread"].is_alive()


class TestPatternsApi:
    def test_it_lists_top_groups_and_filters_by_correlation_id(self, staff_client, alice_client):
        set_request_id("req-one")
        log.warning("Slow page %d", 1)
        log.warning("Slow page %d", 2)
        set_request_id("req-two")
        log.error("Gate refused %d", 10)
        set_request_id(None)
        logstore.log_buffer_flush()

        assert alice_client.get(reverse("workflow-patterns")).status_code == 403
        top = staff_client.get(reverse("workflow-patterns")).json()["patterns"]
        assert [(p["pattern"], p["count"]) for p in top] == [("Slow page <n>", 2), ("Gate refused <n>", 1)]
        assert top[0]["example"]["message"] == "Slow page 2"
        assert top[0]["first_seen"] <= top[0]["last_seen"]

        mine = staff_client.get(reverse("workflow-patterns"), {"request_id": "req-two"}).json()["patterns"]
        assert [p["pattern"] for p in mine] == ["Gate refused <n>"]
        errors = staff_client.get(reverse("workflow-patterns"), {"level": "ERROR"}).json()["patterns"]
        assert [p["level"] for p in errors] == ["ERROR"]

    def test_old_entries_fall_out_of_the_window(self, staff_client):
        log.warning("Old thing")
        logstore.log_buffer_flush()
        LogEntry.objects.update(created_at=timezone.now() - timedelta(hours=30))
        assert staff_client.get(reverse("workflow-patterns"), {"hours": 24}).json()["patterns"] == []
        assert len(staff_client.get(reverse("workflow-patterns"), {"hours": 48}).json()["patterns"]) == 1


class TestCorrelation:
    def test_a_request_id_reaches_the_response_the_json_log_line_and_the_stored_entry(self, anon_client):
        console = next(h for h in logging.getLogger().handlers if isinstance(h, logging.StreamHandler))
        stream = io.StringIO()
        previous = console.setStream(stream)
        try:
            response = anon_client.get("/api/v1/no-such-route", HTTP_X_REQUEST_ID="trace-abc-123")
        finally:
            console.setStream(previous)
        assert response.status_code == 404
        assert response["X-Request-ID"] == "trace-abc-123"
        lines = [json.loads(line) for line in stream.getvalue().splitlines()]
        not_found = [line for line in lines if line.get("logger") == "django.request"]
        assert not_found and not_found[-1]["request_id"] == "trace-abc-123"
        logstore.log_buffer_flush()
        assert LogEntry.objects.get(logger="django.request").request_id == "trace-abc-123"

    def test_an_unusable_request_id_is_replaced(self, anon_client):
        response = anon_client.get(reverse("metrics-health"), HTTP_X_REQUEST_ID="bad id with spaces\n")
        assert len(response["X-Request-ID"]) == 32
