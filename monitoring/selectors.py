from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Max, Min, Q
from django.utils import timezone

from monitoring.figures import percentiles, workflow_durations
from monitoring.models import Alert, LogEntry, LogGroup, ProgressEvent, Workflow
from resume2website.errors import NotFound


def progress_events_after(*, stream: str, after_seq: int = 0, limit: int = 500):
    return list(ProgressEvent.objects.filter(stream=stream, seq__gt=after_seq).order_by("seq")[:limit])


def progress_last_event(*, stream: str) -> ProgressEvent | None:
    return ProgressEvent.objects.filter(stream=stream).order_by("-seq").first()


def progress_last_seq(*, stream: str) -> int:
    return ProgressEvent.objects.filter(stream=stream).order_by("-seq").values_list("seq", flat=True).first() or 0


@dataclass(frozen=True)
class StreamTarget:
    """What a listener may follow: the stream, where a fresh listener starts, where it ends."""

    stream: str
    start_after: int = 0
    until_seq: int | None = None
    final_event: dict | None = None  # sent instead of waiting when nothing runs on the stream


def current_run_start(*, stream: str) -> int:
    """The seq before the latest run of a stream, so a fresh listener skips earlier runs."""
    start = Workflow.objects.filter(stream=stream).order_by("-start_seq").values_list("start_seq", flat=True).first()
    return start - 1 if start else 0


def stream_target_for_cv(*, user, job_id, session=None) -> StreamTarget:
    from cvs.models import ExtractionJob
    from cvs.selectors import get_cv_for_user
    from cvs.services import session_claim_token

    job = get_cv_for_user(user=user, job_id=job_id, claim_token=session_claim_token(session, job_id))
    final = None
    if job.status == ExtractionJob.Status.UPLOADED:
        final = {"id": None, "type": "waiting", "job_id": str(job.id),
                 "message": "Sign up or log in to start the extraction of this CV."}
    return StreamTarget(stream=job.stream, start_after=current_run_start(stream=job.stream), final_event=final)


def stream_target_for_portfolio(*, user, portfolio_id) -> StreamTarget:
    from portfolios.selectors import get_portfolio_for_user

    portfolio = get_portfolio_for_user(user=user, portfolio_id=portfolio_id)
    return StreamTarget(stream=portfolio.stream, start_after=current_run_start(stream=portfolio.stream))


def stream_target_for_workflow(*, user, workflow_id, session=None) -> StreamTarget:
    run = get_workflow_for_user(user=user, workflow_id=workflow_id, session=session)
    return StreamTarget(stream=run.stream, start_after=run.start_seq - 1, until_seq=run.end_seq)


def get_workflow_for_user(*, user, workflow_id, session=None) -> Workflow:
    """A workflow run whose CV or portfolio the caller owns (staff see every run); NotFound otherwise."""
    run = Workflow.objects.filter(pk=workflow_id).first()
    if run is None:
        raise NotFound("No workflow with this id.")
    if user is not None and user.is_authenticated and user.is_staff:
        return run
    kind, _, object_id = run.stream.partition(":")
    try:
        if kind == "cv":
            stream_target_for_cv(user=user, job_id=object_id, session=session)
        elif kind == "portfolio":
            stream_target_for_portfolio(user=user, portfolio_id=object_id)
        elif not (user is not None and user.is_authenticated and run.started_by_id == user.pk):
            raise NotFound("No workflow with this id.")
    except NotFound:
        raise NotFound("No workflow with this id.") from None
    return run


def workflow_events(*, run: Workflow, limit: int = 2000) -> list[ProgressEvent]:
    events = ProgressEvent.objects.filter(stream=run.stream, seq__gte=run.start_seq)
    if run.end_seq is not None:
        events = events.filter(seq__lte=run.end_seq)
    return list(events.order_by("seq")[:limit])


def workflow_steps(*, run: Workflow, events: list[ProgressEvent]) -> list[dict]:
    """Steps in order of first appearance with their timings: a step lasts until the next one starts."""
    steps: list[dict] = []
    for event in events:
        name = event.step or event.type
        if not steps or steps[-1]["step"] != name:
            steps.append({"step": name, "started_at": event.created_at, "events": 0, "status": "done",
                          "message": "", "percent": None})
        step = steps[-1]
        step["events"] += 1
        step["message"] = event.message or step["message"]
        step["percent"] = event.percent if event.percent is not None else step["percent"]
        if event.type == ProgressEvent.Type.ERROR:
            step["status"] = "failed"
    end = run.finished_at or timezone.now()
    for step, following in zip(steps, [*steps[1:], None]):
        until = following["started_at"] if following else end
        step["duration_ms"] = max(0, int((until - step["started_at"]).total_seconds() * 1000))
    if steps and run.finished_at is None:
        steps[-1]["status"] = "running"
    return steps


def workflow_detail(*, run: Workflow) -> dict:
    events = workflow_events(run=run)
    last = events[-1] if events else None
    return {
        "run": run,
        "steps": workflow_steps(run=run, events=events),
        "percent": next((e.percent for e in reversed(events) if e.percent is not None), None),
        "last_message": last.message if last else "",
        "events": len(events),
    }


def workflow_logs(*, run: Workflow, limit: int = 500) -> dict:
    """The run's events as log lines plus the stored warnings/errors of the same correlation ids."""
    events = workflow_events(run=run)
    request_ids = {e.request_id for e in events if e.request_id} | ({run.request_id} - {""})
    stored = LogEntry.objects.filter(request_id__in=request_ids, created_at__gte=run.created_at)
    if run.finished_at:
        stored = stored.filter(created_at__lte=run.finished_at + timedelta(seconds=5))
    lines = [{"at": e.created_at, "level": "ERROR" if e.type == ProgressEvent.Type.ERROR else
              "WARNING" if e.type == ProgressEvent.Type.WARNING else "INFO", "source": "progress",
              "step": e.step, "message": e.message, "request_id": e.request_id, "seq": e.seq} for e in events]
    lines += [{"at": entry.created_at, "level": entry.level, "source": entry.logger, "step": "",
               "message": entry.message, "request_id": entry.request_id, "seq": None}
              for entry in stored.order_by("created_at")[:limit]]
    lines.sort(key=lambda line: line["at"])
    return {"run": run, "lines": lines[-limit:], "request_ids": sorted(request_ids)}


def workflow_metrics(*, window_seconds: int) -> list[dict]:
    """Per workflow name: runs by status, success rate and durations over the window."""
    since = timezone.now() - timedelta(seconds=window_seconds)
    rows: dict[str, dict] = {}
    for row in (Workflow.objects.filter(Q(created_at__gte=since) | Q(finished_at__isnull=True))
                .values("name", "status").order_by().annotate(n=Count("id"))):
        figures = rows.setdefault(row["name"], {"name": row["name"], **{s: 0 for s in Workflow.Status.values}})
        figures[row["status"]] += row["n"]
    durations = workflow_durations(since=since.timestamp())
    result = []
    for name, figures in sorted(rows.items()):
        finished = figures["completed"] + figures["failed"]
        result.append({**figures, "success_rate": round(figures["completed"] / finished, 4) if finished else None,
                       "duration": percentiles(durations.get(name, []))})
    return result


def log_patterns(*, hours: int = 24, request_id: str = "", level: str = "", limit: int = 20) -> list[dict]:
    """The most frequent warning/error groups in the window, optionally for one correlation id."""
    entries = LogEntry.objects.filter(created_at__gte=timezone.now() - timedelta(hours=hours))
    if request_id:
        entries = entries.filter(request_id=request_id)
    if level:
        entries = entries.filter(level=level.upper())
    top = list(entries.values("group_id").order_by().annotate(
        count=Count("id"), first_seen=Min("created_at"), last_seen=Max("created_at"),
        example_id=Max("id"), correlation_ids=Count("request_id", distinct=True),
    ).order_by("-count", "-last_seen")[:limit])
    groups = LogGroup.objects.in_bulk([row["group_id"] for row in top])
    examples = LogEntry.objects.in_bulk([row["example_id"] for row in top])
    return [{
        "fingerprint": groups[row["group_id"]].fingerprint,
        "level": groups[row["group_id"]].level,
        "logger": groups[row["group_id"]].logger,
        "pattern": groups[row["group_id"]].pattern,
        "count": row["count"],
        "total_count": groups[row["group_id"]].count,
        "first_seen": row["first_seen"],
        "last_seen": row["last_seen"],
        "correlation_ids": row["correlation_ids"],
        "example": {"message": examples[row["example_id"]].message,
                    "request_id": examples[row["example_id"]].request_id,
                    "exception": examples[row["example_id"]].exception[-2000:]},
    } for row in top]


def alerts_list(*, include_resolved: bool = False, limit: int = 100):
    alerts = Alert.objects.select_related("resolved_by").order_by("-opened_at")
    if not include_resolved:
        alerts = alerts.filter(status=Alert.Status.OPEN)
    return alerts[:limit]


def get_alert(*, alert_id) -> Alert:
    alert = Alert.objects.filter(pk=alert_id).first()
    if alert is None:
        raise NotFound("No alert with this id.")
    return alert
