"""The landing page's upload box: anonymous and signed-in uploads, the Resume Gate's answer."""
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from cvs.models import ExtractionJob

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.mark.django_db
def test_landing_shows_the_upload_box_with_csrf(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'action="/upload/"' in html
    assert 'enctype="multipart/form-data"' in html
    assert "csrfmiddlewaretoken" in html
    assert 'accept=".pdf,.docx,.doc,.txt,.rtf,.png,.jpg,.jpeg,.webp"' in html


@pytest.mark.django_db
def test_anonymous_upload_passes_the_gate_and_points_to_sign_up_with_the_claim(client, sample_pdf):
    response = client.post(reverse("cv_upload"), {"file": sample_pdf}, **JSON)
    assert response.status_code == 201
    body = response.json()
    job = ExtractionJob.objects.get(pk=body["job_id"])
    assert job.owner is None and job.status == ExtractionJob.Status.UPLOADED
    assert body["gate_score"] == job.gate_score >= 60
    next_url = parse_qs(urlsplit(body["next_url"]).query)["next"][0]
    assert urlsplit(body["next_url"]).path == reverse("account_signup")
    assert next_url == reverse("cv_claim", args=[job.id])
    assert client.session["pending_cv"] == {"id": str(job.id), "name": sample_pdf.name}
    signup = client.get(body["next_url"])
    assert f"Your CV “{sample_pdf.name}” is ready to go." in signup.content.decode()


@pytest.mark.django_db
def test_refused_upload_answers_score_reason_and_suggestion(client, not_a_cv):
    response = client.post(reverse("cv_upload"), {"file": not_a_cv}, **JSON)
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "not_a_resume"
    assert body["score"] < 60 and body["reason"] and body["suggestion"]
    assert not ExtractionJob.objects.exists()


@pytest.mark.django_db
def test_without_javascript_the_form_post_renders_the_refusal_page(client, not_a_cv):
    response = client.post(reverse("cv_upload"), {"file": not_a_cv})
    assert response.status_code == 400
    html = response.content.decode()
    assert "We couldn't accept this file" in html
    assert "What to do:" in html


@pytest.mark.django_db
def test_missing_file_is_a_clear_error(client):
    response = client.post(reverse("cv_upload"), {}, **JSON)
    assert response.status_code == 400
    assert response.json()["detail"] == "Choose a CV file to upload."


@pytest.mark.django_db
def test_unsupported_file_type_is_refused(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    exe = SimpleUploadedFile("cv.exe", b"MZ\x90\x00" + b"\x00" * 200)
    response = client.post(reverse("cv_upload"), {"file": exe}, **JSON)
    assert response.status_code == 415
    assert response.json()["detail"]


@pytest.mark.django_db
def test_signed_in_upload_goes_straight_to_live_progress(alice_client, sample_pdf, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(reverse("cv_upload"), {"file": sample_pdf}, **JSON)
    assert response.status_code == 201
    body = response.json()
    assert body["next_url"] == reverse("cv_progress", args=[body["job_id"]])
    assert ExtractionJob.objects.get(pk=body["job_id"]).status == ExtractionJob.Status.DONE


@pytest.mark.django_db
def test_upload_needs_the_csrf_token(sample_pdf):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(reverse("cv_upload"), {"file": sample_pdf}, **JSON)
    assert response.status_code == 403
    assert not ExtractionJob.objects.exists()


@pytest.mark.django_db
def test_uploads_from_the_page_share_the_upload_rate_limit(client, not_a_cv, monkeypatch):
    from rest_framework.throttling import SimpleRateThrottle

    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {**SimpleRateThrottle.THROTTLE_RATES, "upload": "2/min"})
    for _ in range(2):
        assert client.post(reverse("cv_upload"), {"file": not_a_cv}, **JSON).status_code != 429
    response = client.post(reverse("cv_upload"), {"file": not_a_cv}, **JSON)
    assert response.status_code == 429
    assert response.json()["retry_after"] >= 1


@pytest.mark.django_db
def test_maintenance_mode_pauses_uploads_with_a_clear_message(client, sample_pdf, settings):
    settings.MAINTENANCE_MODE = True
    response = client.post(reverse("cv_upload"), {"file": sample_pdf}, **JSON)
    assert response.status_code == 503
    assert "maintenance" in response.json()["detail"]
    assert not ExtractionJob.objects.exists()


@pytest.mark.django_db
def test_an_image_cv_is_accepted_and_checked_once_read(client):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (600, 800), "white").save(buffer, format="PNG")
    photo = SimpleUploadedFile("cv-photo.png", buffer.getvalue(), content_type="image/png")
    response = client.post(reverse("cv_upload"), {"file": photo}, **JSON)
    assert response.status_code == 201
    assert response.json()["gate_score"] is None
