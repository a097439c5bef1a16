"""Server-sent event routes: async views served by daphne, one open response per listener.

Each event is written as `id: <seq>` / `event: <type>` / `data: <json>`; a reconnect with
`Last-Event-ID` replays exactly the events after that id. Heartbeats (no id, so they never
move the client's position) keep proxies from closing a quiet stream.
"""
from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from functools import wraps

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import JsonResponse, StreamingHttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from accounts.authentication import user_from_session_key
from monitoring import ratelimits, selectors
from monitoring.streams import StreamEvent, stream_db, stream_events
from resume2website.errors import ApplicationError
from resume2website.permissions import staff_or_debug

RETRY_MS = 2000


class NotAuthenticated(ApplicationError):
    status_code = 401
    code = "not_authenticated"


class Forbidden(ApplicationError):
    status_code = 403
    code = "permission_denied"


def sse_message(event: dict) -> bytes:
    data = event.json() if isinstance(event, StreamEvent) else json.dumps(event, default=str, separators=(",", ":"))
    head = f"id: {event['id']}\n" if event.get("id") is not None else ""
    return f"{head}event: {event['type']}\ndata: {data}\n\n".encode()


def error_response(exc: ApplicationError) -> JsonResponse:
    response = JsonResponse({"error": exc.code, "detail": exc.detail, **exc.extra}, status=exc.status_code)
    if "retry_after" in exc.extra:
        response["Retry-After"] = str(exc.extra["retry_after"])
    return response


async def request_user(request):
    """The caller: X-Session-Token first (clients without cookies), else the session cookie."""
    token = request.headers.get("X-Session-Token")
    if token:
        user = await stream_db(user_from_session_key)(token)
        if user is None:
            raise NotAuthenticated("Session expired or invalid. Log in again.")
        return user
    cookie = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    user = await stream_db(user_from_session_key)(cookie) if cookie else None
    return user or AnonymousUser()


def last_event_id(request) -> int:
    value = request.headers.get("Last-Event-ID") or request.GET.get("last_event_id") or "0"
    try:
        return max(0, int(value))
    except ValueError:
        raise ApplicationError("Last-Event-ID must be the integer id of an event.", code="bad_last_event_id") from None


def api_view(func):
    """Resolve the caller, apply the API rate limits and turn ApplicationError into the error shape."""

    @wraps(func)
    async def view(request, *args, **kwargs):
        try:
            request.user = await request_user(request)
            await stream_db(ratelimits.throttle_check)(request)
            return await func(request, *args, **kwargs)
        except ApplicationError as exc:
            return error_response(exc)

    return view


async def _sse_body(events: AsyncIterator[dict], *, prelude: list[dict] = (), final: dict | None = None
                    ) -> AsyncIterator[bytes]:
    yield f"retry: {RETRY_MS}\n\n".encode()
    for event in prelude:
        yield sse_message(event)
    async for event in events:
        yield sse_message(event)
    if final is not None:
        yield sse_message(final)


def sse_response(body: AsyncIterator[bytes]) -> StreamingHttpResponse:
    response = StreamingHttpResponse(body, content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"
    return response


def stream_response(target: selectors.StreamTarget, request, prelude: list[dict] = ()) -> StreamingHttpResponse:
    has_position = "Last-Event-ID" in request.headers or "last_event_id" in request.GET
    after = last_event_id(request) if has_position else target.start_after
    if target.final_event is not None:
        events = _replay(target.stream, after)
    else:
        events = stream_events(target.stream, after_seq=after, until_seq=target.until_seq)
    return sse_response(_sse_body(events, prelude=prelude, final=target.final_event))


async def _replay(stream: str, after: int) -> AsyncIterator[dict]:
    """The events so far of a stream on which nothing runs (an upload waiting for sign-up)."""
    rows = await stream_db(selectors.progress_events_after)(stream=stream, after_seq=after)
    for row in rows:
        yield row.as_dict()


@require_GET
@api_view
async def cv_extract_stream(request, job_id):
    target = await stream_db(selectors.stream_target_for_cv)(user=request.user, job_id=job_id,
                                                                 session=request.session)
    return stream_response(target, request)


def _csrf_failure(request):
    """CSRF is checked for cookie sessions only, as DRF does (X-Session-Token clients cannot be forged)."""
    if request.headers.get("X-Session-Token") or not request.user.is_authenticated:
        return None
    check = CsrfViewMiddleware(lambda req: None)
    check.process_request(request)
    return check.process_view(request, None, (), {})


@csrf_exempt
@require_http_methods(["POST"])
@api_view
async def cv_extract_stream_upload(request):
    """Upload a CV and stream its extraction in the same response."""
    if _csrf_failure(request) is not None:
        raise Forbidden("CSRF check failed: send the X-CSRFToken header (or use X-Session-Token).",
                        code="csrf_failed")
    await stream_db(ratelimits.throttle_check)(request, scopes=("upload",))
    file = await stream_db(lambda: request.FILES.get("file"))()
    if file is None:
        raise ApplicationError("Attach the CV as the multipart field `file`.", code="no_file")
    from cvs.services import cv_upload_create

    job = await stream_db(cv_upload_create)(file=file, user=request.user, session=request.session)
    target = await stream_db(selectors.stream_target_for_cv)(user=request.user, job_id=job.id,
                                                                 session=request.session)
    job_event = {"id": None, "type": "job", "job_id": str(job.id), "status": job.status,
                 "stream": job.stream}
    return stream_response(target, request, prelude=[job_event])


@require_GET
@api_view
async def portfolio_generate_stream(request, portfolio_id):
    target = await stream_db(selectors.stream_target_for_portfolio)(user=request.user,
                                                                        portfolio_id=portfolio_id)
    return stream_response(target, request)


@require_GET
@api_view
async def workflow_stream(request, workflow_id):
    target = await stream_db(selectors.stream_target_for_workflow)(user=request.user,
                                                                       workflow_id=workflow_id,
                                                                       session=request.session)
    return stream_response(target, request)


@require_GET
@api_view
async def heartbeat_stream(request):
    """A stream of heartbeats only: lets a client check that streaming passes its proxies."""
    count = max(1, min(int(request.GET.get("count", "3") or 3), 20))
    interval = min(float(settings.STREAM_HEARTBEAT_SECONDS), max(0.05, float(request.GET.get("interval", "1"))))

    async def beats():
        for n in range(1, count + 1):
            yield {"id": None, "type": "heartbeat", "n": n, "timestamp": time.time()}
            if n < count:
                await asyncio.sleep(interval)

    return sse_response(_sse_body(beats()))


def _require_staff_or_debug(user) -> None:
    if not staff_or_debug(user):
        raise Forbidden("Only staff can use the test streams.")


@require_GET
@api_view
async def test_error_stream(request):
    """A stream that reports a failure the way real work does: a step, then an `error` event."""
    _require_staff_or_debug(request.user)

    async def events():
        yield {"id": 1, "type": "step", "step": "start", "percent": 0, "message": "Test stream started"}
        yield {"id": 2, "type": "error", "step": "failure", "percent": None,
               "message": "Simulated failure: the client should show this and stop listening.",
               "data": {"code": "test_error"}}

    return sse_response(_sse_body(events()))


@require_GET
@api_view
async def test_timeout_stream(request, duration):
    """A stream that stays quiet for `duration` seconds (bounded), sending only heartbeats, then completes."""
    _require_staff_or_debug(request.user)
    limit = settings.STREAM_TEST_TIMEOUT_MAX_SECONDS
    if not 0 < duration <= limit:
        raise ApplicationError(f"duration must be between 1 and {limit} seconds.", code="bad_duration")

    async def events():
        started = time.monotonic()
        beat = min(float(settings.STREAM_HEARTBEAT_SECONDS), duration / 2)
        while (left := duration - (time.monotonic() - started)) > 0:
            await asyncio.sleep(min(beat, left))
            if duration - (time.monotonic() - started) > 0:
                yield {"id": None, "type": "heartbeat", "timestamp": time.time()}
        yield {"id": 1, "type": "complete", "message": f"Quiet for {duration} s", "data": {"duration": duration}}

    return sse_response(_sse_body(events()))
