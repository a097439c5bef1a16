import hashlib
from datetime import timedelta
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from accounts.authentication import session_store_class
from accounts.models import Session
from cvs.models import ExtractionJob
from operations.services import cleanup_run, stored_files_reconcile

pytestmark = pytest.mark.django_db


def _session(*, expires_in: timedelta) -> str:
    store = session_store_class()()
    store["note"] = "x"
    store.set_expiry(timezone.now() + expires_in)
    store.create()
    return store.session_key


def _job(owner, *, cv_data=None, content=b"%PDF-1.4 a CV") -> ExtractionJob:
    job = ExtractionJob(owner=owner, original_name="cv.pdf", file_type="pdf", size=len(content),
                        sha256=hashlib.sha256(content).hexdigest(), cv_data=cv_data,
                        status=ExtractionJob.Status.DONE if cv_data else ExtractionJob.Status.QUEUED)
    job.file.save("upload.pdf", ContentFile(content), save=False)
    job.save()
    return job


def _run(*args) -> str:
    out = StringIO()
    call_command("cleanup", *args, stdout=out)
    return out.getvalue()


class TestSessions:
    def test_it_removes_expired_sessions_only(self):
        expired = _session(expires_in=timedelta(days=-1))
        live = _session(expires_in=timedelta(days=6))
        report = cleanup_run()
        assert report.sessions == 1
        assert list(Session.objects.values_list("session_key", flat=True)) == [live]
        assert not Session.objects.filter(session_key=expired).exists()

    def test_dry_run_changes_nothing(self):
        _session(expires_in=timedelta(days=-1))
        out = _run("--dry-run")
        assert "Would remove 1 expired session(s)" in out
        assert Session.objects.count() == 1


class TestStoredFiles:
    def test_it_deletes_old_orphan_files_and_keeps_referenced_ones(self, alice):
        job = _job(alice)
        orphan = default_storage.save("uploads/zz/left-behind.pdf", ContentFile(b"nobody's"))
        orphans, missing = stored_files_reconcile(orphan_min_age=timedelta(0))
        assert orphans == [orphan]
        assert not default_storage.exists(orphan)
        assert default_storage.exists(job.file.name)
        assert missing == []

    def test_young_orphans_are_left_alone(self):
        # An upload may be writing its file before its row is committed.
        name = default_storage.save("uploads/zz/in-flight.pdf", ContentFile(b"uploading"))
        orphans, _ = stored_files_reconcile()
        assert orphans == []
        assert default_storage.exists(name)

    def test_dry_run_lists_orphans_without_deleting(self):
        name = default_storage.save("sites/old/index.html", ContentFile(b"<html>"))
        orphans, _ = stored_files_reconcile(dry_run=True, orphan_min_age=timedelta(0))
        assert orphans == [name]
        assert default_storage.exists(name)

    def test_a_cv_without_data_whose_file_is_gone_is_deleted(self, alice):
        job = _job(alice)
        default_storage.delete(job.file.name)
        _, missing = stored_files_reconcile()
        assert missing == [{"model": "cvs.ExtractionJob", "id": str(job.id), "files": [job.file.name],
                            "action": "deleted"}]
        assert not ExtractionJob.objects.filter(pk=job.pk).exists()

    def test_a_cv_with_data_whose_file_is_gone_is_kept(self, alice):
        job = _job(alice, cv_data={"hero": {"fullName": "Alice Example"}})
        default_storage.delete(job.file.name)
        _, missing = stored_files_reconcile()
        assert missing[0]["action"].startswith("kept")
        assert ExtractionJob.objects.get(pk=job.pk).cv_data["hero"]["fullName"] == "Alice Example"

    def test_an_upload_committed_during_the_scan_is_not_taken_for_missing(self, alice, monkeypatch):
        from operations import services

        uploads = []
        real_walk = services.storage_walk

        def walk_then_upload():
            listed = list(real_walk())
            uploads.append(_job(alice))  # saved after the listing, before the rows are read
            return iter(listed)

        monkeypatch.setattr(services, "storage_walk", walk_then_upload)
        orphans, missing = stored_files_reconcile()
        assert missing == [] and orphans == []
        assert ExtractionJob.objects.filter(pk=uploads[0].pk).exists()

    def test_dry_run_reports_missing_files_without_deleting_rows(self, alice):
        job = _job(alice)
        default_storage.delete(job.file.name)
        out = _run("--dry-run")
        assert f"cvs.ExtractionJob {job.id}: deleted" in out
        assert ExtractionJob.objects.filter(pk=job.pk).exists()


class TestWholeRun:
    def test_it_is_idempotent(self, alice):
        _session(expires_in=timedelta(days=-3))
        job = _job(alice)
        default_storage.delete(job.file.name)
        first = cleanup_run(orphan_min_age=timedelta(0))
        assert first.sessions == 1 and len(first.missing_files) == 1
        second = cleanup_run(orphan_min_age=timedelta(0))
        assert second.sessions == 0
        assert second.orphan_files == [] and second.missing_files == []

    def test_it_removes_old_cache_entries_and_unclaimed_uploads_through_the_cv_service(self):
        from cvs.models import ExtractionCache

        old = ExtractionCache.objects.create(sha256="a" * 64, cv_data={}, confidence=0.9)
        ExtractionCache.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
        fresh = ExtractionCache.objects.create(sha256="b" * 64, cv_data={}, confidence=0.9)
        unclaimed = _job(None)
        ExtractionJob.objects.filter(pk=unclaimed.pk).update(created_at=timezone.now() - timedelta(days=8))
        report = cleanup_run()
        assert report.cvs["cache_entries"] == 1 and report.cvs["anonymous_jobs"] == 1
        assert list(ExtractionCache.objects.values_list("pk", flat=True)) == [fresh.pk]
        assert not default_storage.exists(unclaimed.file.name)

    def test_the_json_report(self):
        import json

        body = json.loads(_run("--json", "--dry-run"))
        assert body["dry_run"] is True
        assert set(body) >= {"sessions", "cvs", "previews", "orphan_files", "missing_files"}


class TestPortfolioFiles:
    def test_a_portfolio_whose_built_files_are_gone_is_rebuilt(self, alice, alice_client,
                                                               django_capture_on_commit_callbacks):
        from django.urls import reverse

        from portfolios.models import Portfolio
        from tests.portfolios.conftest import make_job

        job = make_job(alice)
        assert default_storage.save(job.file.name, ContentFile(b"%PDF-1.4")) == job.file.name
        with django_capture_on_commit_callbacks(execute=True):
            response = alice_client.post(reverse("portfolio-generate", args=[job.id]),
                                         {"theme": "minimal"}, format="json")
        portfolio = Portfolio.objects.get(pk=response.json()["id"])
        assert portfolio.status == Portfolio.Status.READY
        index = f"{portfolio.site_prefix}/index.html"
        default_storage.delete(index)

        with django_capture_on_commit_callbacks(execute=True):
            _, missing = stored_files_reconcile()
        assert missing == [{"model": "portfolios.Portfolio", "id": str(portfolio.id), "files": [index],
                            "action": "rebuild queued"}]
        portfolio.refresh_from_db()
        assert portfolio.status == Portfolio.Status.READY
        assert default_storage.exists(f"{portfolio.site_prefix}/index.html")
        assert stored_files_reconcile(orphan_min_age=timedelta(0))[1] == []


def test_the_scheduler_runs_cleanup_nightly(settings):
    from operations.tasks import operations_cleanup_task

    entry = settings.CELERY_BEAT_SCHEDULE["operations-cleanup"]
    assert entry["task"] == operations_cleanup_task.name
    _session(expires_in=timedelta(days=-1))
    report = operations_cleanup_task.delay().get()
    assert report["sessions"] == 1
    assert not Session.objects.exists()
