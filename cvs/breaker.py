"""Circuit breaker around the Claude extractor, its state shared through the Django cache.

Every web process and worker reads and writes the same counters (Redis in services mode,
the database cache in the embedded default), so after CIRCUIT_BREAKER_FAIL_MAX failures
in a row all of them stop calling Claude for CIRCUIT_BREAKER_RESET_TIMEOUT seconds and use
the offline extractor instead. When the cache cannot be reached the breaker fails open: it
reads as closed and keeps no count, so each call to Claude is tried (and falls back on its own).
"""
from __future__ import annotations

from datetime import UTC, datetime

import pybreaker
from django.conf import settings
from django.core.cache import cache as default_cache

from resume2website.cache import FailOpenCache

NAME = "claude"
_PREFIX = f"breaker:{NAME}:"
_NO_EXPIRY = None

cache = FailOpenCache(default_cache, consequence="the Claude circuit breaker keeps no state")


class DjangoCacheBreakerStorage(pybreaker.CircuitBreakerStorage):
    """pybreaker state kept in django.core.cache (counters use the cache's atomic incr)."""

    def __init__(self, name: str = NAME) -> None:
        super().__init__(name)

    @staticmethod
    def _key(field: str) -> str:
        return _PREFIX + field

    def _incr(self, field: str) -> None:
        key = self._key(field)
        cache.add(key, 0, _NO_EXPIRY)
        try:
            cache.incr(key)
        except ValueError:  # evicted between add and incr
            cache.set(key, 1, _NO_EXPIRY)

    @property
    def state(self) -> str:
        return cache.get(self._key("state")) or pybreaker.STATE_CLOSED

    @state.setter
    def state(self, state: str) -> None:
        cache.set(self._key("state"), str(state), _NO_EXPIRY)

    def increment_counter(self) -> None:
        self._incr("fail_counter")

    def reset_counter(self) -> None:
        cache.set(self._key("fail_counter"), 0, _NO_EXPIRY)

    def increment_success_counter(self) -> None:
        self._incr("success_counter")

    def reset_success_counter(self) -> None:
        cache.set(self._key("success_counter"), 0, _NO_EXPIRY)

    @property
    def counter(self) -> int:
        return int(cache.get(self._key("fail_counter")) or 0)

    @property
    def success_counter(self) -> int:
        return int(cache.get(self._key("success_counter")) or 0)

    @property
    def opened_at(self) -> datetime | None:
        value = cache.get(self._key("opened_at"))
        return datetime.fromtimestamp(value, tz=UTC) if value else None

    @opened_at.setter
    def opened_at(self, now: datetime) -> None:
        cache.set(self._key("opened_at"), now.timestamp(), _NO_EXPIRY)

    def clear(self) -> None:
        cache.delete_many([self._key(f) for f in ("state", "fail_counter", "success_counter", "opened_at")])


def claude_breaker(*, exclude: tuple = ()) -> pybreaker.CircuitBreaker:
    """A breaker bound to the shared state; cheap to build, so settings changes apply at once."""
    return pybreaker.CircuitBreaker(
        fail_max=settings.CIRCUIT_BREAKER_FAIL_MAX,
        reset_timeout=settings.CIRCUIT_BREAKER_RESET_TIMEOUT,
        exclude=list(exclude),
        state_storage=DjangoCacheBreakerStorage(),
        name=NAME,
        throw_new_error_on_trip=False,
    )


def breaker_status() -> dict:
    storage = DjangoCacheBreakerStorage()
    state = storage.state
    opened_at = storage.opened_at
    if state == pybreaker.STATE_OPEN and opened_at is not None:
        elapsed = (datetime.now(UTC) - opened_at).total_seconds()
        if elapsed >= settings.CIRCUIT_BREAKER_RESET_TIMEOUT:
            state = pybreaker.STATE_HALF_OPEN  # the next call is the trial
    return {
        "name": NAME,
        "state": state,
        "fail_counter": storage.counter,
        "fail_max": settings.CIRCUIT_BREAKER_FAIL_MAX,
        "reset_timeout": settings.CIRCUIT_BREAKER_RESET_TIMEOUT,
        "opened_at": opened_at.isoformat() if opened_at and state != pybreaker.STATE_CLOSED else None,
    }


def breaker_reset() -> None:
    DjangoCacheBreakerStorage().clear()
