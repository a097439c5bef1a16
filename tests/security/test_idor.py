"""Every route that takes the id of an owned object answers another user 404.

Routes are discovered from the URL resolver, so a new owned route is covered the day it
is added; a route with an id parameter this file does not classify fails the first test.
"""
import pytest
from django.urls import reverse

from tests.fakes.stripe import fake_stripe  # noqa: F401  (fixture: payments configured)
from tests.security.owned import alice_objects, close_response, routes

OWNED_PARAMS = {"job_id", "portfolio_id", "workflow_id", "session_id"}
# Ids that are not owned objects: the parameter and why.
NOT_OWNED = {
    "slug": "published sites are public by design",
    "path": "a file inside a site or preview, always beside an owned or public id",
    "number": "a version number, always beside job_id",
    "name": "a file name, always beside job_id",
    "action": "a dashboard action, always beside portfolio_id",
    "duration": "staff-only SSE time-out test",
    "alert_id": "alerts are system-wide and staff-only",
    "key": "allauth's e-mail confirmation and password-reset keys: secrets, not ids",
    "uidb36": "allauth's password-reset user part, only valid with its key",
    "provider_id": "an OAuth provider name",
}
# A preview link is an unguessable capability (shared draft); it is checked for 404 on an
# unknown id instead of ownership.
CAPABILITY_ROUTES = {"portfolio-preview", "portfolio-preview-file", None}


def owned_routes():
    return [r for r in routes() if OWNED_PARAMS & set(r.params) and not r.pattern.startswith("^admin")]


def test_every_id_parameter_is_classified():
    unknown = {p for r in routes() for p in r.params if p not in OWNED_PARAMS and p not in NOT_OWNED
               and not r.pattern.startswith("admin/")}
    assert not unknown, f"classify these URL parameters as owned or not: {sorted(unknown)}"


def _url(route, values):
    kwargs = {p: values[p] for p in route.params}
    if "path" in route.params:
        kwargs["path"] = "index.html"
    return reverse(route.name, kwargs=kwargs)


@pytest.fixture
def values(alice, fake_stripe):
    return alice_objects(alice)


def _call(client, method, url):
    return client.get(url) if method == "get" else getattr(client, method)(url, {}, format="json")


def _cases():
    return [(r.name, m) for r in owned_routes() if r.name and r.name not in CAPABILITY_ROUTES for m in r.methods]


@pytest.mark.parametrize(("name", "method"), _cases())
def test_another_user_gets_404(name, method, values, bob_client, alice_client):
    route = next(r for r in routes() if r.name == name)
    if not set(route.params) <= set(values) | {"path"}:
        pytest.fail(f"no alice object for {route.params} of {name}")
    url = _url(route, values)
    resp = _call(bob_client, method, url)
    if resp.status_code == 405:  # the method does not exist on this route, for alice too
        assert _call(alice_client, method, url).status_code == 405
        return
    try:
        assert resp.status_code == 404, (method.upper(), url, resp.status_code, getattr(resp, "content", b"")[:200])
    finally:
        close_response(resp)
    if method == "get":  # the owner reaches the same URL: the 404 above is about ownership
        mine = alice_client.get(url)
        try:
            assert mine.status_code != 404, (url, getattr(mine, "content", b"")[:200])
        finally:
            close_response(mine)


@pytest.mark.parametrize(("name", "method"), _cases())
def test_anonymous_visitor_gets_no_owned_data(name, method, values, anon_client):
    route = next(r for r in routes() if r.name == name)
    url = _url(route, values)
    resp = _call(anon_client, method, url)
    try:
        assert resp.status_code in (302, 401, 403, 404, 405), (method.upper(), url, resp.status_code)
        if resp.status_code == 302:
            assert "login" in resp["Location"] or "signup" in resp["Location"], resp["Location"]
    finally:
        close_response(resp)


def test_a_preview_link_with_an_unknown_id_is_404(anon_client):
    import uuid

    assert anon_client.get(reverse("portfolio-preview", kwargs={"portfolio_id": uuid.uuid4()})).status_code == 404
