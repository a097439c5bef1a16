"""A real services-mode stack for fault injection, talked to only over HTTP and SQL.

It reuses the benchmark stack (bench/harness.py): its own PostgreSQL database and its own
redis-server on a free port, so the shared servers other test runs use are never touched.
"""
from __future__ import annotations

import os
import time

import httpx
import pytest

from bench.harness import Stack

SERVICES_MODE = bool(os.environ.get("REDIS_URL")) and os.environ.get("DATABASE_URL", "").startswith("postgres")
needs_services = pytest.mark.skipif(not SERVICES_MODE, reason="real-process faults run in the services-mode pass")


def register(stack: Stack, email: str) -> httpx.Client:
    client = httpx.Client(base_url=stack.base_url, timeout=60)
    resp = client.post("/api/v1/auth/register", json={"email": email, "password": "a-Strong-passphrase-9"})
    assert resp.status_code == 201, stack.log_tail()
    client.headers["X-Session-Token"] = resp.json()["session_token"]
    return client


def job_row(stack: Stack, job_id: str) -> dict:
    rows = stack.sql("SELECT status, attempts, error FROM cvs_extractionjob WHERE id::text = %s", (job_id,))
    status, attempts, error = rows[0]
    return {"status": status, "attempts": attempts, "error": error}


def wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def make_stack(db_name: str, redis_url: str, **kwargs) -> Stack:
    return Stack(db_name=db_name, redis_url=redis_url, configure_here=False, **kwargs)
