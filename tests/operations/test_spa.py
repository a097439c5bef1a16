"""Calling the API from a single-page app on another origin: CORS, CSRF and the token header."""
import pytest
from django.test import Client
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

APP = "https://app.example.com"


@pytest.fixture(autouse=True)
def spa_origin(settings):
    settings.CORS_ALLOWED_ORIGINS = [APP]
    settings.CSRF_TRUSTED_ORIGINS = [APP]


def _preflight(client, origin):
    return client.options(reverse("auth-login"), HTTP_ORIGIN=origin, HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
                          HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type,x-session-token,x-csrftoken")


class TestCors:
    def test_a_preflight_from_an_allowed_origin_succeeds(self, client):
        response = _preflight(client, APP)
        assert response.status_code == 200
        assert response["Access-Control-Allow-Origin"] == APP
        assert response["Access-Control-Allow-Credentials"] == "true"
        allowed = response["Access-Control-Allow-Headers"]
        assert "x-session-token" in allowed and "x-csrftoken" in allowed
        assert "POST" in response["Access-Control-Allow-Methods"]

    def test_another_origin_gets_no_cors_headers(self, client):
        response = _preflight(client, "https://evil.example.net")
        assert "Access-Control-Allow-Origin" not in response
        response = client.get(reverse("auth-csrf"), HTTP_ORIGIN="https://evil.example.net")
        assert "Access-Control-Allow-Origin" not in response

    def test_responses_expose_the_headers_a_client_needs(self, client):
        response = client.get(reverse("auth-csrf"), HTTP_ORIGIN=APP)
        assert response["Access-Control-Allow-Origin"] == APP
        assert "x-request-id" in response["Access-Control-Expose-Headers"]


class TestCookieSessionFromAnotherOrigin:
    def test_login_then_a_csrf_protected_request(self, alice):
        client = Client(enforce_csrf_checks=True)
        token = client.get(reverse("auth-csrf"), HTTP_ORIGIN=APP).json()["csrf_token"]
        login = client.post(reverse("auth-login"), {"email": alice.email, "password": PASSWORD},
                            content_type="application/json", HTTP_ORIGIN=APP, HTTP_X_CSRFTOKEN=token)
        assert login.status_code == 200
        token = client.get(reverse("auth-csrf"), HTTP_ORIGIN=APP).json()["csrf_token"]  # rotated at login
        profile = client.put(reverse("profile"), {"name": "Alice From The App"}, content_type="application/json",
                             HTTP_ORIGIN=APP, HTTP_X_CSRFTOKEN=token, HTTP_REFERER=f"{APP}/settings")
        assert profile.status_code == 200, profile.content
        assert profile.json()["name"] == "Alice From The App"

    def test_an_untrusted_origin_is_refused_even_with_the_token(self, alice):
        client = Client(enforce_csrf_checks=True)
        client.force_login(alice)
        token = client.get(reverse("auth-csrf")).json()["csrf_token"]
        response = client.put(reverse("profile"), {"name": "Hijacked"}, content_type="application/json",
                              HTTP_ORIGIN="https://evil.example.net", HTTP_X_CSRFTOKEN=token)
        assert response.status_code == 403
        alice.refresh_from_db()
        assert alice.name != "Hijacked"

    def test_a_cookie_session_without_the_token_is_refused(self, alice):
        client = Client(enforce_csrf_checks=True)
        client.force_login(alice)
        response = client.put(reverse("profile"), {"name": "x"}, content_type="application/json", HTTP_ORIGIN=APP)
        assert response.status_code == 403


class TestTokenHeader:
    def test_the_token_flow_needs_no_cookie_and_no_csrf(self, alice):
        login = Client().post(reverse("auth-login"), {"email": alice.email, "password": PASSWORD},
                              content_type="application/json", HTTP_ORIGIN=APP)
        token = login.json()["session_token"]
        client = Client(enforce_csrf_checks=True)  # a fresh client: no cookies at all
        response = client.put(reverse("profile"), {"name": "Alice Token"}, content_type="application/json",
                              HTTP_ORIGIN=APP, HTTP_X_SESSION_TOKEN=token)
        assert response.status_code == 200, response.content

    def test_every_api_route_documents_the_session_token_header(self):
        schema = SchemaGenerator().get_schema(request=None, public=True)
        assert schema["components"]["securitySchemes"]["sessionToken"] == {
            "type": "apiKey", "in": "header", "name": "X-Session-Token",
            "description": "The session_token returned by /api/v1/auth/login or /register; valid 7 days.",
        }
        undocumented = []
        for path, operations in schema["paths"].items():
            for method, operation in operations.items():
                names = {name for requirement in operation.get("security", []) for name in requirement}
                # Routes that take no credentials at all (a signed webhook, the CSRF token) say so with {}.
                if "sessionToken" not in names and operation.get("security") != [{}]:
                    undocumented.append(f"{method.upper()} {path}")
        assert undocumented == []
        assert len(schema["paths"]) > 50
