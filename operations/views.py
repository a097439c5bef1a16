import os
import time

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

_STARTED = time.monotonic()


@never_cache
@require_safe
def health(request):
    """Liveness: the process answers. Touches no database, cache or broker, so a slow
    dependency never gets a healthy process restarted (readiness is /api/v1/metrics/health)."""
    return JsonResponse({"status": "ok", "pid": os.getpid(), "uptime_seconds": round(time.monotonic() - _STARTED, 1)})
