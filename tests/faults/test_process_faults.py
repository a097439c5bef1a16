"""Real processes, real faults: a worker killed mid-extraction, PostgreSQL connections cut. Whatever happens, every accepted CV ends done or failed (never stuck) and
the API answers with clear errors, not 500s, while a dependency is down.
"""
import os
import signal

import psutil
import pytest

from tests.faults.stack import job_row, make_stack, needs_services, register, wait_for
from tests.hostile import corpus

pytestmark = [needs_services, pytest.mark.worker]
TERMINAL = ("done", "failed")


def _upload(client, data: bytes, name: str = "cv.pdf"):
    return client.post("/api/v1/upload", files={"file": (name, data, "application/pdf")})


def _pool_children(worker_pid: int) -> list[psutil.Process]:
    return psutil.Process(worker_pid).children(recursive=True)


def test_a_worker_killed_mid_extraction_leaves_no_job_stuck():
    stack = make_stack("r2w_faults_worker", "", workers=1,
                       extra_env={"EXTRACTION_STALE_AFTER_SECONDS": "3"})
    with stack:
        client = register(stack, "worker-fault@example.com")
        # 1. The pool process dies mid-job: the message is rejected back to the queue, run again.
        job_id = _upload(client, corpus.long_cv_pdf()).json()["job_id"]
        wait_for(lambda: job_row(stack, job_id)["status"] == "processing", 60, "extraction to start")
        for child in _pool_children(stack.worker_pids()[0]):
            os.kill(child.pid, signal.SIGKILL)
        row = wait_for(lambda: (r := job_row(stack, job_id))["status"] in TERMINAL and r, 120, "the job to end")
        assert row["attempts"] >= 2 or row["status"] == "failed", row
        if row["status"] == "failed":
            assert row["error"], "a failed job says why"

        # 2. The whole worker dies mid-job and nothing redelivers soon: the sweeper fails the job
        #    with a reason, and a new worker keeps serving new uploads.
        job_id = _upload(client, corpus.long_cv_pdf(pages=27)).json()["job_id"]
        wait_for(lambda: job_row(stack, job_id)["status"] == "processing", 60, "extraction to start")
        worker = psutil.Process(stack.worker_pids()[0])
        for proc in [*worker.children(recursive=True), worker]:
            proc.kill()
        stack.worker_procs = []
        stack.start_workers(1)
        import time

        time.sleep(3.5)  # older than EXTRACTION_STALE_AFTER_SECONDS
        stack.sweep_stale_jobs()
        row = wait_for(lambda: (r := job_row(stack, job_id))["status"] in TERMINAL and r, 60, "the sweep")
        assert row["status"] in TERMINAL and (row["status"] == "done" or "interrupted" in row["error"]), row

        fresh = _upload(client, corpus.text_pdf()).json()["job_id"]
        assert wait_for(lambda: job_row(stack, fresh)["status"] in TERMINAL, 60, "a new upload")
        assert job_row(stack, fresh)["status"] == "done"



def test_cut_database_connections_are_reopened_by_web_and_worker():
    stack = make_stack("r2w_faults_pg", "", workers=1)
    with stack:
        client = register(stack, "pg-fault@example.com")
        first = _upload(client, corpus.text_pdf()).json()["job_id"]
        wait_for(lambda: job_row(stack, first)["status"] in TERMINAL, 60, "the first CV")
        # What a PostgreSQL restart does to every open connection of the app.
        stack.sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                  "WHERE datname = %s AND pid <> pg_backend_pid()", (stack.db_name,))
        statuses = [client.get(f"/api/v1/cv/{first}").status_code for _ in range(3)]
        assert statuses[-1] == 200 and 500 not in statuses[1:], statuses
        second = _upload(client, corpus.text_pdf())
        assert second.status_code == 201, second.text
        wait_for(lambda: job_row(stack, second.json()["job_id"])["status"] in TERMINAL, 60, "a CV after the cut")
        assert job_row(stack, second.json()["job_id"])["status"] == "done"
