from dataclasses import dataclass

from monitoring.models import ProgressEvent, Workflow
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
