"""Rate limits: the API throttles applied to every route (streams included), the caller's
remaining budget, and counts of throttled requests kept in the shared cache for staff."""
from __future__ import annotations

import math
import time
from types import SimpleNamespace

from rest_framework.settings import api_settings

from resume2website.errors import ApplicationError
from resume2website.throttling import ScopedRateThrottle, cache

STATS_KEY = "ratelimit:stats"
TOTAL_KEY = "ratelimit:throttled_total"
STATS_TOP = 20


def fail_open_total() -> int:
    """Cache operations of the rate limits that failed (and were allowed) in this process."""
    return cache.failures


class Throttled(ApplicationError):
    status_code = 429
    code = "throttled"


def _throttles(scopes: tuple[str, ...] | None):
    """(throttle, view) pairs: the API defaults, or the named scopes (e.g. "upload", "login")."""
    if scopes is None:
        return [(cls(), None) for cls in api_settings.DEFAULT_THROTTLE_CLASSES]
    pairs = []
    for scope in scopes:
        if scope == "login":
            from accounts.throttles import LoginIpThrottle

            pairs.append((LoginIpThrottle(), None))
        else:
            pairs.append((ScopedRateThrottle(), SimpleNamespace(throttle_scope=scope)))
    return pairs


def throttle_check(request, *, scopes: tuple[str, ...] | None = None) -> None:
    """Count this request against the limits (as DRF does for API views); Throttled when over."""
    for throttle, view in _throttles(scopes):
        if not throttle.allow_request(request, view):
            wait = max(1, math.ceil(throttle.wait() or 1))
            raise Throttled(f"Request was throttled. Expected available in {wait} seconds.", retry_after=wait)


def rate_limit_status(*, request) -> list[dict]:
    """The caller's budget in each limit that applies to it, without spending any."""
    budgets = []
    for throttle, view in _throttles(None) + _throttles(("upload", "login")):
        budget = throttle.budget(request, view)
        if budget is not None:
            budgets.append(budget)
    return budgets


def throttled_record(*, route: str, client: str) -> None:
    """Count one throttled request (called for every 429 by the metrics middleware)."""
    cache.add(TOTAL_KEY, 0, None)
    try:
        cache.incr(TOTAL_KEY)
    except ValueError:
        cache.set(TOTAL_KEY, 1, None)
    stats = cache.get(STATS_KEY) or {"since": time.time(), "by_route": {}, "by_client": {}, "last_at": None}
    stats["by_route"][route] = stats["by_route"].get(route, 0) + 1
    stats["by_client"][client] = stats["by_client"].get(client, 0) + 1
    if len(stats["by_client"]) > STATS_TOP * 10:  # keep the record small: drop the quietest clients
        stats["by_client"] = dict(sorted(stats["by_client"].items(), key=lambda kv: -kv[1])[:STATS_TOP * 5])
    stats["last_at"] = time.time()
    cache.set(STATS_KEY, stats, None)


def throttled_total() -> int:
    return int(cache.get(TOTAL_KEY) or 0)


def rate_limit_stats() -> dict:
    stats = cache.get(STATS_KEY) or {"since": None, "by_route": {}, "by_client": {}, "last_at": None}

    def top(counts: dict) -> list[dict]:
        return [{"key": k, "throttled": n} for k, n in sorted(counts.items(), key=lambda kv: -kv[1])[:STATS_TOP]]

    return {
        "throttled_total": throttled_total(),
        "since": stats["since"],
        "last_throttled_at": stats["last_at"],
        "rates": dict(api_settings.DEFAULT_THROTTLE_RATES),
        "fail_open_total": fail_open_total(),
        "top_routes": top(stats["by_route"]),
        "top_clients": top(stats["by_client"]),
    }


def rate_limit_stats_reset() -> None:
    cache.delete_many([STATS_KEY, TOTAL_KEY])
