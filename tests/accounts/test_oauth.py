"""Sign-in with Google, Facebook and LinkedIn: allauth's real provider code against a fake
provider on 127.0.0.1 (tests/fakes/oauth.py)."""
import pytest
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.urls import reverse
from rest_framework.test import APIClient

from resume2website.settings.base import socialaccount_providers
from tests.fakes.oauth import FakeOAuthProviders, Person

pytestmark = pytest.mark.django_db

PROVIDERS = ["google", "facebook", "linkedin"]
CLIENTS = {
    "google": ("1234-r2w.apps.googleusercontent.com", "google-client-secret"),
    "facebook": ("987654321012345", "facebook-app-secret"),
    "linkedin": ("86r2wlinkedin", "linkedin-client-secret"),
}
REDIRECT_URI = "http://testserver/auth/return"
AUTHORIZE_PATHS = {
    "google": "/google/o/oauth2/v2/auth",
    "facebook": "/facebook/v19.0/dialog/oauth",
    "linkedin": "/linkedin/oauth/v2/authorization",
}
User = get_user_model()


def _configure(settings, base_urls: dict[str, str]) -> None:
    oauth = {
        name: {"client_id": client_id, "secret": secret, "base_url": base_urls[name]}
        for name, (client_id, secret) in CLIENTS.items()
    }
    settings.OAUTH_PROVIDERS = oauth
    settings.SOCIALACCOUNT_PROVIDERS = socialaccount_providers(oauth)


@pytest.fixture
def fake(settings):
    fake = FakeOAuthProviders(CLIENTS).start()
    _configure(settings, {name: fake.base_url(name) for name in CLIENTS})
    yield fake
    fake.stop()


def _callback(client, provider, **data):
    return client.post(reverse(f"auth-{provider}-callback"), data, format="json")


def _sign_in(client, fake, provider, person):
    code = fake.issue_code(provider, person, redirect_uri=REDIRECT_URI)
    return _callback(client, provider, code=code, redirect_uri=REDIRECT_URI)


class TestStatus:
    @pytest.mark.parametrize("provider", PROVIDERS)
    def test_it_says_when_a_provider_is_not_configured(self, anon_client, settings, provider):
        settings.SOCIALACCOUNT_PROVIDERS = {}
        body = anon_client.get(reverse(f"auth-{provider}-status")).json()
        assert body["configured"] is False
        assert body["client_id"] is None and body["authorize_url"] is None

    @pytest.mark.parametrize("provider", PROVIDERS)
    def test_it_gives_the_public_client_id_and_authorize_url(self, anon_client, fake, provider):
        response = anon_client.get(reverse(f"auth-{provider}-status"))
        assert response.status_code == 200
        body = response.json()
        assert body["configured"] is True
        assert body["client_id"] == CLIENTS[provider][0]
        assert body["authorize_url"] == fake.url + AUTHORIZE_PATHS[provider]
        assert "email" in body["scope"]
        assert body["callback_url"] == f"http://testserver/api/v1/auth/{provider}/callback"
        assert CLIENTS[provider][1] not in response.content.decode()

    def test_linkedin_without_its_discovery_document_still_answers(self, anon_client, fake):
        fake.fail_with = 503
        body = anon_client.get(reverse("auth-linkedin-status")).json()
        assert body["configured"] is True and body["authorize_url"] is None

    def test_real_provider_hosts_are_used_without_a_base_url(self, anon_client, settings):
        _configure(settings, {name: "" for name in CLIENTS})
        body = anon_client.get(reverse("auth-google-status")).json()
        assert body["authorize_url"] == "https://accounts.google.com/o/oauth2/v2/auth"

    def test_settings_turn_a_provider_on_only_with_id_and_secret(self):
        providers = socialaccount_providers({
            "google": {"client_id": "id", "secret": "", "base_url": ""},
            "facebook": {"client_id": "", "secret": "", "base_url": ""},
            "linkedin": {"client_id": "id", "secret": "s", "base_url": ""},
        })
        assert list(providers) == ["openid_connect"]
        assert providers["openid_connect"]["APPS"][0]["provider_id"] == "linkedin"


class TestCallbackWithCode:
    @pytest.mark.parametrize("provider", PROVIDERS)
    def test_it_creates_the_user_and_a_session(self, anon_client, fake, provider):
        response = _sign_in(anon_client, fake, provider, Person(email="Dana@Example.com", name="Dana Scully"))
        assert response.status_code == 200, response.content
        body = response.json()
        assert body["user"]["email"].lower() == "dana@example.com"
        assert body["user"]["name"] == "Dana Scully"
        user = User.objects.get(email__iexact="dana@example.com")
        assert SocialAccount.objects.get(user=user).provider in (provider, "openid_connect")
        # The session token works on its own, and so does the session cookie.
        me = APIClient().get(reverse("auth-me"), HTTP_X_SESSION_TOKEN=body["session_token"])
        assert me.status_code == 200 and me.json()["id"] == user.id
        assert anon_client.get(reverse("auth-me")).json()["id"] == user.id

    @pytest.mark.parametrize("provider", PROVIDERS)
    def test_the_same_email_connects_to_the_existing_account(self, anon_client, fake, alice, provider):
        response = _sign_in(anon_client, fake, provider, Person(email="alice@example.com", name="Alice Example"))
        assert response.status_code == 200, response.content
        assert response.json()["user"]["id"] == alice.id
        assert User.objects.filter(email__iexact="alice@example.com").count() == 1
        assert SocialAccount.objects.get(user=alice)

    @pytest.mark.parametrize("provider", PROVIDERS)
    def test_signing_in_twice_reuses_the_account(self, anon_client, fake, provider):
        person = Person(email="eve@example.com", name="Eve Polastri")
        first = _sign_in(anon_client, fake, provider, person).json()["user"]["id"]
        second = _sign_in(anon_client, fake, provider, person).json()["user"]["id"]
        assert first == second
        assert SocialAccount.objects.filter(user_id=first).count() == 1

    @pytest.mark.parametrize("provider", PROVIDERS)
    def test_a_bad_code_is_refused_with_400(self, anon_client, fake, provider):
        response = _callback(anon_client, provider, code="not-a-real-code", redirect_uri=REDIRECT_URI)
        assert response.status_code == 400
        body = response.json()
        assert body["error"] == "oauth_invalid_grant"
        assert body["detail"]
        assert not User.objects.exists()

    @pytest.mark.parametrize("provider", PROVIDERS)
    def test_a_code_works_only_once(self, anon_client, fake, provider):
        code = fake.issue_code(provider, Person(email="once@example.com"), redirect_uri=REDIRECT_URI)
        assert _callback(anon_client, provider, code=code, redirect_uri=REDIRECT_URI).status_code == 200
        again = _callback(anon_client, provider, code=code, redirect_uri=REDIRECT_URI)
        assert again.status_code == 400 and again.json()["error"] == "oauth_invalid_grant"

    @pytest.mark.parametrize("provider", PROVIDERS)
    def test_a_provider_error_is_a_502(self, anon_client, fake, provider):
        code = fake.issue_code(provider, Person(email="x@example.com"), redirect_uri=REDIRECT_URI)
        fake.fail_with = 503
        response = _callback(anon_client, provider, code=code, redirect_uri=REDIRECT_URI)
        assert response.status_code == 502
        assert response.json()["error"] == "oauth_provider_error"
        assert not User.objects.exists()

    @pytest.mark.parametrize("provider", PROVIDERS)
    def test_an_unreachable_provider_is_a_503(self, anon_client, fake, provider):
        code = fake.issue_code(provider, Person(email="x@example.com"), redirect_uri=REDIRECT_URI)
        fake.stop()
        response = _callback(anon_client, provider, code=code, redirect_uri=REDIRECT_URI)
        assert response.status_code == 503
        body = response.json()
        assert body["error"] == "oauth_provider_unavailable"
        assert "cannot be reached" in body["detail"]

    def test_an_unconfigured_provider_is_a_503(self, anon_client, settings):
        settings.SOCIALACCOUNT_PROVIDERS = {}
        response = _callback(anon_client, "google", code="abc", redirect_uri=REDIRECT_URI)
        assert response.status_code == 503
        assert response.json()["error"] == "oauth_not_configured"

    def test_the_redirect_uri_must_be_one_of_ours(self, anon_client, fake):
        evil = "https://evil.example.net/steal"
        code = fake.issue_code("google", Person(email="x@example.com"), redirect_uri=evil)
        response = _callback(anon_client, "google", code=code, redirect_uri=evil)
        assert response.status_code == 400
        assert response.json()["error"] == "invalid_redirect_uri"
        assert fake.requests == []

    def test_a_front_end_origin_from_cors_settings_is_accepted(self, anon_client, fake, settings):
        settings.CORS_ALLOWED_ORIGINS = ["https://app.example.com"]
        redirect = "https://app.example.com/oauth/google"
        code = fake.issue_code("google", Person(email="spa@example.com"), redirect_uri=redirect)
        assert _callback(anon_client, "google", code=code, redirect_uri=redirect).status_code == 200

    def test_an_unverified_email_of_an_existing_account_is_not_taken_over(self, anon_client, fake, alice):
        person = Person(email="alice@example.com", email_verified=False)
        response = _sign_in(anon_client, fake, "google", person)
        assert response.status_code == 409
        assert response.json()["error"] == "email_taken"
        assert not SocialAccount.objects.exists()
        assert anon_client.get(reverse("auth-me")).status_code in (401, 403)

    def test_a_deactivated_account_cannot_sign_in(self, anon_client, fake, alice):
        person = Person(email="alice@example.com")
        assert _sign_in(anon_client, fake, "google", person).status_code == 200
        alice.is_active = False
        alice.save()
        response = _sign_in(APIClient(), fake, "google", person)
        assert response.status_code == 403
        assert response.json()["error"] == "account_disabled"

    def test_missing_fields_are_a_validation_error(self, anon_client, fake):
        response = _callback(anon_client, "google", code="abc")
        assert response.status_code == 400
        assert response.json()["error"] == "validation_error"
        assert "redirect_uri" in response.json()["fields"]
        assert _callback(anon_client, "google").json()["error"] == "validation_error"


class TestCallbackWithToken:
    def test_a_facebook_access_token_from_the_sdk_signs_in(self, anon_client, fake):
        token = fake.issue_access_token("facebook", Person(email="fb@example.com", name="Fiona Book"))
        response = _callback(anon_client, "facebook", access_token=token)
        assert response.status_code == 200, response.content
        assert response.json()["user"]["email"] == "fb@example.com"

    @pytest.mark.parametrize("provider", ["google", "linkedin"])
    def test_a_signed_id_token_signs_in(self, anon_client, fake, provider):
        id_token = fake.id_token(provider, Person(email="idt@example.com", name="Ida Token"))
        response = _callback(anon_client, provider, id_token=id_token)
        assert response.status_code == 200, response.content
        assert response.json()["user"]["email"] == "idt@example.com"

    @pytest.mark.parametrize("provider", ["google", "linkedin"])
    def test_an_id_token_for_another_app_is_refused(self, anon_client, fake, provider):
        id_token = fake.id_token(provider, Person(email="idt@example.com"), audience="someone-elses-app")
        response = _callback(anon_client, provider, id_token=id_token)
        assert response.status_code == 400
        assert response.json()["error"] == "oauth_invalid_grant"

    def test_an_expired_id_token_is_refused(self, anon_client, fake):
        id_token = fake.id_token("google", Person(email="idt@example.com"), expires_in=-60)
        assert _callback(anon_client, "google", id_token=id_token).status_code == 400

    def test_an_unknown_facebook_token_is_refused(self, anon_client, fake):
        response = _callback(anon_client, "facebook", access_token="forged")
        assert response.status_code == 400
        assert not User.objects.exists()


class TestAllauthPages:
    """allauth's own server-side login (the buttons on the HTML login page) uses the same
    provider transport: it works against the fake and shows its error page when the provider is down."""

    def _start(self, client):
        from urllib.parse import parse_qs, urlsplit

        response = client.post("/accounts/google/login/")
        assert response.status_code == 302
        return parse_qs(urlsplit(response["Location"]).query)["state"][0]

    def test_the_html_login_flow_signs_in(self, client, fake):
        state = self._start(client)
        code = fake.issue_code("google", Person(email="html@example.com"),
                               redirect_uri="http://testserver/accounts/google/login/callback/")
        response = client.get("/accounts/google/login/callback/", {"code": code, "state": state})
        assert response.status_code == 302
        assert User.objects.filter(email="html@example.com").exists()

    def test_a_provider_outage_shows_the_error_page_not_a_server_error(self, client, fake):
        state = self._start(client)
        fake.stop()
        response = client.get("/accounts/google/login/callback/", {"code": "x", "state": state})
        assert response.status_code == 401
        assert not User.objects.exists()


class TestTokenFlowOutage:
    def test_an_unreachable_provider_during_token_checks_is_a_503(self, anon_client, fake):
        id_token = fake.id_token("google", Person(email="idt@example.com"))
        fake.stop()
        response = _callback(anon_client, "google", id_token=id_token)
        assert response.status_code == 503
        assert response.json()["error"] == "oauth_provider_unavailable"
