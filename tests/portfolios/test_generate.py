from django.urls import reverse

from monitoring.models import ProgressEvent
from portfolios.models import Portfolio, PortfolioBuild
from tests.portfolios.conftest import make_job


def test_it_builds_a_preview_and_serves_it(alice_job, generate, client):
    response = generate(alice_job, theme="developer", options={"accent": "#FF5500"})
    assert response.status_code == 202
    body = response.json()
    assert body["theme"] == "developer" and body["options"] == {"accent": "#ff5500"}
    assert body["preview_url"].endswith(f"/p/{body['id']}/")
    portfolio = Portfolio.objects.get(pk=body["id"])
    assert portfolio.status == "ready" and portfolio.build_count == 1
    assert set(portfolio.site_files) == {"index.html", "style.css", "favicon.svg"}

    page = client.get(reverse("portfolio-preview", args=[portfolio.id]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Ada Lovelace-Byron" in html and "Analytical Engines Ltd" in html
    assert "default-src 'none'" in page["Content-Security-Policy"]
    css = client.get(reverse("portfolio-preview-file", args=[portfolio.id, "style.css"]))
    assert css["Content-Type"].startswith("text/css") and b"--accent:#ff5500" in css.content


def test_it_records_progress_events_on_the_portfolio_stream(built):
    events = list(ProgressEvent.objects.filter(stream=built.stream).values_list("type", "step"))
    assert events[0] == ("step", "queued")
    assert ("step", "building") in events
    assert events[-1] == ("complete", "ready")
    assert PortfolioBuild.objects.filter(portfolio=built, ok=True).count() == 1


def test_it_answers_at_once_with_a_queued_preview(alice_client, alice_job):
    # Without running on-commit callbacks the build has not happened yet: the answer does not wait for it.
    response = alice_client.post(reverse("portfolio-generate", args=[alice_job.id]), {}, format="json")
    assert response.status_code == 202
    assert response.json()["status"] == "queued"


def test_it_refuses_another_users_cv(bob_client, alice_job):
    response = bob_client.post(reverse("portfolio-generate", args=[alice_job.id]), {}, format="json")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_it_requires_login(anon_client, alice_job):
    response = anon_client.post(reverse("portfolio-generate", args=[alice_job.id]), {}, format="json")
    assert response.status_code in (401, 403)


def test_it_refuses_a_cv_without_data(alice, alice_client):
    job = make_job(alice)
    job.cv_data = None
    job.save()
    response = alice_client.post(reverse("portfolio-generate", args=[job.id]), {}, format="json")
    assert response.status_code == 409
    assert response.json()["error"] == "cv_not_ready"


def test_it_rejects_an_unknown_theme_and_bad_options(alice_client, alice_job):
    url = reverse("portfolio-generate", args=[alice_job.id])
    assert alice_client.post(url, {"theme": "neon"}, format="json").status_code == 400
    bad = alice_client.post(url, {"options": {"accent": "red; x"}}, format="json")
    assert bad.status_code == 400 and bad.json()["error"] == "validation_error"
    assert not Portfolio.objects.exists()


def test_a_build_failure_is_recorded_and_shown(alice, alice_job, generate, client):
    alice_job.cv_data = {"hero": {"unknownField": 1}}
    alice_job.save()
    response = generate(alice_job)
    portfolio = Portfolio.objects.get(pk=response.json()["id"])
    assert portfolio.status == "failed" and "could not be rendered" in portfolio.error
    assert PortfolioBuild.objects.filter(portfolio=portfolio, ok=False).exists()
    assert ProgressEvent.objects.filter(stream=portfolio.stream, type="error").exists()
    assert client.get(reverse("portfolio-preview", args=[portfolio.id])).status_code == 503


def test_it_refuses_new_builds_in_maintenance(alice_client, alice_job, settings):
    settings.MAINTENANCE_MODE = True
    response = alice_client.post(reverse("portfolio-generate", args=[alice_job.id]), {}, format="json")
    assert response.status_code == 503 and response.json()["error"] == "maintenance"
