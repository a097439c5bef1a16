"""Log-in and sign-up pages: social buttons only for configured providers, errors inline."""
import pytest
from django.urls import reverse

from resume2website.settings.base import socialaccount_providers
from tests.conftest import PASSWORD

OFF = {"client_id": "", "secret": "", "base_url": ""}


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["account_login", "account_signup"])
def test_no_social_buttons_without_configured_providers(client, settings, name):
    settings.SOCIALACCOUNT_PROVIDERS = {}
    html = client.get(reverse(name)).content.decode()
    assert "Continue with" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["account_login", "account_signup"])
def test_configured_providers_get_a_csrf_protected_button(client, settings, name):
    settings.SOCIALACCOUNT_PROVIDERS = socialaccount_providers({
        "google": {"client_id": "g-id", "secret": "g-secret", "base_url": ""},
        "facebook": OFF,
        "linkedin": {"client_id": "l-id", "secret": "l-secret", "base_url": ""},
    })
    html = client.get(reverse(name)).content.decode()
    assert "Continue with Google" in html and "Continue with LinkedIn" in html
    assert "Continue with Facebook" not in html
    assert html.count('method="post"') == html.count("csrfmiddlewaretoken")


@pytest.mark.django_db
def test_wrong_password_is_explained_on_the_login_page(client, alice):
    response = client.post(reverse("account_login"), {"login": alice.email, "password": "nope"})
    assert response.status_code == 200
    assert "The email address and/or password you specified are not correct." in response.content.decode()


@pytest.mark.django_db
def test_login_then_lands_where_it_was_asked(client, alice):
    response = client.post(reverse("account_login"), {"login": alice.email, "password": PASSWORD,
                                                      "next": reverse("dashboard")})
    assert response.status_code == 302 and response.url == reverse("dashboard")


@pytest.mark.django_db
def test_weak_password_is_explained_on_the_signup_page(client):
    response = client.post(reverse("account_signup"), {"email": "x@example.com", "password1": "123",
                                                       "password2": "123"})
    assert response.status_code == 200
    assert "This password is too short." in response.content.decode()
    assert 'class="field field-error"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["account_change_password", "account_email", "account_logout"])
def test_account_management_pages_use_the_site_design(alice_client, name):
    response = alice_client.get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/css/app.css" in html and 'class="card manage-card"' in html
    assert html.count('method="post"') == html.count("csrfmiddlewaretoken")


@pytest.mark.django_db
def test_password_reset_page_uses_the_site_design(client):
    html = client.get(reverse("account_reset_password")).content.decode()
    assert 'class="card auth-card"' in html and "csrfmiddlewaretoken" in html
