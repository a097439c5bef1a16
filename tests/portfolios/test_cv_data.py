from django.urls import reverse

from cvs.models import CVVersion


def test_get_returns_the_cv_the_site_is_built_from(built, alice_client, full_cv):
    body = alice_client.get(reverse("portfolio-cv-data", args=[built.id])).json()
    assert body["portfolio_id"] == str(built.id) and body["job_id"] == str(built.job_id)
    assert body["cv_data"]["hero"]["fullName"] == full_cv["hero"]["fullName"]


def test_put_validates_versions_and_rebuilds(built, alice_client, full_cv, django_capture_on_commit_callbacks, client):
    full_cv["hero"]["fullName"] = "Augusta Ada King"
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.put(reverse("portfolio-cv-data", args=[built.id]), {"cv_data": full_cv},
                                    format="json")
    assert response.status_code == 200, response.content
    assert response.json()["cv_data"]["hero"]["fullName"] == "Augusta Ada King"
    assert CVVersion.objects.filter(job=built.job, source="portfolio").exists()
    built.refresh_from_db()
    assert built.build_count == 2 and built.status == "ready"
    html = client.get(f"/p/{built.id}/").content.decode()
    assert "Augusta Ada King" in html and "Ada Lovelace-Byron</h1>" not in html


def test_put_refuses_a_document_that_breaks_the_schema(built, alice_client, full_cv):
    full_cv["experience"]["experienceItems"][0]["dateRange"]["startDate"] = "March 2021"
    response = alice_client.put(reverse("portfolio-cv-data", args=[built.id]), {"cv_data": full_cv}, format="json")
    assert response.status_code == 422
    assert "experience.experienceItems.0.dateRange.startDate" in response.json()["detail"]
    built.refresh_from_db()
    assert built.build_count == 1 and built.job.cv_data["experience"]["experienceItems"][0]["dateRange"][
        "startDate"] == "2021-03"
