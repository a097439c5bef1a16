"""Correlation ids: one per request, carried into Celery tasks and every log line."""
import contextvars
import re
import uuid

from asgiref.sync import iscoroutinefunction
from django.utils.decorators import sync_and_async_middleware

_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)
_VALID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


def get_request_id() -> str | None:
    return _request_id.get()


def set_request_id(value: str | None) -> None:
    _request_id.set(value)


def request_id_from_header(value: str | None) -> str:
    """Accept a caller's X-Request-ID when it is sane, otherwise make one."""
    if value and _VALID.match(value):
        return value
    return uuid.uuid4().hex


@sync_and_async_middleware
def RequestIdMiddleware(get_response):  # noqa: N802 - Django middleware factory
    """Give each request a correlation id (X-Request-ID in, X-Request-ID out)."""

    def _start(request):
        request.request_id = request_id_from_header(request.META.get("HTTP_X_REQUEST_ID"))
        return _request_id.set(request.request_id)

    if iscoroutinefunction(get_response):

        async def middleware(request):
            token = _start(request)
            try:
                response = await get_response(request)
            finally:
                _request_id.reset(token)
            response["X-Request-ID"] = request.request_id
            return response

    else:

        def middleware(request):
            token = _start(request)
            try:
                response = get_response(request)
            finally:
                _request_id.reset(token)
            response["X-Request-ID"] = request.request_id
            return response

    return middleware


class RequestIdLogFilter:
    """logging filter adding `request_id` to every record.

    Django logs 4xx/5xx responses after the middleware has returned, so for those records
    the id comes from the request they carry.
    """

    def filter(self, record):
        request_id = get_request_id() or getattr(getattr(record, "request", None), "request_id", None)
        record.request_id = request_id or "-"
        return True
