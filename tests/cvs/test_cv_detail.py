"""GET/PUT cv/{job_id}: schema-validated edits, each one a version that can be restored."""
import copy

from django.urls import reverse

from cvs.models import ExtractionJob


def _put(client, job, cv_data, **extra):
    return client.put(reverse("cv-detail", args=[job.id]), {"cv_data": cv_data, **extra}, format="json")


def test_get_returns_the_document_and_its_figures(alice_client, done_job):
    body = alice_client.get(reverse("cv-detail", args=[done_job.id])).json()

    assert body["job_id"] == str(done_job.id) and body["status"] == "done" and body["version"] == 1
    assert body["cv_data"]["hero"]["fullName"] == "Maria Jensen"
    assert set(body["cv_data"]) >= {"hero", "contact", "experience", "education", "skills", "hobbies"}
    assert body["section_confidence"] and body["stats"]["timings_ms"]["total"] > 0


def test_put_saves_a_valid_edit_as_a_new_version(alice, alice_client, done_job):
    cv = copy.deepcopy(done_job.cv_data)
    cv["hero"]["professionalTitle"] = "Principal Data Engineer"

    response = _put(alice_client, done_job, cv, base_version=1)

    assert response.status_code == 200, response.json()
    assert response.json()["version"] == 2
    done_job.refresh_from_db()
    assert done_job.cv_data["hero"]["professionalTitle"] == "Principal Data Engineer"
    latest = done_job.versions.order_by("-number").first()
    assert (latest.number, latest.source, latest.created_by) == (2, "edit", alice)


def test_put_refuses_invalid_documents_with_field_errors_and_changes_nothing(alice_client, done_job):
    before = copy.deepcopy(done_job.cv_data)
    bad = copy.deepcopy(before)
    bad["experience"] = {"experienceItems": [{"jobTitle": "CTO", "dateRange": {"startDate": "January 2020"}}]}
    bad["unknownSection"] = {"x": 1}

    response = _put(alice_client, done_job, bad)

    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "invalid_cv"
    fields = {f["field"] for f in body["fields"]}
    assert "experience.experienceItems.0.dateRange.startDate" in fields and "unknownSection" in fields
    done_job.refresh_from_db()
    assert done_job.cv_data == before and done_job.versions.count() == 1


def test_put_rejects_bodies_that_are_not_a_document(alice_client, done_job):
    assert _put(alice_client, done_job, ["not", "an", "object"]).status_code in (400, 422)
    response = alice_client.put(reverse("cv-detail", args=[done_job.id]), {"hero": {}}, format="json")
    assert response.status_code == 400 and "cv_data" in response.json()["detail"]


def test_put_with_a_stale_base_version_is_a_409_instead_of_a_lost_edit(alice_client, done_job):
    cv = copy.deepcopy(done_job.cv_data)
    assert _put(alice_client, done_job, cv, base_version=1).status_code == 200

    response = _put(alice_client, done_job, cv, base_version=1)

    assert response.status_code == 409
    assert response.json()["error"] == "version_conflict" and response.json()["current_version"] == 2


def test_put_while_extraction_runs_is_a_409(alice_client, done_job):
    ExtractionJob.objects.filter(pk=done_job.pk).update(status=ExtractionJob.Status.PROCESSING)

    response = _put(alice_client, done_job, done_job.cv_data)

    assert response.status_code == 409 and response.json()["error"] == "extraction_running"


def test_a_failed_extraction_can_be_replaced_by_typing_the_cv(alice_client, done_job):
    ExtractionJob.objects.filter(pk=done_job.pk).update(status=ExtractionJob.Status.FAILED, error="could not read")

    response = _put(alice_client, done_job, {"hero": {"fullName": "Maria Jensen"}})

    assert response.status_code == 200
    assert response.json()["status"] == "done" and response.json()["extractor"] == "manual"


def test_versions_list_and_restore_undo_an_edit(alice_client, done_job):
    original = copy.deepcopy(done_job.cv_data)
    edited = copy.deepcopy(original)
    edited["hero"]["fullName"] = "Maria J."
    _put(alice_client, done_job, edited)

    versions = alice_client.get(reverse("cv-versions", args=[done_job.id])).json()
    assert [(v["number"], v["source"]) for v in versions] == [(2, "edit"), (1, "extraction")]
    assert "data" not in versions[0]
    with_data = alice_client.get(reverse("cv-versions", args=[done_job.id]), {"include": "data"}).json()
    assert with_data[0]["data"]["hero"]["fullName"] == "Maria J."

    response = alice_client.post(reverse("cv-version-restore", args=[done_job.id, 1]))

    assert response.status_code == 200 and response.json()["version"] == 3
    assert response.json()["cv_data"] == original
    assert done_job.versions.get(number=3).source == "restore:1"
    assert alice_client.post(reverse("cv-version-restore", args=[done_job.id, 99])).status_code == 404


def test_json_resume_export_and_import_round_trip(alice_client, done_job):
    url = reverse("cv-json-resume", args=[done_job.id])
    exported = alice_client.get(url).json()
    assert exported["basics"]["name"] == "Maria Jensen"
    assert exported["basics"]["email"] == "maria.jensen@example.com"

    exported["basics"]["label"] = "Head of Data"
    response = alice_client.put(url, exported, format="json")

    assert response.status_code == 200, response.json()
    assert response.json()["cv_data"]["hero"]["professionalTitle"] == "Head of Data"
    assert done_job.versions.order_by("-number").first().source == "json-resume"


def test_json_resume_import_rejects_garbage(alice_client, done_job):
    url = reverse("cv-json-resume", args=[done_job.id])

    assert alice_client.put(url, ["x"], format="json").status_code in (400, 422)
    response = alice_client.put(url, {"basics": {"name": 42}, "work": "not a list"}, format="json")
    assert response.status_code in (400, 422)
    assert done_job.versions.count() == 1


def test_an_edit_queues_a_rebuild_of_the_cvs_portfolios(alice_client, done_job, monkeypatch,
                                                           django_capture_on_commit_callbacks):
    import portfolios.services

    rebuilt = []
    monkeypatch.setattr(portfolios.services, "portfolio_rebuild_for_job", lambda *, job: rebuilt.append(job.id) or 0,
                        raising=False)
    with django_capture_on_commit_callbacks(execute=True):
        _put(alice_client, done_job, done_job.cv_data)

    assert rebuilt == [done_job.id]


def _database_queries(client, url, **headers) -> list[str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, **headers).status_code == 200
    # The embedded default keeps its cache (the rate-limit counter) in the database too: not counted here.
    return [q["sql"] for q in queries.captured_queries if "r2w_cache" not in q["sql"] and "SAVEPOINT" not in q["sql"]]


def _database_tables(client, url, **headers) -> list[str]:
    return [sql.split(" FROM ")[1].split()[0] for sql in _database_queries(client, url, **headers)]


def test_a_read_costs_two_queries_with_a_session_token_three_with_the_cookie(alice_client, done_job):
    from rest_framework.test import APIClient

    _put(alice_client, done_job, copy.deepcopy(done_job.cv_data))  # version 2, carried on the job itself
    url = reverse("cv-detail", args=[done_job.id])
    token = alice_client.cookies["sessionid"].value

    assert _database_tables(APIClient(), url, HTTP_X_SESSION_TOKEN=token) == [
        '"accounts_session"', '"cvs_extractionjob"']  # the session row joined with its user
    assert _database_tables(alice_client, url) == ['"accounts_session"', '"accounts_user"', '"cvs_extractionjob"']
    assert alice_client.get(url).json()["version"] == 2 == ExtractionJob.objects.get(pk=done_job.pk).version


def test_a_token_read_looks_up_both_rows_by_key_without_sorting(alice_client, done_job):
    from rest_framework.test import APIClient

    url = reverse("cv-detail", args=[done_job.id])
    queries = _database_queries(APIClient(), url, HTTP_X_SESSION_TOKEN=alice_client.cookies["sessionid"].value)

    assert len(queries) == 2
    assert not [sql for sql in queries if "ORDER BY" in sql]


def test_the_version_migration_numbers_existing_jobs_from_their_versions(done_job):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("cvs.migrations.0003_extractionjob_version")
    done_job.versions.create(number=2, data=done_job.cv_data, source="edit")
    ExtractionJob.objects.filter(pk=done_job.pk).update(version=None)
    bare = ExtractionJob.objects.create(original_name="x.pdf", file_type="pdf", size=1, sha256="1" * 64)

    migration.backfill_version(apps, None)

    assert ExtractionJob.objects.get(pk=done_job.pk).version == 2
    assert ExtractionJob.objects.get(pk=bare.pk).version is None


def test_a_read_builds_no_serializer_of_its_own(alice_client, done_job, monkeypatch):
    from cvs.api.documents import CvDetailOutputSerializer

    def no_new_serializer(*args, **kwargs):
        raise AssertionError("a serializer was built for this read")

    monkeypatch.setattr(CvDetailOutputSerializer, "__init__", no_new_serializer)

    assert alice_client.get(reverse("cv-detail", args=[done_job.id])).json()["job_id"] == str(done_job.id)


def test_the_shared_detail_serializer_gives_each_concurrent_read_its_own_document(done_job):
    import threading
    import uuid

    from cvs.api.documents import _detail

    jobs = []
    for n in range(8):
        job = copy.copy(done_job)
        job.id, job.cv_data = uuid.uuid4(), {**done_job.cv_data, "hero": {"fullName": f"Person {n}"}}
        jobs.append(job)
    seen, start = {}, threading.Barrier(len(jobs))

    def read(job):
        start.wait()
        for _ in range(200):
            body = _detail(job)
            assert body["job_id"] == str(job.id) and body["cv_data"]["hero"]["fullName"].endswith(str(jobs.index(job)))
        seen[job.id] = body

    threads = [threading.Thread(target=read, args=(job,)) for job in jobs]
    [thread.start() for thread in threads]
    [thread.join() for thread in threads]

    assert len(seen) == len(jobs)
