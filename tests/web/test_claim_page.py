"""Sign up after an anonymous upload: the CV is claimed and read without uploading it again."""
import pytest
from django.urls import reverse

from cvs.models import ExtractionJob
from tests.conftest import PASSWORD

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.mark.django_db
def test_sign_up_claims_the_uploaded_cv_and_starts_reading_it(client, sample_pdf, django_capture_on_commit_callbacks):
    job_id = client.post(reverse("cv_upload"), {"file": sample_pdf}, **JSON).json()["job_id"]
    claim_url = reverse("cv_claim", args=[job_id])
    response = client.post(f"{reverse('account_signup')}?next={claim_url}", {
        "email": "new@example.com", "password1": PASSWORD, "password2": PASSWORD, "next": claim_url,
    })
    assert response.status_code == 302 and response.url == claim_url
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(claim_url)
    assert response.status_code == 302
    assert response.url == reverse("cv_progress", args=[job_id])
    job = ExtractionJob.objects.get(pk=job_id)
    assert job.owner.email == "new@example.com"
    assert job.status == ExtractionJob.Status.DONE
    assert "pending_cv" not in client.session
    page = client.get(response.url)
    assert page.status_code == 200
    assert "Done — your CV is ready" in page.content.decode()


@pytest.mark.django_db
def test_another_browser_cannot_claim_the_upload(client, bob_client, sample_pdf):
    job_id = client.post(reverse("cv_upload"), {"file": sample_pdf}, **JSON).json()["job_id"]
    response = bob_client.get(reverse("cv_claim", args=[job_id]))
    assert response.status_code == 404
    assert "couldn't find that CV in this browser" in response.content.decode()
    assert ExtractionJob.objects.get(pk=job_id).owner is None


@pytest.mark.django_db
def test_claim_page_needs_a_signed_in_user(client, sample_pdf):
    job_id = client.post(reverse("cv_upload"), {"file": sample_pdf}, **JSON).json()["job_id"]
    response = client.get(reverse("cv_claim", args=[job_id]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.django_db
def test_logging_in_to_an_existing_account_claims_the_upload_too(client, alice, sample_pdf,
                                                                 django_capture_on_commit_callbacks):
    body = client.post(reverse("cv_upload"), {"file": sample_pdf}, **JSON).json()
    claim_url = reverse("cv_claim", args=[body["job_id"]])
    assert body["login_url"] == f"{reverse('account_login')}?next={claim_url.replace('/', '%2F')}"
    response = client.post(body["login_url"], {"login": alice.email, "password": PASSWORD, "next": claim_url})
    assert response.status_code == 302 and response.url == claim_url
    with django_capture_on_commit_callbacks(execute=True):
        client.get(claim_url)
    job = ExtractionJob.objects.get(pk=body["job_id"])
    assert job.owner == alice and job.status == ExtractionJob.Status.DONE
