"""OpenAPI entries for the streaming routes (async Django views, which drf-spectacular cannot see)."""
import re

from django.urls import URLPattern

STREAM_DESCRIPTIONS = {
    "sse-cv-extract": "Live progress of a CV's extraction (owner, or the anonymous uploader's session).",
    "sse-cv-extract-upload": "Upload a CV (multipart field `file`) and stream its extraction in the same response.",
    "sse-portfolio-generate": "Live progress of a portfolio build (owner only).",
    "sse-sandbox-status": "Live status of a portfolio's preview site (owner only).",
    "sse-heartbeat": "Heartbeats only (`count` 1-20, `interval` seconds): checks that streaming passes proxies.",
    "sse-test-error": "Staff or DEBUG: a stream that fails the way real work does (a step, then `error`).",
    "sse-test-timeout": "Staff or DEBUG: a stream quiet for `duration` seconds (bounded), then `complete`.",
    "cv-enhanced-stream": "Live progress of a CV's extraction (same stream as sse/cv/extract-streaming).",
    "workflow-stream": "The events of one workflow run, live while it runs.",
}
_PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")
_TYPES = {"uuid": {"type": "string", "format": "uuid"}, "int": {"type": "integer"}}
_ERROR = {"application/json": {"schema": {"type": "object", "properties": {
    "error": {"type": "string"}, "detail": {"type": "string"}}, "required": ["error", "detail"]}}}


def _operation(pattern: URLPattern, method: str) -> dict:
    params = [{"in": "path", "name": name, "required": True, "schema": _TYPES.get(kind or "str", {"type": "string"})}
              for kind, name in _PARAM.findall(str(pattern.pattern))]
    params.append({"in": "header", "name": "Last-Event-ID", "required": False, "schema": {"type": "integer"},
                   "description": "Replay the events after this id (what the browser's EventSource sends)."})
    operation = {
        "operationId": pattern.name.replace("-", "_"),
        "summary": STREAM_DESCRIPTIONS[pattern.name],
        "tags": ["sse"],
        "parameters": params,
        "security": [{"sessionToken": []}, {"cookieAuth": []}, {}],
        "responses": {
            "200": {"description": "`id: <seq>`, `event: <type>`, `data: <json>` per event; ends after "
                                   "`complete` or `error`; heartbeats without an id.",
                    "content": {"text/event-stream": {"schema": {"type": "string"}}}},
            **{code: {"description": text, "content": _ERROR} for code, text in (
                ("400", "Bad input"), ("401", "Invalid session token"), ("403", "Not allowed"),
                ("404", "Not found (or not yours)"), ("429", "Rate limited (see Retry-After)"))},
        },
    }
    if method == "post":
        operation["requestBody"] = {"required": True, "content": {"multipart/form-data": {"schema": {
            "type": "object", "properties": {"file": {"type": "string", "format": "binary"}}, "required": ["file"]}}}}
    return operation


def stream_routes_hook(result, generator, request, public):
    """drf-spectacular postprocessing hook: document each streaming route under /api/v1/."""
    from monitoring.api import urls

    for pattern in urls.urlpatterns:
        if pattern.name not in STREAM_DESCRIPTIONS:
            continue
        path = "/api/v1/" + _PARAM.sub(lambda m: "{" + m.group(2) + "}", str(pattern.pattern))
        method = "post" if pattern.name == "sse-cv-extract-upload" else "get"
        result.setdefault("paths", {}).setdefault(path, {})[method] = _operation(pattern, method)
    return result
