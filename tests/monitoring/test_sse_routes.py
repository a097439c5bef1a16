import pytest
from django.urls import reverse

from monitoring.services import progress_event_record
from tests.cvs import files
from tests.monitoring.asgi_client import SSEClient
from tests.monitoring.conftest import run_async, session_cookies


def _multipart(name: str, data: bytes) -> tuple[bytes, str]:
    boundary = "r2wboundary7MA4YWxk"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


@pytest.mark.django_db(transaction=True)
class TestUploadAndStream:
    def test_an_upload_streams_its_real_extraction_to_the_end(self, alice_client):
        body, content_type = _multipart("cv.pdf", files.make_pdf())

        async def scenario():
            token = session_cookies(alice_client)["sessionid"]
            client = await SSEClient(reverse("sse-cv-extract-upload"), method="POST", body=body,
                                     headers={"content-type": content_type, "content-length": len(body),
                                              "x-session-token": token}).open(timeout=30)
            assert client.status == 200
            events = await client.events_until_end(timeout=60)
            assert events[0]["event"] == "job"
            ids = [e["id"] for e in events[1:]]
            assert ids == sorted(ids) and len(ids) >= 3
            assert events[-1]["event"] == "complete", events[-1]
            percents = [e["data"]["percent"] for e in events[1:] if e["data"].get("percent") is not None]
            assert percents == sorted(percents) and percents[-1] == 100

        run_async(scenario)

    def test_a_cookie_session_needs_the_csrf_token(self, alice_client):
        body, content_type = _multipart("cv.pdf", files.make_pdf())

        async def scenario():
            client = await SSEClient(reverse("sse-cv-extract-upload"), method="POST", body=body,
                                     headers={"content-type": content_type, "content-length": len(body)},
                                     cookies=session_cookies(alice_client)).open()
            assert client.status == 403
            assert (await client.json())["error"] == "csrf_failed"

        run_async(scenario)

    def test_an_anonymous_upload_streams_the_check_then_asks_to_sign_up(self):
        body, content_type = _multipart("cv.pdf", files.make_pdf())

        async def scenario():
            client = await SSEClient(reverse("sse-cv-extract-upload"), method="POST", body=body,
                                     headers={"content-type": content_type, "content-length": len(body)}).open(30)
            assert client.status == 200
            events = await client.events_until_end(timeout=30)
            assert [e["event"] for e in events] == ["job", "step", "waiting"]
            assert events[1]["data"]["step"] == "validate"

        run_async(scenario)

    def test_a_non_cv_upload_is_refused_with_the_gate_error(self, alice_client):
        body, content_type = _multipart("invoice.txt", files.INVOICE_TEXT.encode())

        async def scenario():
            client = await SSEClient(reverse("sse-cv-extract-upload"), method="POST", body=body,
                                     headers={"content-type": content_type, "content-length": len(body),
                                              "x-session-token": session_cookies(alice_client)["sessionid"]}).open(30)
            assert client.status == 400
            assert "score" in await client.json()

        run_async(scenario)

    def test_a_missing_file_is_a_clear_error(self, alice_client):
        async def scenario():
            client = await SSEClient(reverse("sse-cv-extract-upload"), method="POST",
                                     headers={"x-session-token": session_cookies(alice_client)["sessionid"]}).open()
            assert client.status == 400
            assert (await client.json())["error"] == "no_file"

        run_async(scenario)


@pytest.mark.django_db(transaction=True)
class TestPortfolioStream:
    def test_the_owner_follows_a_build_and_bob_gets_404(self, alice, job, alice_client, bob_client):
        from portfolios.models import Portfolio

        portfolio = Portfolio.objects.create(owner=alice, job=job, theme="classic")
        progress_event_record(stream=portfolio.stream, type="step", step="render", percent=50)
        progress_event_record(stream=portfolio.stream, type="complete", step="done", percent=100)

        async def scenario():
            for name in ("sse-portfolio-generate", "sse-sandbox-status"):
                client = await SSEClient(reverse(name, args=[portfolio.id]), cookies=session_cookies(alice_client)).open()
                assert [e["event"] for e in await client.events_until_end()] == ["step", "complete"]
                other = await SSEClient(reverse(name, args=[portfolio.id]), cookies=session_cookies(bob_client)).open()
                assert other.status == 404

        run_async(scenario)


@pytest.mark.django_db(transaction=True)
class TestUtilityStreams:
    def test_heartbeat_sends_the_requested_beats_and_ends(self):
        async def scenario():
            client = await SSEClient(reverse("sse-heartbeat") + "?count=3&interval=0.05").open()
            events = await client.events_until_end(heartbeats=True)
            assert [e["data"]["n"] for e in events] == [1, 2, 3]
            assert all(e["event"] == "heartbeat" and e["id"] is None for e in events)

        run_async(scenario)

    def test_the_test_streams_are_for_staff_only(self, alice_client, staff_client):
        async def scenario():
            refused = await SSEClient(reverse("sse-test-error"), cookies=session_cookies(alice_client)).open()
            assert refused.status == 403
            client = await SSEClient(reverse("sse-test-error"), cookies=session_cookies(staff_client)).open()
            assert [e["event"] for e in await client.events_until_end()] == ["step", "error"]

        run_async(scenario)

    def test_the_timeout_stream_is_quiet_for_its_duration_then_completes(self, staff_client, settings):
        settings.STREAM_HEARTBEAT_SECONDS = 0.4

        async def scenario():
            client = await SSEClient(reverse("sse-test-timeout", args=[1]), cookies=session_cookies(staff_client)).open()
            events = await client.events_until_end(timeout=3, heartbeats=True)
            assert events[-1]["event"] == "complete"
            assert {e["event"] for e in events[:-1]} == {"heartbeat"}
            too_long = await SSEClient(reverse("sse-test-timeout", args=[3600]),
                                       cookies=session_cookies(staff_client)).open()
            assert too_long.status == 400

        run_async(scenario)

    def test_debug_opens_the_test_streams_to_anyone(self, settings):
        settings.DEBUG = True

        async def scenario():
            client = await SSEClient(reverse("sse-test-error")).open()
            assert client.status == 200
            await client.events_until_end()

        run_async(scenario)
