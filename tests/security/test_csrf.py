"""Cookie sessions need the CSRF token on every state-changing request, API and pages alike.

A browser signed in with the session cookie could otherwise be made to upload, edit,
delete, pay or publish by any site it visits. Token clients (X-Session-Token) send no
cookie, so they are not exposed and need no CSRF token.
"""
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from tests.fakes.stripe import fake_stripe  # noqa: F401  (fixture)
from tests.security.owned import alice_objects, close_response, routes

# Requests an attacker's page cannot forge usefully, each for its own reason.
EXEMPT = {
    "payments-webhook": "Stripe calls it server to server; it is authenticated by its signature",
    "auth-login": "login CSRF is blocked by SameSite=Lax and the throttle; it changes no data of the victim",
    "auth-register": "creates a new account, never touches the signed-in user's data",
}


@pytest.fixture
def cookie_client(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    return client


def _unsafe_cases():
    cases = []
    for route in routes():
        if not route.name or route.name in EXEMPT or route.pattern.startswith(("admin/", "accounts/")):
            continue
        view = getattr(route.callback, "view_class", None)
        methods = [m for m in ("post", "put", "patch", "delete") if view is None and m == "post" or
                   view is not None and hasattr(view, m)]
        cases += [(route.name, m) for m in methods]
    return cases


@pytest.mark.parametrize(("name", "method"), _unsafe_cases())
def test_state_changing_requests_without_the_token_are_refused(name, method, cookie_client, alice, fake_stripe):
    values = alice_objects(alice)
    route = next(r for r in routes() if r.name == name)
    kwargs = {p: values.get(p, uuid.uuid4() if p.endswith("_id") else 1 if p == "duration" else "x")
              for p in route.params}
    resp = getattr(cookie_client, method)(reverse(name, kwargs=kwargs), {}, content_type="application/json")
    try:
        assert resp.status_code in (403, 405), (name, method, resp.status_code, resp.content[:200])
        if resp.status_code == 403 and resp.get("Content-Type", "").startswith("application/json"):
            assert "csrf" in resp.json()["detail"].lower(), resp.json()
    finally:
        close_response(resp)


def test_with_the_token_the_same_request_goes_through(cookie_client):
    cookie_client.get(reverse("auth-me"))  # sets the csrftoken cookie
    token = cookie_client.cookies["csrftoken"].value
    resp = cookie_client.put(reverse("profile"), {"name": "Alice Changed"}, content_type="application/json",
                             HTTP_X_CSRFTOKEN=token)
    assert resp.status_code == 200 and resp.json()["name"] == "Alice Changed"


def test_token_clients_send_no_cookie_and_need_no_csrf_token(alice):
    from rest_framework.test import APIClient

    login = APIClient(enforce_csrf_checks=True).post(
        reverse("auth-login"), {"email": alice.email, "password": "correct horse battery"}, format="json")
    client = APIClient(enforce_csrf_checks=True)
    resp = client.put(reverse("profile"), {"name": "Token Alice"}, format="json",
                      HTTP_X_SESSION_TOKEN=login.json()["session_token"])
    assert resp.status_code == 200


def test_session_and_csrf_cookies_are_samesite_and_the_session_cookie_is_httponly(settings):
    assert settings.SESSION_COOKIE_HTTPONLY is True
    assert settings.SESSION_COOKIE_SAMESITE in ("Lax", "Strict")
    assert settings.CSRF_COOKIE_SAMESITE in ("Lax", "Strict")
