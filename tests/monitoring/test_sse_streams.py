import asyncio
import os

import pytest
from django.urls import reverse

from monitoring import streams
from monitoring.services import progress_event_record
from tests.monitoring.asgi_client import SSEClient
from tests.monitoring.conftest import run_async, record_event, session_cookies

pytestmark = pytest.mark.django_db(transaction=True)


def _url(job):
    return reverse("sse-cv-extract", args=[job.id])


class TestLiveDelivery:
    def test_events_written_while_listening_arrive_in_order_and_the_stream_ends(self, job, alice_client):
        async def scenario():
            client = await SSEClient(_url(job), cookies=session_cookies(alice_client)).open()
            assert client.status == 200
            assert client.headers["content-type"] == "text/event-stream"
            await record_event(stream=job.stream, type="step", step="text", percent=20, message="Reading text")
            first = await client.next_progress()
            assert (first["id"], first["event"], first["data"]["step"]) == (1, "step", "text")
            await record_event(stream=job.stream, type="progress", step="sections", percent=60)
            await record_event(stream=job.stream, type="complete", step="done", percent=100)
            rest = await client.events_until_end()
            assert [(e["id"], e["event"]) for e in rest] == [(2, "progress"), (3, "complete")]
            assert rest[0]["data"]["percent"] == 60
            assert client.finished

        run_async(scenario)

    def test_it_replays_exactly_what_was_missed_after_last_event_id(self, job, alice_client):
        for n in range(1, 5):
            progress_event_record(stream=job.stream, type="progress", step=f"s{n}", percent=n * 10)
        progress_event_record(stream=job.stream, type="complete", step="done", percent=100)

        async def scenario():
            client = await SSEClient(_url(job), headers={"Last-Event-ID": "2"},
                                     cookies=session_cookies(alice_client)).open()
            events = await client.events_until_end()
            assert [e["id"] for e in events] == [3, 4, 5]
            assert events[-1]["event"] == "complete"

        run_async(scenario)

    def test_a_fresh_listener_starts_at_the_current_run(self, job, alice_client):
        progress_event_record(stream=job.stream, type="step", step="old", percent=10)
        progress_event_record(stream=job.stream, type="error", step="old", message="failed before")
        progress_event_record(stream=job.stream, type="step", step="retry", percent=10)

        async def scenario():
            client = await SSEClient(_url(job), cookies=session_cookies(alice_client)).open()
            event = await client.next_progress()
            assert (event["id"], event["data"]["step"]) == (3, "retry")
            await client.disconnect()

        run_async(scenario)

    def test_it_sends_heartbeats_without_ids_while_nothing_happens(self, job, alice_client):
        async def scenario():
            client = await SSEClient(_url(job), cookies=session_cookies(alice_client)).open()
            beat = await client.next_event(timeout=2)
            assert beat["event"] == "heartbeat" and beat["id"] is None
            await client.disconnect()

        run_async(scenario)

    def test_a_disconnect_frees_the_watcher_at_once(self, job, alice_client):
        async def scenario():
            client = await SSEClient(_url(job), cookies=session_cookies(alice_client)).open()
            await record_event(stream=job.stream, type="step", step="text")
            await client.next_progress()
            watcher = streams.hub().watchers[job.stream]
            assert watcher.listeners == 1
            await client.disconnect()
            assert job.stream not in streams.hub().watchers  # released at once
            await asyncio.wait([watcher.task], timeout=2)  # leaving the channel-layer group takes a round trip
            assert watcher.task.done()

        run_async(scenario)

    def test_many_listeners_share_one_watcher(self, job, alice_client):
        async def scenario():
            clients = [await SSEClient(_url(job), cookies=session_cookies(alice_client)).open() for _ in range(5)]
            await record_event(stream=job.stream, type="complete", step="done")
            assert streams.hub().watchers[job.stream].listeners == 5
            for client in clients:
                events = await client.events_until_end()
                assert [e["event"] for e in events] == ["complete"]
            assert job.stream not in streams.hub().watchers

        run_async(scenario)


class TestOwnership:
    def test_another_user_gets_404(self, job, bob_client):
        async def scenario():
            client = await SSEClient(_url(job), cookies=session_cookies(bob_client)).open()
            assert client.status == 404
            assert (await client.json())["error"] == "not_found"

        run_async(scenario)

    def test_anonymous_gets_404_for_an_owned_job(self, job):
        async def scenario():
            client = await SSEClient(_url(job)).open()
            assert client.status == 404

        run_async(scenario)

    def test_session_token_header_authenticates(self, job, alice_client):
        async def scenario():
            client = await SSEClient(_url(job), headers={"X-Session-Token": session_cookies(alice_client)["sessionid"]}).open()
            assert client.status == 200
            await client.disconnect()

        run_async(scenario)

    def test_an_invalid_session_token_is_401(self, job):
        async def scenario():
            client = await SSEClient(_url(job), headers={"X-Session-Token": "nope"}).open()
            assert client.status == 401

        run_async(scenario)


async def _until(condition, seconds: float = 1.0) -> None:
    for _ in range(int(seconds / 0.01)):
        if condition():
            return
        await asyncio.sleep(0.01)
    assert condition()


async def _watch_one_event(job, *, before=None) -> None:
    """Attach a watcher, run `before`, write one event and see the watcher read it."""
    watcher = streams.hub().attach(job.stream)
    try:
        if before is not None:
            await before()
        await record_event(stream=job.stream, type="step", step="text")
        await _until(lambda: watcher.last_seq == 1)
    finally:
        streams.hub().detach(watcher)


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="channels_redis runs in the services-mode pass")
def test_the_watcher_keeps_one_ring_receive_pending_across_safety_polls(job, settings, monkeypatch):
    """Cancelling a channels_redis receive() drops what its channel buffered: a ring lost there
    waited for the next safety poll. The watcher now never cancels it between polls."""
    from channels.layers import get_channel_layer

    settings.STREAM_SAFETY_POLL_SECONDS = 0.1
    receives = []
    layer_class = type(get_channel_layer())
    original = layer_class.receive

    async def counted(layer, channel):
        receives.append(channel)
        return await original(layer, channel)

    monkeypatch.setattr(layer_class, "receive", counted)

    run_async(lambda: _watch_one_event(job, before=lambda: asyncio.sleep(1.0)))  # about ten safety polls
    assert 1 <= len(receives) <= 2  # the first, and the one after the ring


def test_an_idle_receive_timeout_keeps_the_watcher_on_the_channel_layer(job, monkeypatch, caplog):
    """channels_redis's blocking read can time out while nothing happens; that is not a broken
    layer, so the watcher must not fall back to polling the table."""
    from channels.layers import get_channel_layer
    from redis.exceptions import TimeoutError as RedisTimeoutError

    layer_class = type(get_channel_layer())
    original = layer_class.receive
    calls = []

    async def flaky(layer, channel):
        calls.append(channel)
        if len(calls) == 1:
            raise RedisTimeoutError("Timeout reading from socket")
        return await original(layer, channel)

    monkeypatch.setattr(layer_class, "receive", flaky)

    run_async(lambda: _watch_one_event(job, before=lambda: _until(lambda: len(calls) >= 2)))
    assert len(calls) >= 2
    assert "polling" not in caplog.text
