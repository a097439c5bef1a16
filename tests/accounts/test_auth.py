import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from datetime import timedelta
from rest_framework.test import APIClient

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _register(client, email="new@example.com", password="a-Strong-passphrase-9", **extra):
    return client.post(reverse("auth-register"), {"email": email, "password": password, **extra}, format="json")


class TestRegister:
    def test_it_creates_an_account_and_a_session(self, anon_client):
        response = _register(anon_client, name="New Person")
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["user"]["email"] == "new@example.com"
        assert body["user"]["name"] == "New Person"
        assert body["session_token"]
        assert anon_client.get(reverse("auth-me")).status_code == 200

    def test_it_refuses_a_duplicate_email_with_409(self, anon_client, alice):
        response = _register(anon_client, email="ALICE@example.com")
        assert response.status_code == 409
        assert response.json()["error"] == "email_taken"

    def test_it_refuses_a_weak_password(self, anon_client):
        response = _register(anon_client, password="123")
        assert response.status_code == 400
        body = response.json()
        assert body["error"] == "weak_password"
        assert "short" in body["detail"]

    def test_it_refuses_missing_fields(self, anon_client):
        response = anon_client.post(reverse("auth-register"), {"email": "x@example.com"}, format="json")
        assert response.status_code == 400
        body = response.json()
        assert body["error"] == "validation_error"
        assert "password" in body["fields"]

    def test_it_refuses_malformed_json(self, anon_client):
        response = anon_client.generic(
            "POST", reverse("auth-register"), '{"email": "x@example.com",', content_type="application/json"
        )
        assert response.status_code == 400
        assert response.json()["error"] == "parse_error"


class TestLogin:
    def test_it_logs_in_with_email_and_password(self, anon_client, alice):
        response = anon_client.post(
            reverse("auth-login"), {"email": "Alice@Example.com", "password": PASSWORD}, format="json"
        )
        assert response.status_code == 200
        assert response.json()["user"]["email"] == "alice@example.com"
        assert anon_client.get(reverse("auth-me")).json()["email"] == "alice@example.com"

    def test_wrong_password_and_unknown_email_get_the_same_answer(self, anon_client, alice):
        wrong = anon_client.post(reverse("auth-login"), {"email": alice.email, "password": "nope"}, format="json")
        unknown = anon_client.post(
            reverse("auth-login"), {"email": "nobody@example.com", "password": "nope"}, format="json"
        )
        assert wrong.status_code == unknown.status_code == 400
        assert wrong.json() == unknown.json()

    def test_it_throttles_repeated_attempts_on_one_account(self, alice, settings):
        rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "login": "3/min"}
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
        from rest_framework.settings import api_settings
        from rest_framework.throttling import SimpleRateThrottle

        api_settings.reload()
        SimpleRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
        try:
            statuses = []
            for i in range(5):
                client = APIClient(REMOTE_ADDR=f"10.0.0.{i}")  # a different IP each time
                statuses.append(
                    client.post(reverse("auth-login"), {"email": alice.email, "password": "x"}, format="json").status_code
                )
            assert statuses[:3] == [400, 400, 400]
            assert statuses[3:] == [429, 429]
        finally:
            SimpleRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES


class TestSessions:
    def test_me_needs_authentication(self, anon_client):
        response = anon_client.get(reverse("auth-me"))
        assert response.status_code in (401, 403)
        assert response.json()["error"] in ("not_authenticated", "permission_denied")

    def test_the_session_token_header_authenticates(self, alice):
        token = APIClient().post(
            reverse("auth-login"), {"email": alice.email, "password": PASSWORD}, format="json"
        ).json()["session_token"]
        client = APIClient()
        response = client.get(reverse("auth-me"), HTTP_X_SESSION_TOKEN=token)
        assert response.status_code == 200
        assert response.json()["email"] == alice.email

    def test_a_bad_session_token_is_refused_with_401(self, anon_client):
        response = anon_client.get(reverse("auth-me"), HTTP_X_SESSION_TOKEN="not-a-session")
        assert response.status_code == 401

    def test_logout_ends_the_session_server_side(self, alice):
        client = APIClient()
        token = client.post(
            reverse("auth-login"), {"email": alice.email, "password": PASSWORD}, format="json"
        ).json()["session_token"]
        assert client.post(reverse("auth-logout"), HTTP_X_SESSION_TOKEN=token).status_code == 204
        assert APIClient().get(reverse("auth-me"), HTTP_X_SESSION_TOKEN=token).status_code == 401
        assert client.get(reverse("auth-me")).status_code in (401, 403)

    def test_sessions_expire_after_seven_days(self, alice):
        client = APIClient()
        start = timezone.now()
        with time_machine.travel(start, tick=False):
            token = client.post(
                reverse("auth-login"), {"email": alice.email, "password": PASSWORD}, format="json"
            ).json()["session_token"]
        with time_machine.travel(start + timedelta(days=6, hours=23), tick=False):
            assert APIClient().get(reverse("auth-me"), HTTP_X_SESSION_TOKEN=token).status_code == 200
        with time_machine.travel(start + timedelta(days=7, minutes=1), tick=False):
            assert APIClient().get(reverse("auth-me"), HTTP_X_SESSION_TOKEN=token).status_code == 401
            assert client.get(reverse("auth-me")).status_code in (401, 403)

    def test_csrf_is_enforced_for_cookie_sessions(self, alice):
        client = APIClient(enforce_csrf_checks=True)
        client.force_login(alice)
        response = client.put(reverse("profile"), {"name": "Mallory"}, format="json")
        assert response.status_code == 403
        assert "CSRF" in response.json()["detail"]
        csrf = client.get(reverse("auth-me")).cookies["csrftoken"].value
        response = client.put(reverse("profile"), {"name": "Alice B."}, format="json", HTTP_X_CSRFTOKEN=csrf)
        assert response.status_code == 200

    def test_token_clients_need_no_csrf_token(self, alice):
        token = APIClient().post(
            reverse("auth-login"), {"email": alice.email, "password": PASSWORD}, format="json"
        ).json()["session_token"]
        client = APIClient(enforce_csrf_checks=True)
        response = client.put(reverse("profile"), {"name": "Token"}, format="json", HTTP_X_SESSION_TOKEN=token)
        assert response.status_code == 200


class TestProfile:
    def test_it_reads_and_updates_the_profile(self, alice_client):
        response = alice_client.put(
            reverse("profile"),
            {"name": "Alice Liddell", "phone": "+44 20 7946 0000", "date_of_birth": "1990-05-04", "location": "Oxford"},
            format="json",
        )
        assert response.status_code == 200, response.content
        body = alice_client.get(reverse("profile")).json()
        assert body["name"] == "Alice Liddell"
        assert body["date_of_birth"] == "1990-05-04"
        assert body["location"] == "Oxford"

    def test_a_partial_update_keeps_other_fields(self, alice_client, alice):
        alice_client.put(reverse("profile"), {"location": "Paris"}, format="json")
        alice.refresh_from_db()
        assert alice.name == "Alice Example"
        assert alice.location == "Paris"

    def test_it_refuses_a_bad_date(self, alice_client):
        response = alice_client.put(reverse("profile"), {"date_of_birth": "yesterday"}, format="json")
        assert response.status_code == 400
        assert "date_of_birth" in response.json()["fields"]

    def test_current_user_info_includes_counts(self, alice_client):
        body = alice_client.get(reverse("current-user-info")).json()
        assert body["user"]["email"] == "alice@example.com"
        assert body["stats"]["cvs"] == 0


def test_the_openapi_schema_and_docs_are_served(anon_client):
    schema = anon_client.get(reverse("schema"), HTTP_ACCEPT="application/json")
    assert schema.status_code == 200
    assert "/api/v1/auth/login" in schema.json()["paths"]
    assert "sessionToken" in schema.json()["components"]["securitySchemes"]
    assert anon_client.get(reverse("swagger-ui")).status_code == 200
