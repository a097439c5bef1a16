import os

from celery import Celery
from celery.signals import before_task_publish, task_postrun, task_prerun, worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "resume2website.settings.local")

app = Celery("resume2website")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@before_task_publish.connect
def _carry_request_id(headers=None, **kwargs):
    """Carry the correlation id of the request that queued a task into the task."""
    from resume2website.correlation import get_request_id

    if headers is not None and "request_id" not in headers:
        headers["request_id"] = get_request_id()


@task_prerun.connect
def _bind_request_id(task=None, **kwargs):
    """Log lines of a task carry the id of the request that queued it (else the task id).

    A task run in-process (eager) keeps the caller's id, and the caller gets it back after.
    """
    from resume2website.correlation import get_request_id, set_request_id

    caller = get_request_id()
    task.request.caller_request_id = caller
    inherited = caller if task.request.is_eager else None
    set_request_id(getattr(task.request, "request_id", None) or inherited or task.request.id)


@task_postrun.connect
def _unbind_request_id(task=None, **kwargs):
    from resume2website.correlation import set_request_id

    set_request_id(getattr(task.request, "caller_request_id", None) if task is not None else None)


@worker_ready.connect
def _report_in(sender=None, **kwargs):
    """A worker that has just started takes a heartbeat task off the queue at once, so health
    shows it alive without waiting for the scheduler's first beat."""
    from monitoring.tasks import worker_heartbeat

    try:
        worker_heartbeat.delay()
    except Exception:  # noqa: BLE001 - the scheduled beat reports it later
        pass
