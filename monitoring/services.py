import asyncio
import functools
import logging
import os
import socket
import threading
import uuid

from asgiref.sync import async_to_sync
from channels.layers import InMemoryChannelLayer, get_channel_layer
from django.db import IntegrityError, transaction

from monitoring.models import ProgressEvent, Workflow
from resume2website.correlation import get_request_id
from resume2website.errors import ApplicationError, Conflict
from resume2website.queueing import task_enqueue

logger = logging.getLogger(__name__)

TERMINAL_TYPES = {ProgressEvent.Type.COMPLETE, ProgressEvent.Type.ERROR}
# Workflow name of a run when nobody named it: from the stream kind ("cv:<uuid>" -> extraction).
WORKFLOW_NAMES = {"cv": "extraction", "portfolio": "portfolio_build", "deploy": "deploy"}


def channel_group_name(stream: str) -> str:
    """Channel-layer group for a stream (group names allow only [a-zA-Z0-9._-])."""
    return "progress." + stream.replace(":", ".")


def stream_kind(stream: str) -> str:
    return stream.split(":", 1)[0]


class _RingLoop:
    """One event loop thread per process that rings a networked channel layer (Redis).

    `async_to_sync(group_send)` per event builds a new loop and a new Redis connection each
    time (tens of ms on the writer's path); a long-lived loop keeps the layer's connection
    pool, and the writer hands the ring over without waiting. Rebuilt after a fork
    (Celery's prefork children), where the parent's thread does not exist.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._pid = 0

    def submit(self, coro) -> None:
        with self._lock:
            if self._loop is None or self._pid != os.getpid():
                self._loop = asyncio.new_event_loop()
                self._pid = os.getpid()
                threading.Thread(target=self._loop.run_forever, name="progress-ring", daemon=True).start()
            future = asyncio.run_coroutine_threadsafe(coro, self._loop)
        future.add_done_callback(_log_ring_failure)


def _log_ring_failure(future) -> None:
    if future.exception() is not None:
        logger.warning("progress ring failed", exc_info=future.exception())


_ring_loop = _RingLoop()


def _ring(stream: str, seq: int) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    message = {"type": "progress.event", "seq": seq}
    try:
        if isinstance(layer, InMemoryChannelLayer):
            # Listeners share this process and its loops; ring them in line.
            async_to_sync(layer.group_send)(channel_group_name(stream), message)
        else:
            _ring_loop.submit(layer.group_send(channel_group_name(stream), message))
    except Exception:  # noqa: BLE001 - the row is the truth; a missed ring only delays a poller
        logger.warning("progress ring failed", extra={"stream": stream}, exc_info=True)


def _run_name(event: ProgressEvent) -> str:
    if event.step.startswith("deploy"):
        return "deploy"
    kind = stream_kind(event.stream)
    return WORKFLOW_NAMES.get(kind, kind)[:32]


def _opens_run(event: ProgressEvent) -> bool:
    """Work in progress (a step or progress below 100 %) opens a run; an event without a
    percent, at 100 % or terminal reports a fact (published, domain verified, expired) and
    only joins a run that is already open."""
    return event.type not in TERMINAL_TYPES and event.percent is not None and event.percent < 100


def _workflow_observe(event: ProgressEvent) -> None:
    """Open, start or close the run of `event.stream` that this event belongs to."""
    run = Workflow.objects.filter(stream=event.stream, finished_at__isnull=True).first()
    if run is None:
        if not _opens_run(event):
            return
        run = Workflow(stream=event.stream, name=_run_name(event), start_seq=event.seq, request_id=event.request_id)
    changed = run._state.adding
    if run.started_at is None:
        run.started_at, run.status, changed = event.created_at, Workflow.Status.RUNNING, True
    if event.type in TERMINAL_TYPES:
        run.end_seq = event.seq
        run.finished_at = event.created_at
        run.duration_ms = max(0, int((event.created_at - run.started_at).total_seconds() * 1000))
        run.status = Workflow.Status.COMPLETED if event.type == ProgressEvent.Type.COMPLETE else Workflow.Status.FAILED
        changed = True
    if changed:
        run.save()


def progress_event_record(*, stream: str, type: str, step: str = "", percent: int | None = None,
                          message: str = "", data: dict | None = None) -> ProgressEvent:
    """Append an event to a stream and ring its listeners once the row is committed."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                last = ProgressEvent.objects.filter(stream=stream).order_by("-seq").values_list("seq", flat=True).first()
                event = ProgressEvent.objects.create(
                    stream=stream,
                    seq=(last or 0) + 1,
                    type=type,
                    step=step[:64],
                    percent=None if percent is None else max(0, min(100, int(percent))),
                    message=message[:500],
                    data=data or {},
                    request_id=get_request_id() or "",
                )
                _workflow_observe(event)
            break
        except IntegrityError:
            continue  # another writer took this seq (or opened the run); read again and retry
    else:
        raise RuntimeError(f"could not append progress event to {stream}")
    transaction.on_commit(lambda: _ring(stream, event.seq))
    return event


@transaction.atomic
def workflow_open(*, stream: str, name: str, user=None) -> Workflow:
    """Open a named run on a stream before its first event (the workflows API starts work this way)."""
    running = Workflow.objects.select_for_update().filter(stream=stream, finished_at__isnull=True).first()
    if running is not None:
        raise Conflict(f"A {running.name} run is already in progress on this object.", code="workflow_running",
                       workflow_id=str(running.id))
    last = ProgressEvent.objects.filter(stream=stream).order_by("-seq").values_list("seq", flat=True).first()
    run = Workflow(stream=stream, name=name, start_seq=(last or 0) + 1, started_by=user,
                   request_id=get_request_id() or "")
    run.full_clean()
    run.save()
    return run


def _start_extraction(*, user, target_id, session) -> Workflow:
    from cvs.selectors import get_cv_for_user
    from cvs.services import cv_extraction_start, session_claim_token

    job = get_cv_for_user(user=user, job_id=target_id, claim_token=session_claim_token(session, target_id))
    run = workflow_open(stream=job.stream, name="extraction", user=user)
    cv_extraction_start(job=job, force=True)
    return run


def _start_portfolio_build(*, user, target_id, session) -> Workflow:
    from portfolios.selectors import get_portfolio_for_user
    from portfolios.services import portfolio_rebuild

    portfolio = get_portfolio_for_user(user=user, portfolio_id=target_id)
    run = workflow_open(stream=portfolio.stream, name="portfolio_build", user=user)
    portfolio_rebuild(portfolio=portfolio)
    return run


WORKFLOW_STARTERS = {"extraction": _start_extraction, "portfolio_build": _start_portfolio_build}


@transaction.atomic
def workflow_start(*, name: str, target_id, user, session=None) -> Workflow:
    """Start a named workflow on a CV or portfolio the caller owns; its run is recorded from its events."""
    starter = WORKFLOW_STARTERS.get(name)
    if starter is None:
        raise ApplicationError(f"Unknown workflow {name!r}; choose one of {', '.join(WORKFLOW_STARTERS)}.",
                               code="unknown_workflow")
    return starter(user=user, target_id=target_id, session=session)


@transaction.atomic
def workflow_self_test_open(*, user) -> Workflow:
    """Open a self-test run: a real task goes through the queue and a worker, reporting each step."""
    run = workflow_open(stream=f"workflow:{uuid.uuid4()}", name="self_test", user=user)
    progress_event_record(stream=run.stream, type=ProgressEvent.Type.STEP, step="queued", percent=10,
                          message="Self-test task queued")
    from monitoring.tasks import workflow_self_test

    detail = "The self-test could not be queued: the job queue is unavailable. Please try again shortly."
    transaction.on_commit(lambda: task_enqueue(workflow_self_test, str(run.id), detail=detail))
    return run


def workflow_self_test_run(*, workflow_id) -> None:
    """The worker side of the self-test: database, cache and event delivery, each reported as a step."""
    from django.core.cache import cache
    from django.db import connection

    run = Workflow.objects.get(pk=workflow_id)
    record = functools.partial(progress_event_record, stream=run.stream)
    record(type=ProgressEvent.Type.STEP, step="worker", percent=40, message=f"Picked up by {socket.gethostname()}")
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    record(type=ProgressEvent.Type.STEP, step="database", percent=60, message="Database answered")
    key = f"self-test:{run.id}"
    cache.set(key, "ok", 30)
    if cache.get(key) != "ok":
        record(type=ProgressEvent.Type.ERROR, step="cache", message="The cache did not return what was written")
        return
    cache.delete(key)
    record(type=ProgressEvent.Type.STEP, step="cache", percent=80, message="Cache answered")
    record(type=ProgressEvent.Type.COMPLETE, step="done", percent=100, message="Self-test passed")
