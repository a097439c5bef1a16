"""Per-request figures: Prometheus counters and latencies, and throttled-request counts."""
import time

from asgiref.sync import iscoroutinefunction, sync_to_async
from django.utils.decorators import sync_and_async_middleware

from monitoring import metrics, ratelimits


def _route(request) -> str:
    match = getattr(request, "resolver_match", None)
    return f"/{match.route}" if match is not None and match.route else "unmatched"


def _client(request) -> str:
    user = getattr(request, "user", None)
    if user is not None and getattr(user, "is_authenticated", False):
        return f"user:{user.pk}"
    return f"ip:{request.META.get('REMOTE_ADDR', '')}"


def _observe(request, response, started: float) -> None:
    route = _route(request)
    metrics.request_observe(method=request.method, route=route, status=response.status_code,
                            seconds=time.perf_counter() - started)


@sync_and_async_middleware
def MetricsMiddleware(get_response):  # noqa: N802 - Django middleware factory
    if iscoroutinefunction(get_response):

        async def middleware(request):
            started = time.perf_counter()
            response = await get_response(request)
            _observe(request, response, started)
            if response.status_code == 429:
                await sync_to_async(ratelimits.throttled_record)(route=_route(request), client=_client(request))
            return response

    else:

        def middleware(request):
            started = time.perf_counter()
            response = get_response(request)
            _observe(request, response, started)
            if response.status_code == 429:
                ratelimits.throttled_record(route=_route(request), client=_client(request))
            return response

    return middleware
