"""The API throttles count with one counter per client and window (sliding-window estimate)."""
import os
import threading
from types import SimpleNamespace

import pytest
from django.core.cache import cache, caches
from django.test import RequestFactory

from resume2website.throttling import ScopedRateThrottle, UserRateThrottle

WINDOW_START = 1_800_000_000 - 1_800_000_000 % 60  # a minute boundary


@pytest.fixture(autouse=True)
def _clean_cache(monkeypatch):
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"test": "10/min"})
    cache.clear()
    yield
    cache.clear()


def _throttle_at(seconds: float) -> tuple[ScopedRateThrottle, object, object]:
    throttle = ScopedRateThrottle()
    throttle.timer = lambda: WINDOW_START + seconds
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.9")
    request.user = SimpleNamespace(is_authenticated=False)
    return throttle, request, SimpleNamespace(throttle_scope="test")


def _allowed(seconds: float) -> bool:
    throttle, request, view = _throttle_at(seconds)
    return throttle.allow_request(request, view)


@pytest.mark.django_db
class TestSlidingWindow:
    def test_the_limit_holds_and_a_refused_request_is_not_counted(self):
        assert all(_allowed(1) for _ in range(10))
        throttle, request, view = _throttle_at(2)
        assert not throttle.allow_request(request, view)
        # 10 counted in the window: the next request fits when the estimate 10 * (1 - f) + 1 <= 10,
        # f = 0.1 into the next window: 58 s left of this one + 6 s.
        assert throttle.wait() == pytest.approx(64)
        assert throttle.budget(request, view)["used"] == 10

    def test_the_previous_window_weighs_in_as_it_slides_out(self):
        assert all(_allowed(50) for _ in range(10))
        assert not _allowed(65)  # 10 * (1 - 5/60) + 1 = 10.2 > 10
        assert _allowed(66)  # 10 * 0.9 + 1 = 10
        assert not _allowed(67)
        assert _allowed(90) and _allowed(90)  # half the previous window left: 10 * 0.5 + 3 = 8
        throttle, request, view = _throttle_at(90)
        assert throttle.budget(request, view)["used"] == 8  # ceil(5 + 3)

    def test_budget_reports_without_spending(self):
        throttle, request, view = _throttle_at(30)
        assert throttle.budget(request, view)["used"] == 0
        assert throttle.budget(request, view)["used"] == 0
        assert _allowed(30)
        budget = throttle.budget(request, view)
        assert (budget["used"], budget["remaining"], budget["reset_in_seconds"]) == (1, 9, 30.0)


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="the Redis path runs in the services-mode pass")
class TestOnRedis:
    def test_one_round_trip_per_request_and_no_lost_counts_under_concurrency(self, monkeypatch):
        import redis

        backend = caches["default"]
        client = backend._cache.get_client(write=True)
        monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "100000/min"})
        round_trips = []
        original = redis.client.Pipeline.execute

        def counted(pipe, *args, **kwargs):
            round_trips.append(len(pipe.command_stack))
            return original(pipe, *args, **kwargs)

        monkeypatch.setattr(redis.client.Pipeline, "execute", counted)
        before = client.info("commandstats")
        request = RequestFactory().get("/")
        request.user = SimpleNamespace(is_authenticated=True, pk=4242)

        def hammer():
            for _ in range(50):
                assert UserRateThrottle().allow_request(request, None)

        threads = [threading.Thread(target=hammer) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        assert round_trips == [3] * 400  # INCRBY + EXPIRE + GET, pipelined
        budget = UserRateThrottle().budget(request, None)
        assert budget["used"] == 400  # atomic increments: none lost to concurrent requests
        after = client.info("commandstats")
        assert after["cmdstat_incrby"]["calls"] - before.get("cmdstat_incrby", {"calls": 0})["calls"] == 400
