"""Cache access that fails open: an unreachable cache costs a figure, never the request."""
import logging
import threading
import time

FAIL_OPEN_WARN_SECONDS = 60

logger = logging.getLogger(__name__)


class FailOpenCache:
    """A cache for figures that can do without it: when the cache cannot be reached, reads
    answer the default and writes do nothing, so the request goes on (rate limits allow it,
    state is read from the database). Each failure is counted; a warning saying what it costs
    (`consequence`) is logged at most once per FAIL_OPEN_WARN_SECONDS."""

    def __init__(self, cache, *, consequence: str):
        self._cache = cache
        self.consequence = consequence
        self._lock = threading.Lock()
        self.failures = 0
        self._warned_at = 0.0

    def failed(self, operation: str, exc: Exception) -> None:
        """Count one failed cache operation (and warn, at most once per interval)."""
        now = time.monotonic()
        with self._lock:
            self.failures += 1
            warn = now - self._warned_at >= FAIL_OPEN_WARN_SECONDS or self._warned_at == 0.0
            if warn:
                self._warned_at = now
            failures = self.failures
        if warn:
            logger.warning("The cache is unreachable, %s (%s: %s); %d failed cache operations so far",
                           self.consequence, operation, exc, failures)

    def get(self, key, default=None):
        try:
            return self._cache.get(key, default)
        except Exception as exc:  # noqa: BLE001 - any cache outage: fail open
            self.failed("get", exc)
            return default

    def set(self, key, value, timeout=None) -> None:
        try:
            self._cache.set(key, value, timeout)
        except Exception as exc:  # noqa: BLE001
            self.failed("set", exc)

    def add(self, key, value, timeout=None) -> bool:
        try:
            return self._cache.add(key, value, timeout)
        except Exception as exc:  # noqa: BLE001
            self.failed("add", exc)
            return False

    def incr(self, key, delta=1):
        try:
            return self._cache.incr(key, delta)
        except ValueError:
            raise
        except Exception as exc:  # noqa: BLE001
            self.failed("incr", exc)
            return 0

    def delete(self, key) -> None:
        try:
            self._cache.delete(key)
        except Exception as exc:  # noqa: BLE001
            self.failed("delete", exc)

    def delete_many(self, keys) -> None:
        try:
            self._cache.delete_many(keys)
        except Exception as exc:  # noqa: BLE001
            self.failed("delete_many", exc)
