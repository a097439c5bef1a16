from monitoring.models import ProgressEvent


def progress_events_after(*, stream: str, after_seq: int = 0, limit: int = 500):
    return list(ProgressEvent.objects.filter(stream=stream, seq__gt=after_seq).order_by("seq")[:limit])


def progress_last_event(*, stream: str) -> ProgressEvent | None:
    return ProgressEvent.objects.filter(stream=stream).order_by("-seq").first()
