"""The correlation id of the request that queues a task reaches the task's log lines."""
import threading

import pytest
from celery import Celery
from celery.contrib.testing.worker import start_worker

from resume2website.celery import app as project_app
from resume2website.correlation import get_request_id, set_request_id

seen: dict[str, str | None] = {}
ran = threading.Event()

broker_app = Celery("correlation-check", broker="memory://", set_as_current=False)
broker_app.conf.task_always_eager = False
broker_app.conf.broker_transport_options = {"polling_interval": 0.05}


@broker_app.task(name="correlation-check.record")
def record_request_id():
    seen["in_task"] = get_request_id()
    ran.set()


@project_app.task(name="correlation-check.eager")
def eager_record_request_id():
    seen["eager"] = get_request_id()


@pytest.fixture(scope="module")
def worker():
    with start_worker(broker_app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as running:
        yield running
    # start_worker makes its app the current one; give shared tasks back to the project's app
    project_app.set_current()
    project_app.set_default()


@pytest.fixture(autouse=True)
def _clean():
    seen.clear()
    ran.clear()
    yield
    set_request_id(None)


def test_a_queued_task_runs_with_the_id_of_the_request_that_queued_it(worker):
    set_request_id("req-queued-42")
    record_request_id.delay()
    set_request_id(None)
    assert ran.wait(10)
    assert seen["in_task"] == "req-queued-42"


def test_a_task_without_a_request_gets_its_own_task_id(worker):
    result = record_request_id.delay()
    assert ran.wait(10)
    assert seen["in_task"] == result.id


def test_an_eager_task_keeps_the_callers_id_and_gives_it_back(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    set_request_id("req-eager-7")
    eager_record_request_id.apply()
    assert seen["eager"] == "req-eager-7"
    assert get_request_id() == "req-eager-7"
