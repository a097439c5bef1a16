"""Every route of the OpenAPI schema, fuzzed by schemathesis, anonymous and signed in.

No input may produce a 500, and every response must match what the schema documents (JSON
body shape, content type). Streaming routes (text/event-stream) are excluded here: they
never end by themselves, and the stream tests bound their duration.
"""
import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance


@schemathesis.check
def no_crash(ctx, response, case):
    """No 500. A 503 is allowed only as the API's own answer (an integration not configured,
    maintenance), which always carries the {error, detail} shape."""
    if response.status_code == 503:
        body = response.json()
        assert isinstance(body, dict) and {"error", "detail"} <= set(body), f"bare 503: {response.text[:200]}"
        return True
    assert response.status_code < 500, f"{response.status_code}: {response.text[:300]}"
    return True


CHECKS = [no_crash, response_schema_conformance, content_type_conformance]
EXAMPLES = 8


def _is_stream(path: str, operation: dict) -> bool:
    declared = any("text/event-stream" in (r.get("content") or {}) for r in operation.get("responses", {}).values())
    return declared or "stream" in path or path.endswith("/sse/heartbeat") or "test-timeout" in path


def openapi_document() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


DOCUMENT = openapi_document()
SCHEMA = schemathesis.openapi.from_dict(DOCUMENT)
OPERATIONS = sorted(
    (path, method.upper())
    for path, item in DOCUMENT["paths"].items()
    for method, operation in item.items()
    if method in {"get", "post", "put", "patch", "delete"} and not _is_stream(path, operation)
)


@pytest.fixture
def wsgi_app(db, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}
    # As Django's test client does: a request must not close the test's transaction.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield WSGIHandler()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def alice_token(alice):
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from accounts.authentication import session_store_class

    store = session_store_class()()
    store[SESSION_KEY] = str(alice.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = alice.get_session_auth_hash()
    store.create()
    return store.session_key


def fuzz(path: str, method: str, app, headers: dict):
    operation = SCHEMA[path][method]

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy())
    def run(case):
        case.call_and_validate(headers=headers, checks=CHECKS, app=app)

    run()


@pytest.mark.parametrize(("path", "method"), OPERATIONS, ids=[f"{m} {p}" for p, m in OPERATIONS])
def test_anonymous_requests_honour_the_contract(path, method, wsgi_app):
    fuzz(path, method, wsgi_app, headers={})


@pytest.mark.parametrize(("path", "method"), OPERATIONS, ids=[f"{m} {p}" for p, m in OPERATIONS])
def test_signed_in_requests_honour_the_contract(path, method, wsgi_app, alice_token):
    fuzz(path, method, wsgi_app, headers={"X-Session-Token": alice_token})

