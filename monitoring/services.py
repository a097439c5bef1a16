from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import IntegrityError, transaction
from django.db.models import Max

from monitoring.models import ProgressEvent
from resume2website.correlation import get_request_id

TERMINAL_TYPES = {ProgressEvent.Type.COMPLETE, ProgressEvent.Type.ERROR}


def channel_group_name(stream: str) -> str:
    """Channel-layer group for a stream (group names allow only [a-zA-Z0-9._-])."""
    return "progress." + stream.replace(":", ".")


def _ring(stream: str, seq: int) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(channel_group_name(stream), {"type": "progress.event", "seq": seq})
    except Exception:  # noqa: BLE001 - the row is the truth; a missed ring only delays a poller
        import logging

        logging.getLogger(__name__).warning("progress ring failed", extra={"stream": stream}, exc_info=True)


def progress_event_record(*, stream: str, type: str, step: str = "", percent: int | None = None,
                          message: str = "", data: dict | None = None) -> ProgressEvent:
    """Append an event to a stream and ring its listeners once the row is committed."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                last = ProgressEvent.objects.filter(stream=stream).aggregate(m=Max("seq"))["m"] or 0
                event = ProgressEvent.objects.create(
                    stream=stream,
                    seq=last + 1,
                    type=type,
                    step=step[:64],
                    percent=None if percent is None else max(0, min(100, int(percent))),
                    message=message[:500],
                    data=data or {},
                    request_id=get_request_id() or "",
                )
            break
        except IntegrityError:
            continue  # another writer took this seq; read the new last one and retry
    else:
        raise RuntimeError(f"could not append progress event to {stream}")
    transaction.on_commit(lambda: _ring(stream, event.seq))
    return event
