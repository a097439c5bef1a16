"""The ASGI server hands a finished request's thread to the next request instead of starting one."""
import asyncio
import json
import threading
import time

import pytest
from django.http import JsonResponse
from django.test import override_settings
from django.urls import path

from resume2website.request_threads import RequestThread, RequestThreads


def thread_name(request):
    time.sleep(float(request.GET.get("sleep", 0)))
    return JsonResponse({"thread": threading.current_thread().name})


urlpatterns = [path("thread", thread_name)]


async def _get(app, query: str = "") -> dict:
    inbox, sent = asyncio.Queue(), []
    await inbox.put({"type": "http.request", "body": b"", "more_body": False})
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": "/thread", "raw_path": b"/thread", "query_string": query.encode(), "root_path": "",
             "headers": [(b"host", b"testserver")], "client": ("127.0.0.1", 50000), "server": ("testserver", 80)}

    async def send(message):
        sent.append(message)

    await app(scope, inbox.get, send)
    assert sent[0]["status"] == 200
    return json.loads(b"".join(m.get("body", b"") for m in sent[1:]))


@override_settings(ROOT_URLCONF=__name__)
def test_requests_one_after_another_run_on_the_same_thread_and_concurrent_ones_on_their_own():
    from resume2website.asgi import application

    async def scenario():
        one_after_another = [(await _get(application))["thread"] for _ in range(5)]
        side_by_side = await asyncio.gather(*(_get(application, "sleep=0.2") for _ in range(3)))
        return one_after_another, [answer["thread"] for answer in side_by_side]

    one_after_another, side_by_side = asyncio.run(scenario())

    assert len(set(one_after_another)) == 1 and one_after_another[0].startswith("request")
    assert len(set(side_by_side)) == 3  # never two requests at once on one thread


def test_a_thread_still_busy_with_an_abandoned_request_is_not_handed_on():
    threads, release = RequestThreads(keep=4), threading.Event()
    busy, free = threads.take(), threads.take()
    busy.submit(release.wait, 5)
    free.submit(lambda: None).result()

    threads.give_back(busy)
    threads.give_back(free)

    assert threads.take() is free
    assert threads.take() is not busy  # a new thread, not the one still running the old work
    release.set()


def test_past_a_burst_only_the_configured_number_of_threads_stay():
    threads = RequestThreads(keep=2)
    burst = [threads.take() for _ in range(5)]
    for thread in burst:
        threads.give_back(thread)

    assert len(threads) == 2
    for ended in burst[2:]:
        with pytest.raises(RuntimeError):  # shut down: takes no more work
            ended.submit(lambda: None)


def test_a_request_thread_is_idle_only_when_all_its_work_is_done():
    thread, release = RequestThread(), threading.Event()
    assert thread.idle()
    thread.submit(release.wait, 5)
    queued = thread.submit(lambda: "done")
    assert not thread.idle()
    release.set()
    assert queued.result(timeout=5) == "done" and thread.idle()
    thread.shutdown()


@override_settings(ROOT_URLCONF=__name__)
def test_an_application_called_from_synchronous_code_runs_the_request_on_the_callers_thread():
    from asgiref.sync import async_to_sync

    from resume2website.asgi import application

    answer = async_to_sync(_get)(application)

    assert answer["thread"] == threading.current_thread().name  # where the test's database connection is
