"""A real services-mode stack for fault injection, talked to only over HTTP and SQL.

It reuses the benchmark stack (bench/harness.py) with its own PostgreSQL database and,
where a test stops Redis, a private redis-server on its own port: the shared servers that
other test runs use are never touched.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time

import httpx
import pytest

from bench.harness import Stack, free_port

SERVICES_MODE = bool(os.environ.get("REDIS_URL")) and os.environ.get("DATABASE_URL", "").startswith("postgres")
needs_services = pytest.mark.skipif(not SERVICES_MODE, reason="real-process faults run in the services-mode pass")


class PrivateRedis:
    """A redis-server this test owns: started, stopped and restarted by its process id."""

    def __init__(self):
        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix="r2w-redis-")
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.proc = subprocess.Popen(
            [shutil.which("redis-server") or "redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--dir", self.dir],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)


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
