"""Live delivery of progress events to SSE and WebSocket clients.

Rows in ProgressEvent are the truth. In each process one watcher per stream reads new rows
once and wakes every local listener of that stream, so a thousand listeners cost one query
per event, not a thousand. The watcher waits for the channel-layer ring that
`progress_event_record` sends after commit; with channels_redis that ring comes from any
process, so the table is only re-read as a safety net. With the embedded in-memory layer a
worker in another process cannot ring, so the watcher polls the table (one indexed query).
"""
from __future__ import annotations

import asyncio
import contextvars
import json
import logging
import threading
import time
import weakref
from collections import deque
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor

from asgiref.sync import sync_to_async
from channels.layers import InMemoryChannelLayer, get_channel_layer
from django.conf import settings
from redis.exceptions import TimeoutError as RedisTimeoutError

from monitoring import selectors
from monitoring.models import ProgressEvent
from monitoring.services import TERMINAL_TYPES, channel_group_name

logger = logging.getLogger(__name__)

IDLE_TIMEOUTS = (TimeoutError, RedisTimeoutError)
RECENT_ROWS = 256
FETCH_LIMIT = 500


# Database work of streams runs on a few shared threads, so an open stream holds no database
# connection of its own: a thousand listeners use at most STREAM_DB_THREADS connections.
# STREAM_DB_THREADS = 0 keeps Django's default instead (the thread-sensitive executor).
_db_executor = ThreadPoolExecutor(max_workers=max(1, settings.STREAM_DB_THREADS), thread_name_prefix="stream-db")


def stream_db(func):
    """`func` as a coroutine run on the streams' database threads."""
    pooled = sync_to_async(func, thread_sensitive=False, executor=_db_executor)
    default = sync_to_async(func)

    async def call(*args, **kwargs):
        return await (pooled if settings.STREAM_DB_THREADS > 0 else default)(*args, **kwargs)

    return call


def stream_db_connections_close() -> None:
    """Close the database connections of every streams thread (at shutdown, or between tests)."""
    from django.db import connections

    size = _db_executor._max_workers
    barrier = threading.Barrier(size)

    def close():
        barrier.wait(timeout=5)
        connections.close_all()

    for future in [_db_executor.submit(close) for _ in range(size)]:
        future.result(timeout=10)


class StreamEvent(dict):
    """An event as every listener receives it; its JSON is encoded once, not once per listener."""

    _json: str | None = None

    def json(self) -> str:
        if self._json is None:
            self._json = json.dumps(self, default=str, separators=(",", ":"))
        return self._json


@stream_db
def _fetch_after(stream: str, after_seq: int) -> list[StreamEvent]:
    return [StreamEvent(e.as_dict()) for e in selectors.progress_events_after(
        stream=stream, after_seq=after_seq, limit=FETCH_LIMIT)]


_last_seq = stream_db(selectors.progress_last_seq)


def heartbeat_event() -> StreamEvent:
    return StreamEvent(id=None, type=ProgressEvent.Type.HEARTBEAT, timestamp=time.time())


def _poll_interval(layer) -> float:
    if layer is None or isinstance(layer, InMemoryChannelLayer):
        return settings.STREAM_POLL_SECONDS
    return settings.STREAM_SAFETY_POLL_SECONDS


class _Watcher:
    """Reads new rows of one stream and wakes the listeners of this process."""

    def __init__(self, stream: str):
        self.stream = stream
        self.last_seq: int | None = None
        self.recent: deque[dict] = deque(maxlen=RECENT_ROWS)
        self.listeners = 0
        self.changed = asyncio.Event()
        # A fresh context: the watcher outlives the request that started it, so it must not
        # hold on to that request's thread or correlation id.
        self.task = asyncio.get_running_loop().create_task(
            self._run(), name=f"watch {stream}", context=contextvars.Context()
        )

    def _notify(self) -> None:
        self.changed.set()
        self.changed = asyncio.Event()

    async def _run(self) -> None:
        layer = get_channel_layer()
        group = channel_group_name(self.stream)
        channel = await layer.new_channel() if layer is not None else None
        interval = _poll_interval(layer)
        # One receive stays pending across safety polls: cancelling a channels_redis receive()
        # drops what its channel had buffered, which lost rings (a 5 s delay until the next poll).
        ring: asyncio.Future | None = None
        try:
            if channel is not None:
                await layer.group_add(group, channel)
            self.last_seq = await _last_seq(stream=self.stream)
            self._notify()
            while True:
                if channel is None:
                    await asyncio.sleep(interval)
                else:
                    if ring is None:
                        ring = asyncio.ensure_future(layer.receive(channel))
                    await asyncio.wait([ring], timeout=interval)
                    if ring.done():
                        failed, ring = ring.exception(), None
                        # A blocking read that timed out while idle: just receive again.
                        if failed is not None and not isinstance(failed, IDLE_TIMEOUTS):
                            # A broken layer must not stop delivery.
                            logger.warning("channel layer receive failed (%s); polling %s instead",
                                           failed, self.stream)
                            await asyncio.shield(self._leave(layer, group, channel))
                            channel, interval = None, settings.STREAM_POLL_SECONDS
                rows = await _fetch_after(self.stream, self.last_seq)
                if rows:
                    self.recent.extend(rows)
                    self.last_seq = rows[-1]["id"]
                    self._notify()
        finally:
            if ring is not None:
                ring.cancel()
            if channel is not None:
                await asyncio.shield(self._leave(layer, group, channel))

    @staticmethod
    async def _leave(layer, group: str, channel: str) -> None:
        try:
            await layer.group_discard(group, channel)
        except Exception:  # noqa: BLE001 - the group entry expires on its own
            logger.debug("group_discard failed", exc_info=True)

    def rows_after(self, seq: int) -> list[dict] | None:
        """Buffered rows after `seq`, or None when the buffer does not reach back that far."""
        if self.recent and self.recent[0]["id"] <= seq + 1:
            return [r for r in self.recent if r["id"] > seq]
        return None


class StreamHub:
    """The watchers of one event loop, shared by every listener in it."""

    def __init__(self):
        self.watchers: dict[str, _Watcher] = {}

    def attach(self, stream: str) -> _Watcher:
        watcher = self.watchers.get(stream)
        if watcher is None or watcher.task.done():
            watcher = self.watchers[stream] = _Watcher(stream)
        watcher.listeners += 1
        return watcher

    def detach(self, watcher: _Watcher) -> None:
        watcher.listeners -= 1
        if watcher.listeners <= 0:
            watcher.task.cancel()
            if self.watchers.get(watcher.stream) is watcher:
                del self.watchers[watcher.stream]


_hubs: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, StreamHub] = weakref.WeakKeyDictionary()


def hub() -> StreamHub:
    loop = asyncio.get_running_loop()
    if loop not in _hubs:
        _hubs[loop] = StreamHub()
    return _hubs[loop]


async def stream_events(stream: str, *, after_seq: int = 0, until_seq: int | None = None,
                        heartbeat_seconds: float | None = None,
                        max_seconds: float | None = None) -> AsyncIterator[dict]:
    """Events of `stream` after `after_seq` in order, live, ending after complete/error.

    Yields a heartbeat event whenever nothing happened for `heartbeat_seconds`; stops at
    `until_seq` (a finished workflow run) or after `max_seconds` (the client reconnects
    with Last-Event-ID). Leaving the loop (disconnect, cancel) releases the watcher at once.
    """
    heartbeat_seconds = heartbeat_seconds or settings.STREAM_HEARTBEAT_SECONDS
    deadline = time.monotonic() + (max_seconds or settings.STREAM_MAX_SECONDS)
    watcher = hub().attach(stream)
    sent = after_seq
    try:
        rows = await _fetch_after(stream, sent)
        while True:
            for row in rows:
                if until_seq is not None and row["id"] > until_seq:
                    return
                yield row
                sent = row["id"]
                if row["type"] in TERMINAL_TYPES or sent == until_seq:
                    return
            if len(rows) == FETCH_LIMIT:
                rows = await _fetch_after(stream, sent)
                continue
            rows = []
            changed = watcher.changed
            if watcher.last_seq is not None and sent < watcher.last_seq:
                rows = watcher.rows_after(sent)
                if rows is None:
                    rows = await _fetch_after(stream, sent)
                if rows:
                    continue
                sent = watcher.last_seq  # the rows were swept by the retention cleanup
            now = time.monotonic()
            if now >= deadline:
                return
            try:
                await asyncio.wait_for(changed.wait(), min(heartbeat_seconds, deadline - now))
            except TimeoutError:
                if time.monotonic() < deadline:
                    yield heartbeat_event()
    finally:
        hub().detach(watcher)
