"""Every route that names a CV answers 404 to anyone but its owner, and changes nothing."""
import uuid

import pytest
from django.urls import reverse

from cvs.models import ExtractionJob

OWNED_ROUTES = [
    ("get", "cv-detail", ()),
    ("put", "cv-detail", ()),
    ("get", "cv-versions", ()),
    ("post", "cv-version-restore", (1,)),
    ("get", "cv-json-resume", ()),
    ("put", "cv-json-resume", ()),
    ("get", "cv-download", ()),
    ("get", "cv-download-all", ()),
    ("get", "cv-download-file", ("cv.json",)),
    ("post", "cv-extract", ()),
]


def _call(client, method, name, job_id, extra):
    url = reverse(name, args=[job_id, *extra])
    body = {"cv_data": {"hero": {"fullName": "Mallory"}}} if method == "put" else {}
    return getattr(client, method)(url, body, format="json")


@pytest.mark.parametrize(("method", "name", "extra"), OWNED_ROUTES)
def test_bob_gets_404_on_alices_cv(bob_client, done_job, method, name, extra):
    response = _call(bob_client, method, name, done_job.id, extra)

    assert response.status_code == 404, (name, response.status_code)
    assert response.json() == {"error": "not_found", "detail": "No CV with this id."}
    done_job.refresh_from_db()
    assert done_job.cv_data["hero"]["fullName"] == "Maria Jensen" and done_job.versions.count() == 1


@pytest.mark.parametrize(("method", "name", "extra"), OWNED_ROUTES)
def test_an_unknown_id_is_the_same_404(alice_client, db, method, name, extra):
    response = _call(alice_client, method, name, uuid.uuid4(), extra)

    assert response.status_code == 404 and response.json()["detail"] == "No CV with this id."


@pytest.mark.parametrize(("method", "name", "extra"), OWNED_ROUTES)
def test_an_anonymous_client_cannot_reach_an_owned_cv(anon_client, done_job, method, name, extra):
    response = _call(anon_client, method, name, done_job.id, extra)

    assert response.status_code in (401, 403, 404)
    assert str(done_job.id) not in response.content.decode()


def test_my_cvs_lists_only_my_own(alice_client, bob_client, done_job):
    assert [j["job_id"] for j in alice_client.get(reverse("my-cvs")).json()] == [str(done_job.id)]
    assert bob_client.get(reverse("my-cvs")).json() == []


def test_a_claim_token_opens_only_its_own_anonymous_job(anon_client, upload, done_job):
    token = upload(anon_client, route="cv-upload-anonymous").json()["claim_token"]
    stranger = anon_client.__class__()

    response = stranger.get(reverse("cv-detail", args=[done_job.id]), HTTP_X_CLAIM_TOKEN=token)

    assert response.status_code == 404
    assert ExtractionJob.objects.filter(owner__isnull=True).count() == 1
