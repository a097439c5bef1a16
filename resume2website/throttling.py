"""The API's throttles: DRF throttling, counted with one atomic counter per client and window.

Shared by every app (the default API throttles, the upload and login scopes, the streams).
"""
from __future__ import annotations

import math

from django.core.cache import cache as default_cache
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from rest_framework import throttling

from resume2website.cache import FailOpenCache

cache = FailOpenCache(default_cache, consequence="rate limits are not enforced")


def _window_counts(key: str, duration: int, now: float, *, add: int) -> tuple[int, int, float]:
    """Add `add` requests to the caller's current window; (current count, previous window's count,
    fraction of the current window elapsed). On Redis this is one round trip (INCRBY + EXPIRE +
    GET in a pipeline, atomic per counter). Fails open: (0, 0)."""
    window, elapsed = divmod(now, duration)
    current, previous = f"{key}:{int(window)}", f"{key}:{int(window) - 1}"
    backend = caches["default"]
    try:
        if isinstance(backend, RedisCache):
            keys = [backend.make_and_validate_key(k) for k in (current, previous)]
            pipe = backend._cache.get_client(keys[0], write=True).pipeline(transaction=False)
            if add:
                pipe.incrby(keys[0], add).expire(keys[0], duration * 2)
            else:
                pipe.get(keys[0])
            replies = pipe.get(keys[1]).execute()
            return int(replies[0] or 0), int(replies[-1] or 0), elapsed / duration
        # Other caches (the embedded database cache): read both and write back, as DRF does.
        counts = backend.get_many([current, previous])
        count = int(counts.get(current, 0)) + add
        if add:
            backend.set(current, count, duration * 2)
        return count, int(counts.get(previous, 0)), elapsed / duration
    except Exception as exc:  # noqa: BLE001 - an unreachable cache must not refuse requests
        cache.failed("rate limit count", exc)
        return 0, 0, elapsed / duration


class WindowCounterMixin:
    """DRF throttling with counters instead of DRF's list of request times.

    DRF reads and rewrites a list of timestamps per client on every request (two round trips,
    and concurrent requests overwrite each other's entries). Here each client has one counter per
    window, incremented atomically, and the limit applies to the sliding-window estimate
    previous * (1 - elapsed) + current, which smooths the burst a fixed window allows at its edge.
    A refused request is not counted, as in DRF.
    """

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        current, previous, elapsed = _window_counts(self.key, self.duration, self.now, add=1)
        if previous * (1 - elapsed) + current <= self.num_requests:
            return True
        _window_counts(self.key, self.duration, self.now, add=-1)
        self._counts = (current - 1, previous, elapsed)
        return False

    def wait(self):
        """Seconds until one more request fits under the sliding-window estimate."""
        current, previous, elapsed = getattr(self, "_counts", (self.num_requests, 0, 0.0))
        room = self.num_requests - current - 1  # what the previous window may still weigh
        if previous and room >= 0:
            return max(0.0, (1 - room / previous - elapsed) * self.duration)
        # The current window alone is full: wait for it to become the previous one and decay.
        decay = 1 - (self.num_requests - 1) / current if current else 0.0
        return (1 - elapsed + max(0.0, decay)) * self.duration

    def budget(self, request, view) -> dict | None:
        """This caller's use of the limit, without spending any."""
        key = self.get_cache_key(request, view)
        if key is None or self.rate is None:
            return None
        current, previous, elapsed = _window_counts(key, self.duration, self.timer(), add=0)
        used = min(self.num_requests, math.ceil(previous * (1 - elapsed) + current))
        return {
            "scope": self.scope,
            "limit": self.num_requests,
            "window_seconds": self.duration,
            "used": used,
            "remaining": self.num_requests - used,
            "reset_in_seconds": round((1 - elapsed) * self.duration, 1) if used else 0.0,
        }


class AnonRateThrottle(WindowCounterMixin, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(WindowCounterMixin, throttling.UserRateThrottle):
    pass


class ScopedRateThrottle(WindowCounterMixin, throttling.ScopedRateThrottle):
    def _use_scope(self, view) -> bool:
        """As DRF's: the view's throttle_scope picks the rate (no scope: not throttled)."""
        self.scope = getattr(view, self.scope_attr, None)
        if not self.scope:
            return False
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return True

    def allow_request(self, request, view):
        return super().allow_request(request, view) if self._use_scope(view) else True

    def budget(self, request, view) -> dict | None:
        return super().budget(request, view) if self._use_scope(view) else None
