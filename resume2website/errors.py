"""One error shape for the whole API: {"error": <code>, "detail": <message>, ...extra}.

Services raise ApplicationError (or a subclass); DRF's own exceptions are mapped too.
"""
import logging

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler, set_rollback

logger = logging.getLogger("django.request")

SERVER_ERROR_DETAIL = "Something went wrong on our side; it has been logged."


class ApplicationError(Exception):
    status_code = status.HTTP_400_BAD_REQUEST
    code = "bad_request"

    def __init__(self, detail: str, *, code: str | None = None, status_code: int | None = None, **extra):
        super().__init__(detail)
        self.detail = detail
        if code:
            self.code = code
        if status_code:
            self.status_code = status_code
        self.extra = extra


class NotFound(ApplicationError):
    status_code = status.HTTP_404_NOT_FOUND
    code = "not_found"


class Conflict(ApplicationError):
    status_code = status.HTTP_409_CONFLICT
    code = "conflict"


class PaymentRequired(ApplicationError):
    status_code = status.HTTP_402_PAYMENT_REQUIRED
    code = "payment_required"


class ServiceUnavailable(ApplicationError):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    code = "service_unavailable"


_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "unprocessable",
    429: "throttled",
    503: "service_unavailable",
}


def _flatten(detail) -> str:
    if isinstance(detail, dict):
        return "; ".join(f"{k}: {_flatten(v)}" for k, v in detail.items())
    if isinstance(detail, list):
        return " ".join(_flatten(v) for v in detail)
    return str(detail)


def api_exception_handler(exc, context):
    if isinstance(exc, ApplicationError):
        return Response({"error": exc.code, "detail": exc.detail, **exc.extra}, status=exc.status_code)
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()

    response = exception_handler(exc, context)
    if response is None:
        # Anything unexpected still answers the API's JSON shape, never an HTML page.
        request = context.get("request")
        logger.error("Internal Server Error: %s", getattr(request, "path", "?"), exc_info=exc,
                     extra={"status_code": 500, "request": getattr(request, "_request", request)})
        set_rollback()
        return Response({"error": "server_error", "detail": SERVER_ERROR_DETAIL},
                        status=status.HTTP_500_INTERNAL_SERVER_ERROR)
    code = _CODES.get(response.status_code, "error")
    if isinstance(exc, exceptions.ValidationError):
        body = {"error": "validation_error", "detail": _flatten(exc.detail), "fields": exc.detail}
    elif isinstance(exc, exceptions.ParseError):
        body = {"error": "parse_error", "detail": str(exc.detail)}
    elif isinstance(exc, exceptions.Throttled):
        body = {"error": code, "detail": str(exc.detail), "retry_after": exc.wait}
    else:
        body = {"error": code, "detail": _flatten(exc.detail)}
    response.data = body
    return response
