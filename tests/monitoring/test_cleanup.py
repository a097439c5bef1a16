from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import Session
from monitoring import logstore
from monitoring.models import LogEntry, LogGroup, ProgressEvent, Workflow
from monitoring.services import progress_event_record

pytestmark = pytest.mark.django_db


def test_it_deletes_only_what_is_past_retention_and_reports_counts(alice_client, settings, capsys):
    settings.PROGRESS_EVENT_RETENTION_DAYS = 30
    settings.LOG_RETENTION_DAYS = 14
    old = timezone.now() - timedelta(days=40)
    progress_event_record(stream="cv:old", type="step", step="a", percent=10)
    progress_event_record(stream="cv:old", type="complete", step="done")
    ProgressEvent.objects.filter(stream="cv:old").update(created_at=old)
    Workflow.objects.filter(stream="cv:old").update(finished_at=old)
    progress_event_record(stream="cv:new", type="step", step="a", percent=10)

    import logging

    logstore.log_buffer_flush()
    LogEntry.objects.all().delete()
    LogGroup.objects.all().delete()
    logging.getLogger("cvs").warning("old warning")
    logstore.log_buffer_flush()
    LogEntry.objects.update(created_at=old)
    LogGroup.objects.update(last_seen=old)
    logging.getLogger("cvs").warning("new warning")
    logstore.log_buffer_flush()

    Session.objects.update(expire_date=old)  # alice's session has expired

    call_command("monitoring_cleanup")
    out = capsys.readouterr().out
    assert "progress_events: 2 deleted" in out
    assert "workflows: 1 deleted" in out
    assert "log_entries: 1 deleted" in out
    assert "log_groups: 1 deleted" in out
    assert "expired_sessions: 1 deleted" in out
    assert list(ProgressEvent.objects.values_list("stream", flat=True)) == ["cv:new"]
    assert list(LogEntry.objects.values_list("message", flat=True)) == ["new warning"]
    assert not Session.objects.exists()

    call_command("monitoring_cleanup")
    assert "progress_events: 0 deleted" in capsys.readouterr().out
