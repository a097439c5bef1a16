"""Staff-only routes, the admin, open redirects after login, and the production settings."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.permissions import IsAdminUser

from tests.conftest import PASSWORD
from tests.security.owned import close_response, routes

ROOT = Path(__file__).resolve().parents[2]
# The seed's test routes: staff (or a DEBUG server) only.
TEST_ROUTES = {
    "sse-test-error": {},
    "sse-test-timeout": {"duration": 1},
    "workflow-test": {},
    "cv-enhanced-test-with-sample": {},
}


def _staff_only_api_routes():
    found = []
    for route in routes():
        view = getattr(route.callback, "view_class", None)
        if view is not None and route.name and any(
            p is IsAdminUser or (isinstance(p, type) and issubclass(p, IsAdminUser))
            for p in getattr(view, "permission_classes", [])
        ):
            found += [(route.name, m) for m in route.methods]
    return found


STAFF_ONLY = _staff_only_api_routes()


def test_the_operations_routes_are_staff_only():
    names = {name for name, _ in STAFF_ONLY}
    assert {"circuit-breaker-reset", "metrics-reset", "cv-cleanup"} <= names, names


def _kwargs(name):
    import uuid

    route = next(r for r in routes() if r.name == name)
    return {p: uuid.uuid4() for p in route.params}


@pytest.mark.parametrize(("name", "method"), STAFF_ONLY)
def test_a_signed_in_user_who_is_not_staff_is_refused(name, method, alice_client):
    resp = getattr(alice_client, method)(reverse(name, kwargs=_kwargs(name)), {}, format="json")
    assert resp.status_code == 403, (name, resp.status_code)
    assert set(resp.json()) >= {"error", "detail"}


@pytest.mark.parametrize(("name", "method"), STAFF_ONLY)
def test_anonymous_visitors_are_refused(name, method, anon_client):
    resp = getattr(anon_client, method)(reverse(name, kwargs=_kwargs(name)), {}, format="json")
    assert resp.status_code in (401, 403), (name, resp.status_code)


@pytest.mark.parametrize("name", sorted(TEST_ROUTES))
def test_seed_test_routes_are_refused_to_users_without_debug(name, alice_client, settings):
    settings.DEBUG = False
    resp = alice_client.get(reverse(name, kwargs=TEST_ROUTES[name]))
    try:
        assert resp.status_code == 403, (name, resp.status_code)
    finally:
        close_response(resp)


def test_the_admin_is_for_staff_only(alice_client, staff_client, anon_client):
    admin = reverse("admin:index")
    for client in (anon_client, alice_client):
        resp = client.get(admin)
        assert resp.status_code == 302 and reverse("admin:login") in resp["Location"]
    assert staff_client.get(admin).status_code == 200


@pytest.mark.parametrize("target", [
    "https://evil.example/steal",
    "//evil.example/steal",
    "/\\evil.example",
    "https:evil.example",
    "javascript:alert(1)",
])
def test_login_never_redirects_off_site(target, alice):
    client = Client()
    login = reverse("account_login")
    resp = client.post(f"{login}?next={target}", {"login": alice.email, "password": PASSWORD, "next": target})
    assert resp.status_code == 302, resp.status_code
    location = resp["Location"]
    assert location.startswith("/") and not location.startswith(("//", "/\\")), location
    assert "evil.example" not in location and "javascript" not in location


def test_login_keeps_a_local_next(alice):
    client = Client()
    resp = client.post(reverse("account_login"), {"login": alice.email, "password": PASSWORD, "next": "/dashboard/"})
    assert resp.status_code == 302 and resp["Location"] == "/dashboard/"


def test_production_settings_pass_the_deployment_checklist(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "resume2website.settings.production",
        "SECRET_KEY": "x" * 20 + "-deploy-check-" + "y" * 30,
        "ALLOWED_HOSTS": "resume2website.example",
        "R2W_VAR_DIR": str(tmp_path),
    }
    env.pop("DEBUG", None)
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--tag", "security",
                             "--fail-level", "WARNING"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_cookies_are_secure_and_hsts_is_on(tmp_path):
    code = ("from django.conf import settings as s; "
            "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS >= 31536000, "
            "s.SECURE_SSL_REDIRECT, s.DEBUG)")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "resume2website.settings.production",
           "SECRET_KEY": "z" * 60, "R2W_VAR_DIR": str(tmp_path)}
    env.pop("DEBUG", None)
    result = subprocess.run([sys.executable, "-c", f"import django; django.setup(); {code}"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == ["True", "True", "True", "True", "False"], result.stdout + result.stderr
