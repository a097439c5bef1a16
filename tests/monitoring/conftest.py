import asyncio

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from channels.layers import channel_layers
from django.db import connection

from monitoring.services import progress_event_record
from monitoring.streams import stream_db_connections_close


@pytest.fixture(autouse=True)
def _fast_streams(settings):
    settings.STREAM_HEARTBEAT_SECONDS = 0.3
    settings.STREAM_POLL_SECONDS = 0.05
    settings.STREAM_SAFETY_POLL_SECONDS = 0.5
    if connection.vendor != "sqlite":
        # Exercise the streams' own database threads, as in production. (The in-memory SQLite
        # test database fails concurrent writers at once instead of waiting as a WAL file does.)
        settings.STREAM_DB_THREADS = 4
    channel_layers.backends.clear()  # a fresh in-memory layer per test (its queues belong to one loop)
    yield
    channel_layers.backends.clear()
    stream_db_connections_close()  # no connection may outlive the test database


@pytest.fixture
def job(alice):
    from cvs.models import ExtractionJob

    return ExtractionJob.objects.create(owner=alice, original_name="cv.pdf", file_type="pdf", size=10,
                                        sha256="0" * 64, status=ExtractionJob.Status.PROCESSING)


def session_cookies(client) -> dict:
    return {"sessionid": client.cookies["sessionid"].value}


record_event = sync_to_async(progress_event_record)


def run_async(scenario) -> None:
    """Run an async test scenario from the test's thread, then let every task it left behind
    (a watcher leaving its channel-layer group, a response closing) finish while this thread
    still serves their database calls; otherwise the loop's shutdown would wait on them forever."""

    async def main():
        await scenario()
        pending = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
        if pending:
            await asyncio.wait(pending, timeout=5)

    async_to_sync(main)()
