import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import IntegrityError, transaction

from monitoring.models import ProgressEvent, Workflow
from resume2website.correlation import get_request_id

logger = logging.getLogger(__name__)

TERMINAL_TYPES = {ProgressEvent.Type.COMPLETE, ProgressEvent.Type.ERROR}
# Workflow name of a run when nobody named it: from the stream kind ("cv:<uuid>" -> extraction).
WORKFLOW_NAMES = {"cv": "extraction", "portfolio": "portfolio_build", "deploy": "deploy"}


def channel_group_name(stream: str) -> str:
    """Channel-layer group for a stream (group names allow only [a-zA-Z0-9._-])."""
    return "progress." + stream.replace(":", ".")


def stream_kind(stream: str) -> str:
    return stream.split(":", 1)[0]


def _ring(stream: str, seq: int) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(channel_group_name(stream), {"type": "progress.event", "seq": seq})
    except Exception:  # noqa: BLE001 - the row is the truth; a missed ring only delays a poller
        logger.warning("progress ring failed", extra={"stream": stream}, exc_info=True)


def _workflow_observe(event: ProgressEvent) -> None:
    """Open, start or close the run of `event.stream` that this event belongs to."""
    run = Workflow.objects.filter(stream=event.stream, finished_at__isnull=True).first()
    if run is None:
        run = Workflow(
            stream=event.stream,
            name=WORKFLOW_NAMES.get(stream_kind(event.stream), stream_kind(event.stream))[:32],
            start_seq=event.seq,
            request_id=event.request_id,
        )
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
    """Open a named run on a stream before its first event (the workflows API starts work this way).

    A run still open on the stream is closed as superseded, so its listeners stop waiting.
    """
    open_run = Workflow.objects.select_for_update().filter(stream=stream, finished_at__isnull=True).first()
    if open_run is not None:
        progress_event_record(
            stream=stream, type=ProgressEvent.Type.ERROR, step="superseded",
            message=f"This {open_run.name} run was replaced by a new {name} run.",
        )
    last = ProgressEvent.objects.filter(stream=stream).order_by("-seq").values_list("seq", flat=True).first()
    run = Workflow(stream=stream, name=name, start_seq=(last or 0) + 1, started_by=user,
                   request_id=get_request_id() or "")
    run.full_clean()
    run.save()
    return run

