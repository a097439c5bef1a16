"""Error handlers: the site's own error pages, and the API's JSON error shape under /api/."""
from django.http import JsonResponse
from django.views import defaults

from resume2website.errors import SERVER_ERROR_DETAIL

API_PREFIX = "/api/"


def _api_error(request, status: int, code: str, detail: str):
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"error": code, "detail": detail}, status=status)
    return None


def page_not_found(request, exception):
    return _api_error(request, 404, "not_found", "No such endpoint.") or defaults.page_not_found(request, exception)


def permission_denied(request, exception):
    return _api_error(request, 403, "permission_denied", "You are not allowed to do this.") or \
        defaults.permission_denied(request, exception)


def server_error(request):
    return _api_error(request, 500, "server_error", SERVER_ERROR_DETAIL) or \
        defaults.server_error(request)
