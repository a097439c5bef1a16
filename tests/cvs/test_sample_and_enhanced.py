from django.urls import reverse

from cvs.models import ExtractionJob
from tests.cvs import files


def test_staff_run_the_pipeline_on_the_bundled_sample(staff_client):
    response = staff_client.get(reverse("cv-enhanced-test-with-sample"))

    assert response.status_code == 200
    body = response.json()
    assert body["sample"] == "sample-cv.pdf" and body["extractor"] == "offline"
    assert body["cv_data"]["hero"]["fullName"] == "Daniel Okafor"
    assert body["cv_data"]["contact"]["email"] == "daniel.okafor@example.org"
    assert body["gate_score"] >= 60 and 0 < body["confidence"] <= 1
    assert body["stats"]["timings_ms"]["total"] > 0
    assert ExtractionJob.objects.count() == 0


def test_the_sample_route_is_closed_to_others_unless_debug(alice_client, anon_client, settings):
    assert alice_client.get(reverse("cv-enhanced-test-with-sample")).status_code == 403
    assert anon_client.get(reverse("cv-enhanced-test-with-sample")).status_code in (401, 403)
    settings.DEBUG = True
    assert anon_client.get(reverse("cv-enhanced-test-with-sample")).status_code == 200


def test_enhanced_upload_returns_the_job_and_where_to_follow_it(alice_client, upload):
    response = upload(alice_client, name="cv.docx", data=files.make_docx(), route="cv-enhanced-upload")

    assert response.status_code == 201
    body = response.json()
    job = ExtractionJob.objects.get(pk=body["job"]["job_id"])
    assert body["streams"]["stream"] == job.stream == f"cv:{job.id}"
    assert body["streams"]["sse"] == f"http://testserver/api/v1/cv-enhanced/stream/{job.id}"
    assert body["streams"]["sse_extract"] == f"http://testserver/api/v1/sse/cv/extract-streaming/{job.id}"
    assert body["streams"]["websocket"] == f"ws://testserver/ws/progress/cv/{job.id}/"
    assert job.status == ExtractionJob.Status.DONE
