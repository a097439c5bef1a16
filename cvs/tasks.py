"""Celery tasks: thin wrappers that fetch ids and call services; retries live here."""
from celery import shared_task
from django.db import DatabaseError, InterfaceError

from cvs import services


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(DatabaseError, InterfaceError),
    retry_backoff=2,
    retry_backoff_max=60,
    max_retries=5,
)
def cv_extract_task(self, job_id: str, use_cache: bool = True) -> str | None:
    """Extract one CV. The message is acknowledged only when this returns, so a worker that dies
    mid-job gets it redelivered; the service picks the job up again (or fails it after
    MAX_ATTEMPTS), and the stale-job sweeper catches anything that is never redelivered."""
    job = services.cv_extraction_run(job_id=job_id, use_cache=use_cache)
    return job.status if job is not None else None


@shared_task(acks_late=True)
def cv_stale_jobs_sweep_task() -> int:
    return services.cv_stale_jobs_fail()
