"""Pieces every CV endpoint shares: the job serializer, the claim token lookup, stream links."""
from django.urls import NoReverseMatch, URLResolver, reverse
from django.urls.resolvers import RegexPattern
from drf_spectacular.utils import OpenApiParameter, extend_schema_field
from rest_framework import serializers

from cvs import selectors, services
from cvs.extraction.schema import cv_document_json_schema

CLAIM_TOKEN_HEADER = "HTTP_X_CLAIM_TOKEN"
CLAIM_TOKEN_PARAMETERS = [
    OpenApiParameter("X-Claim-Token", str, OpenApiParameter.HEADER, required=False,
                     description="Claim token of an anonymous upload (also read from the session)."),
    OpenApiParameter("claim_token", str, OpenApiParameter.QUERY, required=False),
]


def request_claim_token(request, job_id) -> str | None:
    """The claim token for an anonymous job: header, query string, or the uploader's session."""
    return (
        request.META.get(CLAIM_TOKEN_HEADER)
        or request.query_params.get("claim_token")
        or services.session_claim_token(request.session, job_id)
    )


def job_for_request(request, job_id):
    """The one way views load a job: owner, or anonymous uploader with the claim token; else 404."""
    return selectors.get_cv_for_user(user=request.user, job_id=job_id,
                                     claim_token=request_claim_token(request, job_id))


STREAM_ROUTES = {"sse": "cv-enhanced-stream", "sse_extract": "sse-cv-extract"}


def stream_links(request, job) -> dict:
    """Where to follow the job's progress live: its stream name, SSE URLs and the WebSocket URL."""
    links = {"stream": job.stream}
    for key, route in STREAM_ROUTES.items():
        try:
            links[key] = request.build_absolute_uri(reverse(route, args=[job.id]))
        except NoReverseMatch:
            continue
    from monitoring.routing import websocket_urlpatterns

    try:
        path = URLResolver(RegexPattern(r"^"), websocket_urlpatterns).reverse("ws-progress", kind="cv",
                                                                            object_id=str(job.id))
    except NoReverseMatch:
        return links
    links["websocket"] = f"{'wss' if request.is_secure() else 'ws'}://{request.get_host()}/{path.lstrip('/')}"
    return links


def _openapi(node, defs: dict):
    """pydantic's JSON Schema as OpenAPI 3.0: $refs inlined, `anyOf [X, null]` as nullable X."""
    if isinstance(node, list):
        return [_openapi(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        return _openapi(defs[node["$ref"].rsplit("/", 1)[-1]], defs)
    options = node.get("anyOf") or []
    if len(options) == 2 and {"type": "null"} in options:
        other = next(option for option in options if option != {"type": "null"})
        rest = {key: value for key, value in node.items() if key != "anyOf"}
        return {**_openapi(other, defs), **_openapi(rest, defs), "nullable": True}
    return {key: _openapi(value, defs) for key, value in node.items() if key not in ("$defs", "title")}


_CV_SCHEMA = cv_document_json_schema()
CV_DOCUMENT_OPENAPI = _openapi(_CV_SCHEMA, _CV_SCHEMA["$defs"])


@extend_schema_field(CV_DOCUMENT_OPENAPI)
class CVDocumentField(serializers.JSONField):
    """The 15-section CV document, documented from the one CVDocument schema."""


@extend_schema_field({**CV_DOCUMENT_OPENAPI, "nullable": True})
class NullableCVDocumentField(serializers.JSONField):
    """The CV document, or null until extraction has finished."""


class JobOutputSerializer(serializers.Serializer):
    job_id = serializers.UUIDField(source="id")
    status = serializers.CharField()
    original_name = serializers.CharField()
    file_type = serializers.CharField()
    size = serializers.IntegerField()
    gate_score = serializers.IntegerField(allow_null=True)
    confidence = serializers.FloatField(allow_null=True)
    extractor = serializers.CharField()
    from_cache = serializers.BooleanField()
    error = serializers.CharField(help_text="Why extraction failed, in words a person understands.")
    stream = serializers.CharField()
    created_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)

