import socket

from celery import shared_task

from monitoring import alerts, cleanup, figures


@shared_task(ignore_result=True)
def worker_heartbeat() -> None:
    """Scheduled every WORKER_HEARTBEAT_SECONDS: proves a worker takes tasks off the queue."""
    figures.worker_heartbeat_record(hostname=socket.gethostname())


@shared_task(ignore_result=True)
def alerts_evaluate() -> dict:
    return alerts.alerts_evaluate()


@shared_task(ignore_result=True)
def monitoring_cleanup() -> dict:
    return cleanup.monitoring_cleanup()


@shared_task(ignore_result=True)
def workflow_self_test(workflow_id: str) -> None:
    from monitoring.services import workflow_self_test_run

    workflow_self_test_run(workflow_id=workflow_id)
