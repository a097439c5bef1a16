from django.urls import reverse

from cvs.models import ExtractionJob
from cvs.services import SESSION_CLAIMS_KEY
from monitoring.models import ProgressEvent
from tests.cvs import files


def test_it_gates_without_extracting_and_returns_a_claim_token(anon_client, upload):
    response = upload(anon_client, route="cv-upload-anonymous")

    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "uploaded" and body["gate_score"] >= 60 and len(body["claim_token"]) >= 40
    job = ExtractionJob.objects.get(pk=body["job_id"])
    assert job.owner is None and job.cv_data is None and job.started_at is None
    assert body["claim_token"] not in job.claim_token_hash  # only its hash is stored
    assert anon_client.session[SESSION_CLAIMS_KEY] == {body["job_id"]: body["claim_token"]}
    assert not ProgressEvent.objects.filter(stream=job.stream, step="start").exists()


def test_the_uploader_reads_the_job_through_the_session_or_the_token(anon_client, upload):
    body = upload(anon_client, route="cv-upload-anonymous").json()
    url = reverse("cv-detail", args=[body["job_id"]])

    assert anon_client.get(url).status_code == 200  # same session
    stranger = anon_client.__class__()
    assert stranger.get(url).status_code == 404
    assert stranger.get(url, HTTP_X_CLAIM_TOKEN="wrong-token").status_code == 404
    assert stranger.get(url, HTTP_X_CLAIM_TOKEN=body["claim_token"]).status_code == 200
    assert stranger.get(url, {"claim_token": body["claim_token"]}).json()["status"] == "uploaded"


def test_a_signed_in_users_other_clients_cannot_read_an_anonymous_job_without_its_token(bob_client, anon_client,
                                                                                         upload):
    body = upload(anon_client, route="cv-upload-anonymous").json()

    assert bob_client.get(reverse("cv-detail", args=[body["job_id"]])).status_code == 404


def test_it_refuses_non_cvs_at_once(anon_client, upload):
    response = upload(anon_client, name="essay.txt", data=files.INVOICE_TEXT.encode() * 3, route="cv-upload-anonymous")

    assert response.status_code == 400 and response.json()["error"] == "not_a_resume"
    assert SESSION_CLAIMS_KEY not in anon_client.session
