from django.urls import reverse

from cvs.models import ExtractionJob
from cvs.services import SESSION_CLAIMS_KEY


def _anonymous_upload(client, upload) -> dict:
    response = upload(client, route="cv-upload-anonymous")
    assert response.status_code == 201
    return response.json()


def test_claim_after_signup_uses_the_token_kept_in_the_session(anon_client, upload, django_capture_on_commit_callbacks):
    body = _anonymous_upload(anon_client, upload)
    signup = anon_client.post(reverse("auth-register"), {"email": "new@example.com", "password": "a long passphrase 9"},
                              format="json")
    assert signup.status_code == 201

    with django_capture_on_commit_callbacks(execute=True):
        response = anon_client.post(reverse("cv-claim"), {"job_id": body["job_id"]}, format="json")

    assert response.status_code == 200, response.json()
    job = ExtractionJob.objects.get(pk=body["job_id"])
    assert job.owner.email == "new@example.com" and job.claim_token_hash == ""
    assert job.status == ExtractionJob.Status.DONE and job.cv_data["hero"]["fullName"] == "Maria Jensen"
    assert body["job_id"] not in anon_client.session.get(SESSION_CLAIMS_KEY, {})
    assert anon_client.get(reverse("my-cvs")).json()[0]["job_id"] == body["job_id"]


def test_claim_with_the_token_in_the_body_from_another_device(anon_client, alice, alice_client, upload,
                                                              django_capture_on_commit_callbacks):
    body = _anonymous_upload(anon_client, upload)

    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(reverse("cv-claim"), {"job_id": body["job_id"], "claim_token": body["claim_token"]},
                                     format="json")

    assert response.status_code == 200
    assert ExtractionJob.objects.get(pk=body["job_id"]).owner == alice
    # the token is spent: the anonymous session can no longer read Alice's CV
    assert anon_client.get(reverse("cv-detail", args=[body["job_id"]])).status_code == 404


def test_claim_without_the_right_token_is_404(anon_client, bob_client, upload):
    body = _anonymous_upload(anon_client, upload)

    for payload in ({"job_id": body["job_id"]}, {"job_id": body["job_id"], "claim_token": "guess"}):
        response = bob_client.post(reverse("cv-claim"), payload, format="json")
        assert response.status_code == 404
    assert ExtractionJob.objects.get(pk=body["job_id"]).owner is None


def test_a_claimed_job_cannot_be_claimed_again_by_someone_else(anon_client, alice_client, bob_client, upload):
    body = _anonymous_upload(anon_client, upload)
    payload = {"job_id": body["job_id"], "claim_token": body["claim_token"]}
    assert alice_client.post(reverse("cv-claim"), payload, format="json").status_code == 200

    assert alice_client.post(reverse("cv-claim"), payload, format="json").status_code == 200  # idempotent for her
    assert bob_client.post(reverse("cv-claim"), payload, format="json").status_code == 404


def test_claim_requires_sign_in(anon_client, upload):
    body = _anonymous_upload(anon_client, upload)

    response = anon_client.post(reverse("cv-claim"), {"job_id": body["job_id"]}, format="json")

    assert response.status_code in (401, 403)
