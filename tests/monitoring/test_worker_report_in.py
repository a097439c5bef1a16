"""A worker shows as alive in health as soon as it is up, before the scheduler's first beat."""
import time

import httpx
import pytest

from tests.faults.stack import make_stack, needs_services

pytestmark = [needs_services, pytest.mark.worker]


def test_a_started_worker_reports_in_without_the_scheduler():
    stack = make_stack("r2w_worker_report_in", "", workers=1)  # daphne and a worker; no beat
    with stack:
        deadline, checks = time.monotonic() + 20, {}
        while time.monotonic() < deadline:
            checks = httpx.get(f"{stack.base_url}/api/v1/metrics/health", timeout=10).json()["checks"]
            if checks["worker"]["ok"]:
                break
            time.sleep(0.2)
        assert checks["worker"]["ok"], checks
