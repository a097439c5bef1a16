import pytest
from channels.testing import WebsocketCommunicator

from monitoring.services import progress_event_record
from tests.monitoring.asgi_client import application
from tests.monitoring.conftest import run_async, record_event, session_cookies

pytestmark = pytest.mark.django_db(transaction=True)


async def _next_event(ws) -> dict:
    """The next progress event, skipping heartbeats."""
    while (event := await ws.receive_json_from(timeout=3))["type"] == "heartbeat":
        pass
    return event


def _communicator(path, client=None, headers=()):
    headers = [(b"host", b"testserver"), (b"origin", b"http://testserver"), *headers]
    if client is not None:
        headers.append((b"cookie", f"sessionid={session_cookies(client)['sessionid']}".encode()))
    return WebsocketCommunicator(application(), path, headers=headers)


class TestProgressSocket:
    def test_the_owner_gets_live_events_and_the_socket_closes_after_complete(self, job, alice_client):
        progress_event_record(stream=job.stream, type="step", step="text", percent=10)

        async def scenario():
            ws = _communicator(f"/ws/progress/cv/{job.id}/", alice_client)
            connected, _ = await ws.connect()
            assert connected
            first = await _next_event(ws)
            assert (first["id"], first["step"]) == (1, "text")
            await record_event(stream=job.stream, type="complete", step="done", percent=100)
            done = await _next_event(ws)
            assert (done["id"], done["type"]) == (2, "complete")
            while (closed := await ws.receive_output(timeout=3))["type"] == "websocket.send":
                pass
            assert closed["type"] == "websocket.close"

        run_async(scenario)

    def test_it_replays_from_a_given_event_id(self, job, alice_client):
        for n in range(3):
            progress_event_record(stream=job.stream, type="progress", step=f"s{n}")

        async def scenario():
            ws = _communicator(f"/ws/progress/cv/{job.id}/?last_event_id=2", alice_client)
            assert (await ws.connect())[0]
            assert (await _next_event(ws))["id"] == 3
            await ws.disconnect()

        run_async(scenario)

    def test_another_users_job_is_refused(self, job, bob_client):
        async def scenario():
            ws = _communicator(f"/ws/progress/cv/{job.id}/", bob_client)
            connected, code = await ws.connect()
            assert not connected
            assert code == 4404

        run_async(scenario)

    def test_a_bad_session_token_is_refused(self, job):
        async def scenario():
            ws = _communicator(f"/ws/progress/cv/{job.id}/", headers=[(b"x-session-token", b"nope")])
            connected, code = await ws.connect()
            assert (connected, code) == (False, 4401)

        run_async(scenario)
