"""Queue a Celery task, or answer 503 when the broker cannot be reached (never a silent loss)."""
import logging

from kombu.exceptions import OperationalError as BrokerError
from redis.exceptions import RedisError

from resume2website.errors import ServiceUnavailable

logger = logging.getLogger(__name__)


def task_enqueue(task, *args, detail: str, **kwargs):
    """`task.delay(*args, **kwargs)`; ServiceUnavailable(detail) when the broker is down.

    Callers keep the row the task works on, so nothing is lost: it can be started again, and
    the stale-job sweeper settles anything that is never picked up.
    """
    try:
        return task.delay(*args, **kwargs)
    except (BrokerError, RedisError, ConnectionError) as exc:
        logger.warning("Could not queue %s: the broker is unreachable (%s)", task.name, exc)
        raise ServiceUnavailable(detail) from exc
