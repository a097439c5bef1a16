import io
import zipfile

import pytest
from django.urls import reverse

from portfolios.models import Portfolio
from portfolios.services import portfolio_build


def _body(response) -> str:
    return response.content.decode()


def test_deploy_is_refused_without_payment(built, deploy, client):
    response = deploy(built, slug="ada-lovelace")
    assert response.status_code == 402
    assert response.json()["error"] == "payment_required"
    built.refresh_from_db()
    assert built.published_at is None and built.slug is None
    assert client.get("/s/ada-lovelace/").status_code == 404


def test_it_publishes_self_hosted_at_the_chosen_slug(published, client, settings):
    assert published.slug == "ada-lovelace"
    assert published.deploy_target == "self" and published.deploy_status == "live"
    assert published.deploy_url.endswith("/s/ada-lovelace/")
    page = client.get("/s/ada-lovelace/")
    assert page.status_code == 200
    html = _body(page)
    assert "Ada Lovelace-Byron" in html
    # The rebuild after publishing names the public address in the page.
    assert f'<link rel="canonical" href="{settings.SITE_URL}/s/ada-lovelace/">' in html
    assert "frame-ancestors 'self'" in page["Content-Security-Policy"]
    assert client.get("/s/ada-lovelace/style.css").status_code == 200
    assert client.get("/s/ada-lovelace/secret.txt").status_code == 404
    assert client.get("/s/ada-lovelace").status_code == 301


def test_a_published_site_does_not_expire(published, time_machine):
    from portfolios.services import portfolio_expire_due

    time_machine.move_to(published.expires_at, tick=False)
    time_machine.shift(3600)
    assert portfolio_expire_due().expired == []


@pytest.mark.parametrize(
    "slug, error",
    [("ab", "invalid_slug"), ("Ada Lovelace", "invalid_slug"), ("-ada", "invalid_slug"), ("ada--x", "invalid_slug"),
     ("a" * 64, "validation_error"), ("admin", "slug_reserved"), ("api", "slug_reserved")],
)
def test_it_refuses_bad_or_reserved_slugs(built, paid, deploy, slug, error):
    response = deploy(built, slug=slug)
    assert response.status_code == 400
    assert response.json()["error"] == error


def test_a_slug_is_required_the_first_time(built, paid, deploy):
    response = deploy(built)
    assert response.status_code == 400 and response.json()["error"] == "slug_required"


def test_a_slug_taken_by_someone_else_is_refused(published, bob, bob_client, deploy):
    from payments.services import entitlement_grant
    from tests.portfolios.conftest import make_job

    entitlement_grant(user=bob, source="admin")
    job = make_job(bob)
    created = bob_client.post(reverse("portfolio-generate", args=[job.id]), {}, format="json")
    bob_portfolio = Portfolio.objects.get(pk=created.json()["id"])
    portfolio_build(portfolio_id=bob_portfolio.pk)
    response = deploy(bob_portfolio, client=bob_client, slug="ada-lovelace")
    assert response.status_code == 409 and response.json()["error"] == "slug_taken"


def test_bob_cannot_deploy_alices_portfolio(built, bob, bob_client, deploy):
    from payments.services import entitlement_grant

    entitlement_grant(user=bob, source="admin")
    assert deploy(built, client=bob_client, slug="stolen-site").status_code == 404


def test_it_deploys_to_vercel_when_configured(built, paid, deploy, fake_vercel, client):
    response = deploy(built, slug="ada-lovelace")
    assert response.status_code == 202
    built.refresh_from_db()
    assert built.deploy_target == "vercel" and built.deploy_status == "live", built.deploy_error
    assert built.deploy_url.startswith("https://r2w-ada-lovelace-") and built.deploy_url.endswith(".vercel.app")
    deployment = fake_vercel.deployments[built.vercel_deployment_id]
    assert deployment["readyState"] == "READY" and deployment["polls"] >= 2  # it really polled
    files = fake_vercel.deployment_files(built.vercel_deployment_id)
    assert set(files) == {"index.html", "style.css", "favicon.svg"}
    assert b"Ada Lovelace-Byron" in files["index.html"]
    uploads = [r for r in fake_vercel.requests if r["path"] == "/v2/files"]
    assert len(uploads) == 3 and all(r["headers"]["x-vercel-digest"] for r in uploads)
    # The self-hosted address keeps working beside it.
    assert client.get("/s/ada-lovelace/").status_code == 200


def test_a_failed_vercel_deployment_is_reported(built, paid, deploy, fake_vercel):
    fake_vercel.fail_deployments = True
    deploy(built, slug="ada-lovelace")
    built.refresh_from_db()
    assert built.deploy_status == "failed" and "ERROR" in built.deploy_error


def test_a_wrong_vercel_token_is_reported(built, paid, deploy, fake_vercel, settings):
    settings.VERCEL_TOKEN = "wrong"
    deploy(built, slug="ada-lovelace")
    built.refresh_from_db()
    assert built.deploy_status == "failed" and "403" in built.deploy_error


def test_it_exports_the_site_as_a_zip(built, alice_client, bob_client):
    response = alice_client.get(reverse("portfolio-export", args=[built.id]))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == ["favicon.svg", "index.html", "style.css"]
    html = archive.read("index.html").decode()
    assert '<meta http-equiv="Content-Security-Policy"' in html and 'href="style.css"' in html
    assert bob_client.get(reverse("portfolio-export", args=[built.id])).status_code == 404


def test_deploy_portfolio_command_deploys_to_vercel(published, fake_vercel):
    from django.core.management import call_command

    out = io.StringIO()
    call_command("deploy_portfolio", str(published.id), stdout=out)
    published.refresh_from_db()
    assert "Live at https://r2w-ada-lovelace-" in out.getvalue()
    assert published.deploy_status == "live" and published.deploy_target == "vercel"


def test_a_cv_edit_redeploys_a_site_live_on_vercel(published, fake_vercel, deploy, full_cv, alice_client,
                                                    django_capture_on_commit_callbacks):
    deploy(published)  # already has its slug: moves it to Vercel
    published.refresh_from_db()
    first = published.vercel_deployment_id
    assert published.deploy_status == "live" and first
    full_cv["hero"]["professionalTitle"] = "Principal Engineer"
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.put(reverse("portfolio-cv-data", args=[published.id]), {"cv_data": full_cv},
                                    format="json")
    assert response.status_code == 200
    published.refresh_from_db()
    assert published.vercel_deployment_id != first and published.deploy_status == "live"
    assert b"Principal Engineer" in fake_vercel.deployment_files(published.vercel_deployment_id)["index.html"]


def test_an_unreachable_vercel_is_reported(built, paid, deploy, fake_vercel, settings):
    settings.VERCEL_API_BASE = "http://127.0.0.1:9"  # nothing listens on the discard port
    deploy(built, slug="ada-lovelace")
    built.refresh_from_db()
    assert built.deploy_status == "failed" and "could not be reached" in built.deploy_error


def test_deploy_is_refused_in_maintenance(built, paid, deploy, settings):
    settings.MAINTENANCE_MODE = True
    response = deploy(built, slug="ada-lovelace")
    assert response.status_code == 503 and response.json()["error"] == "maintenance"


def test_published_files_can_be_revalidated_with_etags(published, client):
    first = client.get("/s/ada-lovelace/style.css")
    assert first["Cache-Control"] == "public, max-age=60, must-revalidate"
    again = client.get("/s/ada-lovelace/style.css", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert "default-src 'none'" in again["Content-Security-Policy"]


def test_the_site_goes_offline_when_the_plan_ends_and_back_when_renewed(published, paid, client, alice):
    from payments.services import entitlement_grant, entitlement_revoke

    assert client.get("/s/ada-lovelace/").status_code == 200
    entitlement_revoke(entitlement=paid, reason="subscription cancelled")
    assert client.get("/s/ada-lovelace/").status_code == 404
    assert client.get("/s/ada-lovelace/style.css").status_code == 404
    entitlement_grant(user=alice, source="admin")
    assert client.get("/s/ada-lovelace/").status_code == 200


def test_deleting_a_portfolio_removes_its_vercel_project(built, paid, deploy, fake_vercel, alice_client,
                                                         django_capture_on_commit_callbacks):
    deploy(built, slug="ada-lovelace")
    assert [d["name"] for d in fake_vercel.deployments.values()] == ["r2w-ada-lovelace"]
    with django_capture_on_commit_callbacks(execute=True):
        assert alice_client.delete(reverse("portfolio-delete", args=[built.id])).status_code == 204
    assert fake_vercel.deployments == {}
    assert ("DELETE", "/v9/projects/r2w-ada-lovelace") in [(r["method"], r["path"]) for r in fake_vercel.requests]
