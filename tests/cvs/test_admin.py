from django.urls import reverse

from cvs.models import ExtractionJob
from tests.factories import UserFactory


def _admin_client(client):
    admin = UserFactory(email="root@example.com", is_staff=True, is_superuser=True)
    client.force_login(admin)
    return client


def test_the_admin_lists_searches_and_shows_the_cv_readably(client, done_job):
    client = _admin_client(client)

    listing = client.get(reverse("admin:cvs_extractionjob_changelist"), {"q": "alice@example.com", "status": "done"})
    page = client.get(reverse("admin:cvs_extractionjob_change", args=[done_job.pk]))

    assert listing.status_code == 200 and "cv.pdf" in listing.content.decode()
    assert page.status_code == 200
    html = page.content.decode()
    assert "&quot;fullName&quot;: &quot;Maria Jensen&quot;" in html and "<pre" in html


def test_the_re_extract_action_queues_the_selected_cvs(client, done_job, django_capture_on_commit_callbacks):
    client = _admin_client(client)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:cvs_extractionjob_changelist"),
                               {"action": "reextract", "_selected_action": [str(done_job.pk)]}, follow=True)

    assert response.status_code == 200 and "1 CV(s) queued" in response.content.decode()
    done_job.refresh_from_db()
    assert done_job.status == ExtractionJob.Status.DONE and done_job.versions.count() == 2
    assert done_job.from_cache is False
