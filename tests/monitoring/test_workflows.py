import pytest
from django.urls import reverse

from monitoring.models import Workflow
from monitoring.services import progress_event_record
from tests.cvs import files
from tests.monitoring.asgi_client import SSEClient
from tests.monitoring.conftest import run_async, session_cookies

pytestmark = pytest.mark.django_db


@pytest.fixture
def extracted_job(alice_client, django_capture_on_commit_callbacks):
    """Alice's CV uploaded through the real route; its extraction ran as a task."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cvs.models import ExtractionJob

    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(reverse("cv-upload"), {"file": SimpleUploadedFile("cv.pdf", files.make_pdf())},
                                     format="multipart")
    assert response.status_code == 201, response.json()
    job = ExtractionJob.objects.get(pk=response.json()["job_id"])
    assert job.status == ExtractionJob.Status.DONE
    return job


class TestRunsFromEvents:
    def test_a_run_opens_with_the_first_event_and_closes_with_complete(self, job):
        progress_event_record(stream=job.stream, type="step", step="text", percent=20)
        run = Workflow.objects.get(stream=job.stream)
        assert (run.name, run.status, run.start_seq, run.finished_at) == ("extraction", "running", 1, None)
        progress_event_record(stream=job.stream, type="complete", step="done")
        run.refresh_from_db()
        assert (run.status, run.end_seq) == ("completed", 2)
        assert run.duration_ms is not None

    def test_work_after_the_end_opens_the_next_run(self, job):
        progress_event_record(stream=job.stream, type="step", step="start", percent=10)
        progress_event_record(stream=job.stream, type="error", step="sections", message="boom")
        progress_event_record(stream=job.stream, type="step", step="queued", percent=8)
        runs = list(Workflow.objects.filter(stream=job.stream).order_by("start_seq"))
        assert [(r.status, r.start_seq) for r in runs] == [("failed", 1), ("running", 3)]

    def test_a_reported_fact_opens_no_run_but_joins_an_open_one(self, alice, job):
        from portfolios.models import Portfolio

        portfolio = Portfolio.objects.create(owner=alice, job=job, theme="classic")
        progress_event_record(stream=portfolio.stream, type="step", step="published", percent=100)
        progress_event_record(stream=portfolio.stream, type="step", step="domain_added")
        assert not Workflow.objects.filter(stream=portfolio.stream).exists()
        progress_event_record(stream=portfolio.stream, type="step", step="deploying", percent=70)
        progress_event_record(stream=portfolio.stream, type="step", step="domain_verified")
        progress_event_record(stream=portfolio.stream, type="complete", step="deployed", percent=100)
        run = Workflow.objects.get(stream=portfolio.stream)
        assert (run.name, run.status, run.start_seq, run.end_seq) == ("deploy", "completed", 3, 5)


class TestStart:
    def test_starting_an_extraction_reruns_it_and_records_its_steps(self, alice_client, extracted_job,
                                                                   django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            response = alice_client.post(reverse("workflow-start"),
                                         {"name": "extraction", "target_id": str(extracted_job.id)}, format="json")
        assert response.status_code == 202, response.json()
        workflow_id = response.json()["id"]
        status = alice_client.get(reverse("workflow-status", args=[workflow_id])).json()
        assert status["name"] == "extraction"
        assert status["status"] == "completed"
        assert status["percent"] == 100
        steps = [s["step"] for s in status["steps"]]
        assert steps[0] == "queued" and len(steps) >= 3
        assert all(s["duration_ms"] >= 0 for s in status["steps"])

        logs = alice_client.get(reverse("workflow-logs", args=[workflow_id])).json()
        assert [line["step"] for line in logs["lines"] if line["source"] == "progress"][0] == "queued"
        assert logs["request_ids"]

    def test_another_user_cannot_see_or_start_it(self, alice_client, bob_client, extracted_job):
        run = Workflow.objects.filter(stream=extracted_job.stream).first()
        assert bob_client.get(reverse("workflow-status", args=[run.id])).status_code == 404
        assert bob_client.get(reverse("workflow-logs", args=[run.id])).status_code == 404
        response = bob_client.post(reverse("workflow-start"),
                                   {"name": "extraction", "target_id": str(extracted_job.id)}, format="json")
        assert response.status_code == 404

    def test_a_run_in_progress_is_a_conflict(self, alice_client, job):
        progress_event_record(stream=job.stream, type="step", step="text", percent=20)
        response = alice_client.post(reverse("workflow-start"), {"name": "extraction", "target_id": str(job.id)},
                                     format="json")
        assert response.status_code == 409
        assert response.json()["workflow_id"] == str(Workflow.objects.get(stream=job.stream).id)

    def test_an_unknown_workflow_is_refused(self, alice_client, job):
        response = alice_client.post(reverse("workflow-start"), {"name": "teleport", "target_id": str(job.id)},
                                     format="json")
        assert response.status_code == 400


class TestSelfTest:
    def test_staff_self_test_goes_through_a_task_and_completes(self, staff_client, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            response = staff_client.get(reverse("workflow-test"))
        assert response.status_code == 202
        status = staff_client.get(reverse("workflow-status", args=[response.json()["id"]])).json()
        assert status["status"] == "completed"
        assert [s["step"] for s in status["steps"]] == ["queued", "worker", "database", "cache", "done"]

    def test_it_is_for_staff(self, alice_client):
        assert alice_client.get(reverse("workflow-test")).status_code == 403


class TestMetrics:
    def test_it_counts_runs_by_status_with_durations(self, staff_client, alice_client, job):
        for last in ("complete", "error", None):
            progress_event_record(stream=job.stream, type="step", step="start", percent=10)
            if last:
                progress_event_record(stream=job.stream, type=last, step="end")
        assert alice_client.get(reverse("workflow-metrics")).status_code == 403
        body = staff_client.get(reverse("workflow-metrics")).json()
        extraction = next(w for w in body["workflows"] if w["name"] == "extraction")
        assert (extraction["completed"], extraction["failed"], extraction["running"]) == (1, 1, 1)
        assert extraction["success_rate"] == 0.5
        assert extraction["duration"]["count"] == 2


@pytest.mark.django_db(transaction=True)
class TestStream:
    def test_a_finished_run_streams_only_its_own_events(self, job, alice_client):
        progress_event_record(stream=job.stream, type="step", step="a", percent=10)
        progress_event_record(stream=job.stream, type="complete", step="done")
        progress_event_record(stream=job.stream, type="step", step="next-run", percent=10)
        first = Workflow.objects.filter(stream=job.stream).order_by("start_seq").first()

        async def scenario():
            client = await SSEClient(reverse("workflow-stream", args=[first.id]),
                                     cookies=session_cookies(alice_client)).open()
            events = await client.events_until_end()
            assert [e["id"] for e in events] == [1, 2]

        run_async(scenario)
