import pytest
from django.urls import reverse
from rest_framework.throttling import SimpleRateThrottle

from tests.monitoring.asgi_client import SSEClient
from tests.monitoring.conftest import run_async

pytestmark = pytest.mark.django_db(transaction=True)


class TestApiRateLimit:
    def test_the_101st_request_in_a_minute_gets_429_with_retry_after(self, anon_client, staff_client):
        url = reverse("sse-rate-limit-status")
        for n in range(100):
            response = anon_client.get(url)
            assert response.status_code == 200, n
        budget = response.json()["limits"][0]
        assert (budget["scope"], budget["used"], budget["remaining"]) == ("anon", 100, 0)
        refused = anon_client.get(url)
        assert refused.status_code == 429
        assert int(refused["Retry-After"]) >= 1
        assert refused.json()["error"] == "throttled"
        assert refused.json()["retry_after"] >= 1

        stats = staff_client.get(reverse("sse-rate-limit-stats")).json()
        assert stats["throttled_total"] == 1
        assert stats["top_routes"] == [{"key": "/api/v1/sse/rate-limit-status", "throttled": 1}]
        assert stats["top_clients"][0]["key"].startswith("ip:")

    def test_the_status_shows_the_callers_remaining_budget(self, alice_client):
        url = reverse("sse-rate-limit-status")
        alice_client.get(url)
        limits = {b["scope"]: b for b in alice_client.get(url).json()["limits"]}
        assert limits["user"]["used"] == 2
        assert limits["user"]["remaining"] == 98
        assert limits["user"]["limit"] == 100
        assert limits["user"]["window_seconds"] == 60
        assert 0 < limits["user"]["reset_in_seconds"] <= 60
        assert limits["upload"]["used"] == 0
        assert "anon" not in limits

    def test_stats_are_for_staff(self, alice_client):
        assert alice_client.get(reverse("sse-rate-limit-stats")).status_code == 403


class TestStreamRateLimit:
    def test_opening_streams_counts_against_the_limit(self, monkeypatch):
        monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {**SimpleRateThrottle.THROTTLE_RATES, "anon": "2/min"})

        async def scenario():
            for _ in range(2):
                client = await SSEClient(reverse("sse-heartbeat") + "?count=1").open()
                assert client.status == 200
                await client.events_until_end()
            refused = await SSEClient(reverse("sse-heartbeat") + "?count=1").open()
            assert refused.status == 429
            assert int(refused.headers["retry-after"]) >= 1
            assert (await refused.json())["error"] == "throttled"

        run_async(scenario)
