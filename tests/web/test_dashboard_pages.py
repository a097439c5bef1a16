"""Dashboard, the website page (publish, custom domain) and the account page."""
import pytest
from django.urls import reverse

from payments.services import entitlement_grant
from portfolios.models import Portfolio
from tests.fakes.dns import fake_dns  # noqa: F401  (fixture)


@pytest.fixture
def portfolio(alice, extracted_cv, django_capture_on_commit_callbacks):
    from portfolios.services import portfolio_create

    with django_capture_on_commit_callbacks(execute=True):
        built = portfolio_create(user=alice, job=extracted_cv, theme="minimal")
    built.refresh_from_db()
    assert built.status == "ready", built.error
    return built


def test_dashboard_lists_cvs_and_websites_with_expiry(alice_client, extracted_cv, portfolio):
    html = alice_client.get(reverse("dashboard")).content.decode()
    assert "John Smith" in html
    assert f'data-cv="{extracted_cv.id}"' in html
    assert f'data-portfolio="{portfolio.id}"' in html
    assert f'data-countdown="{portfolio.expires_at.isoformat()}"' in html
    assert "Publishing needs a plan" in html


def test_dashboard_needs_login(client):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


def test_publishing_without_a_plan_says_what_to_do(alice_client, portfolio):
    html = alice_client.get(reverse("portfolio_manage", args=[portfolio.id])).content.decode()
    assert "Publishing needs a plan." in html
    response = alice_client.post(reverse("portfolio_action", args=[portfolio.id, "publish"]), {"slug": "john-smith"})
    assert response.status_code == 402
    assert "needs a paid plan" in response.content.decode()
    portfolio.refresh_from_db()
    assert not portfolio.is_published


def test_publish_then_connect_a_domain_and_see_its_records(alice_client, alice, portfolio,
                                                           django_capture_on_commit_callbacks):
    entitlement_grant(user=alice, source="admin")
    page = alice_client.get(reverse("portfolio_manage", args=[portfolio.id])).content.decode()
    assert 'value="john-smith"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(reverse("portfolio_action", args=[portfolio.id, "publish"]),
                                     {"slug": "john-smith"})
    assert response.status_code == 302
    site = alice_client.get("/s/john-smith/")
    body = b"".join(site.streaming_content) if site.streaming else site.content
    assert site.status_code == 200 and b"John Smith" in body
    response = alice_client.post(reverse("portfolio_action", args=[portfolio.id, "domain"]),
                                 {"domain": "www.johnsmith.dev"}, follow=True)
    html = response.content.decode()
    portfolio.refresh_from_db()
    assert portfolio.domain == "www.johnsmith.dev"
    assert portfolio.domain_token in html
    assert "<code>www.johnsmith.dev</code>" in html
    assert 'data-verify' in html


def test_bad_address_is_explained_on_the_page(alice_client, alice, portfolio):
    entitlement_grant(user=alice, source="admin")
    response = alice_client.post(reverse("portfolio_action", args=[portfolio.id, "publish"]), {"slug": "admin"})
    assert response.status_code == 400
    assert "reserved" in response.content.decode()


def test_someone_elses_website_is_not_found(bob_client, portfolio):
    assert bob_client.get(reverse("portfolio_manage", args=[portfolio.id])).status_code == 404
    response = bob_client.post(reverse("portfolio_action", args=[portfolio.id, "delete"]))
    assert response.status_code == 404
    assert Portfolio.objects.filter(pk=portfolio.pk).exists()


def test_delete_website(alice_client, portfolio):
    response = alice_client.post(reverse("portfolio_action", args=[portfolio.id, "delete"]))
    assert response.status_code == 302 and response.url == reverse("dashboard")
    assert not Portfolio.objects.filter(pk=portfolio.pk).exists()


@pytest.mark.django_db
def test_account_page_saves_the_profile_and_lists_entitlements(alice_client, alice):
    entitlement_grant(user=alice, source="admin")
    html = alice_client.get(reverse("account")).content.decode()
    assert 'data-entitlement="active"' in html
    response = alice_client.post(reverse("account"), {"name": "Alice Q", "phone": "+44 20 7946 0000",
                                                      "location": "London", "date_of_birth": ""})
    assert response.status_code == 302
    alice.refresh_from_db()
    assert (alice.name, alice.location) == ("Alice Q", "London")


@pytest.mark.django_db
def test_account_page_shows_field_errors(alice_client, alice):
    response = alice_client.post(reverse("account"), {"name": "A", "date_of_birth": "not a date"})
    assert response.status_code == 400
    assert "Enter a valid date." in response.content.decode()
    alice.refresh_from_db()
    assert alice.name == "Alice Example"


def test_a_domain_that_cannot_work_is_explained(alice_client, alice, portfolio, django_capture_on_commit_callbacks):
    entitlement_grant(user=alice, source="admin")
    with django_capture_on_commit_callbacks(execute=True):
        alice_client.post(reverse("portfolio_action", args=[portfolio.id, "publish"]), {"slug": "john-smith"})
    response = alice_client.post(reverse("portfolio_action", args=[portfolio.id, "domain"]), {"domain": "10.0.0.1"})
    assert response.status_code == 400
    assert "not an IP address" in response.content.decode()


def test_verify_button_checks_each_record_and_says_what_is_missing(alice_client, alice, portfolio, fake_dns, settings,
                                                                   django_capture_on_commit_callbacks):
    from portfolios.services import domain_records

    settings.PORTFOLIO_DOMAIN_TARGET = "sites.resume2website.dev"
    entitlement_grant(user=alice, source="admin")
    with django_capture_on_commit_callbacks(execute=True):
        alice_client.post(reverse("portfolio_action", args=[portfolio.id, "publish"]), {"slug": "john-smith"})
    alice_client.post(reverse("portfolio_action", args=[portfolio.id, "domain"]), {"domain": "www.johnsmith.dev"})
    portfolio.refresh_from_db()
    txt, target = domain_records(portfolio)
    fake_dns.add(txt["name"], "TXT", txt["value"])
    verify = reverse("portfolio_action", args=[portfolio.id, "verify"])
    html = alice_client.post(verify).content.decode()
    assert html.count("✓ found") == 1 and html.count("not yet") == 1
    portfolio.refresh_from_db()
    assert portfolio.domain_verified_at is None

    fake_dns.add(target["name"], target["type"], target["value"])
    html = alice_client.post(verify).content.decode()
    assert html.count("✓ found") == 2
    assert "www.johnsmith.dev is verified." in html
    portfolio.refresh_from_db()
    assert portfolio.domain_verified_at is not None


def test_work_in_progress_refreshes_itself_until_done(alice_client, alice, extracted_cv, sample_pdf):
    from cvs.services import cv_upload_create
    from portfolios.services import portfolio_create

    running = cv_upload_create(file=sample_pdf, user=alice)  # queued: on_commit never fires here
    building = portfolio_create(user=alice, job=extracted_cv, theme="minimal")
    html = alice_client.get(reverse("dashboard")).content.decode()
    assert f"hx-select=\"tr[data-cv='{running.id}']\"" in html
    assert f"hx-select=\"tr[data-cv='{extracted_cv.id}']\"" not in html
    assert f"hx-select=\"[data-portfolio='{building.id}']\"" in html
    page = alice_client.get(reverse("portfolio_manage", args=[building.id])).content.decode()
    assert 'hx-select="#publish"' in page
    building.status = "ready"
    building.save()
    page = alice_client.get(reverse("portfolio_manage", args=[building.id])).content.decode()
    assert 'hx-select="#publish"' not in page
    building.deploy_status = "deploying"  # a Vercel deployment on its way
    building.save()
    page = alice_client.get(reverse("portfolio_manage", args=[building.id])).content.decode()
    assert 'hx-select="#publish"' in page
