"""status, list, restart, delete — and every owned route answers 404 to anyone but the owner."""
import uuid

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from monitoring.models import ProgressEvent
from portfolios.models import Portfolio, PortfolioBuild

OWNED_ROUTES = [
    ("get", "portfolio-status"), ("post", "portfolio-restart"), ("delete", "portfolio-delete"),
    ("get", "portfolio-cv-data"), ("put", "portfolio-cv-data"), ("post", "portfolio-photo"),
    ("post", "portfolio-deploy"), ("get", "portfolio-export"), ("post", "portfolio-setup-custom-domain"),
    ("post", "portfolio-verify-domain"),
]


@pytest.mark.parametrize("method, name", OWNED_ROUTES)
def test_bob_gets_404_on_every_route_of_alices_portfolio(built, bob_client, method, name):
    response = getattr(bob_client, method)(reverse(name, args=[built.id]), {}, format="json")
    assert response.status_code == 404
    assert response.json() == {"error": "not_found", "detail": "No portfolio with this id."}
    built.refresh_from_db()
    assert built.status == "ready"


@pytest.mark.parametrize("method, name", OWNED_ROUTES)
def test_an_unknown_id_is_404(alice_client, method, name):
    response = getattr(alice_client, method)(reverse(name, args=[uuid.uuid4()]), {}, format="json")
    assert response.status_code == 404


@pytest.mark.parametrize("method, name", OWNED_ROUTES + [("get", "portfolio-list"), ("get", "portfolio-metrics")])
def test_anonymous_callers_must_log_in(built, anon_client, method, name):
    args = [] if name in ("portfolio-list", "portfolio-metrics") else [built.id]
    response = getattr(anon_client, method)(reverse(name, args=args), {}, format="json")
    assert response.status_code in (401, 403)


def test_status_shows_the_build(built, alice_client):
    body = alice_client.get(reverse("portfolio-status", args=[built.id])).json()
    assert body["status"] == "ready" and body["build_count"] == 1
    assert body["stream"] == f"portfolio:{built.id}"
    assert body["preview_url"].endswith(f"/p/{built.id}/") and body["public_url"] == ""
    assert body["expires_at"] is not None and body["domain_verified"] is False


def test_list_shows_only_my_portfolios(built, alice_client, bob_client):
    assert [p["id"] for p in alice_client.get(reverse("portfolio-list")).json()] == [str(built.id)]
    assert bob_client.get(reverse("portfolio-list")).json() == []


def test_restart_rebuilds_into_a_new_folder_and_removes_the_old_one(
    built, alice_client, django_capture_on_commit_callbacks, client
):
    old_prefix = built.site_prefix
    assert default_storage.exists(f"{old_prefix}/index.html")
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(reverse("portfolio-restart", args=[built.id]), {"theme": "executive"},
                                     format="json")
    assert response.status_code == 202
    built.refresh_from_db()
    assert built.status == "ready" and built.build_count == 2 and built.theme == "executive"
    assert built.site_prefix != old_prefix
    assert not default_storage.exists(f"{old_prefix}/index.html")
    assert b"theme-executive" in client.get(f"/p/{built.id}/").content
    assert PortfolioBuild.objects.filter(portfolio=built).count() == 2


def test_delete_removes_the_portfolio_and_its_files(built, alice_client, django_capture_on_commit_callbacks, client):
    path = f"{built.site_prefix}/index.html"
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.delete(reverse("portfolio-delete", args=[built.id]))
    assert response.status_code == 204
    assert not Portfolio.objects.filter(pk=built.pk).exists()
    assert not default_storage.exists(path)
    assert client.get(f"/p/{built.id}/").status_code == 404
    # Build history stays for the metrics.
    assert PortfolioBuild.objects.filter(owner=built.owner).count() == 1


def test_a_preview_being_built_shows_a_self_refreshing_page(alice_client, alice_job, client):
    response = alice_client.post(reverse("portfolio-generate", args=[alice_job.id]), {}, format="json")
    page = client.get(f"/p/{response.json()['id']}/")
    assert page.status_code == 202 and page["Refresh"] == "2"
    assert b"Building your site" in page.content
    assert client.get(f"/p/{response.json()['id']}").status_code == 301


def test_rebuild_for_job_rebuilds_every_live_portfolio_of_that_cv(built, alice_job, django_capture_on_commit_callbacks):
    from portfolios.services import portfolio_rebuild_for_job

    with django_capture_on_commit_callbacks(execute=True):
        assert portfolio_rebuild_for_job(job=alice_job) == 1
    built.refresh_from_db()
    assert built.build_count == 2 and built.status == "ready"
    steps = list(ProgressEvent.objects.filter(stream=built.stream).values_list("step", flat=True))
    assert steps.count("ready") == 2


def test_rebuild_portfolio_command_builds_now(built):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("rebuild_portfolio", str(built.id), stdout=out)
    built.refresh_from_db()
    assert built.build_count == 2 and "Built" in out.getvalue()
