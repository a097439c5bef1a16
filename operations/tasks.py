import logging

from celery import shared_task

from operations.services import cleanup_run

logger = logging.getLogger(__name__)


@shared_task(ignore_result=True)
def operations_cleanup_task() -> dict:
    """The nightly `manage.py cleanup`."""
    report = cleanup_run().as_dict()
    logger.info("cleanup done", extra={"report": {k: v for k, v in report.items() if k != "orphan_files"},
                                       "orphan_files": len(report["orphan_files"])})
    return report
