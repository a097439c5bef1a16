"""Live progress, editor and theme picker pages of one CV."""
import json

import pytest
from django.urls import reverse

from portfolios.models import Portfolio


def _json_script(html: str, element_id: str):
    start = html.index(f'id="{element_id}"')
    start = html.index(">", start) + 1
    return json.loads(html[start:html.index("</script>", start)])


def test_progress_page_replays_the_recorded_steps(alice_client, extracted_cv):
    response = alice_client.get(reverse("cv_progress", args=[extracted_cv.id]))
    assert response.status_code == 200
    html = response.content.decode()
    events = _json_script(html, "progress-events")
    assert [e["type"] for e in events][-1] == "complete"
    assert [e["id"] for e in events] == sorted(e["id"] for e in events)
    assert f'data-stream="{reverse("sse-cv-extract", args=[extracted_cv.id])}"' in html
    assert 'data-progress-percent>100<' in html


@pytest.mark.parametrize("name", ["cv_progress", "cv_edit", "cv_themes"])
def test_other_users_get_the_not_found_page(bob_client, extracted_cv, name):
    response = bob_client.get(reverse(name, args=[extracted_cv.id]))
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_editor_carries_the_schema_the_data_and_the_api_routes(alice_client, extracted_cv):
    response = alice_client.get(reverse("cv_edit", args=[extracted_cv.id]))
    assert response.status_code == 200
    html = response.content.decode()
    schema = _json_script(html, "cv-schema")
    assert len(schema["properties"]) == 15
    assert _json_script(html, "cv-data")["hero"]["fullName"] == "John Smith"
    for section in schema["properties"]:
        assert f'href="#section-{section}"' in html
    assert f'data-save-url="{reverse("cv-detail", args=[extracted_cv.id])}"' in html
    assert 'data-version="1"' in html


def test_editor_save_route_rejects_a_bad_date_with_the_field(alice_client, extracted_cv):
    """What the editor shows inline: the field path and message from PUT cv/{id}."""
    data = dict(extracted_cv.cv_data)
    data["experience"] = {"experienceItems": [{"jobTitle": "Engineer", "dateRange": {"startDate": "spring 2020"}}]}
    response = alice_client.put(reverse("cv-detail", args=[extracted_cv.id]), {"cv_data": data, "base_version": 1},
                                content_type="application/json")
    assert response.status_code == 422
    fields = {f["field"] for f in response.json()["fields"]}
    assert "experience.experienceItems.0.dateRange.startDate" in fields


def test_editor_of_a_cv_still_being_read_sends_to_progress(alice_client, alice, sample_pdf):
    from cvs.services import cv_upload_create

    job = cv_upload_create(file=sample_pdf, user=alice)  # queued: the task never ran (no commit)
    response = alice_client.get(reverse("cv_edit", args=[job.id]))
    assert response.status_code == 302 and response.url == reverse("cv_progress", args=[job.id])


def test_picking_a_theme_builds_a_preview_and_switching_rebuilds_it(alice_client, alice, extracted_cv,
                                                                    django_capture_on_commit_callbacks):
    url = reverse("cv_themes", args=[extracted_cv.id])
    page = alice_client.get(url).content.decode()
    assert 'value="minimal" checked' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(url, {"theme": "developer"})
    assert response.status_code == 302
    portfolio = Portfolio.objects.get(owner=alice)
    assert (portfolio.theme, portfolio.status) == ("developer", "ready")
    page = alice_client.get(url).content.decode()
    assert f'src="{reverse("portfolio-preview", args=[portfolio.id])}"' in page
    assert 'value="developer" checked' in page
    with django_capture_on_commit_callbacks(execute=True):
        alice_client.post(url, {"theme": "creative"})
    portfolio.refresh_from_db()
    assert portfolio.theme == "creative" and portfolio.build_count == 2
    assert Portfolio.objects.count() == 1


def test_unknown_theme_is_reported_on_the_page(alice_client, extracted_cv):
    url = reverse("cv_themes", args=[extracted_cv.id])
    response = alice_client.post(url, {"theme": "nope"}, follow=True)
    assert response.status_code == 200
    assert "alert-danger" in response.content.decode()
    assert not Portfolio.objects.exists()


def test_failed_extraction_says_what_to_do_next(alice_client, extracted_cv):
    from monitoring.services import progress_event_record

    extracted_cv.status = "failed"
    extracted_cv.error = "This PDF is protected by a password."
    extracted_cv.save()
    progress_event_record(stream=extracted_cv.stream, type="error", step="failed", message=extracted_cv.error,
                          data={"code": "encrypted"})
    html = alice_client.get(reverse("cv_progress", args=[extracted_cv.id])).content.decode()
    assert "We couldn't read this CV" in html
    assert "This PDF is protected by a password." in html
    assert "What to do next: Remove the password" in html
    assert f'data-retry-url="{reverse("cv-extract", args=[extracted_cv.id])}"' in html
    assert "data-progress-retry >" in html  # the retry row is shown, not hidden
    assert _json_script(html, "progress-next-steps")["encrypted"].startswith("Remove the password")
