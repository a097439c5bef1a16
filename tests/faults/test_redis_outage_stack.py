"""Redis stopped under a running stack (web, worker): the API keeps answering with clear
results (no 500, no HTML), and work resumes once Redis is back. Services mode only."""
import pytest

from bench.harness import PrivateRedis
from tests.faults.stack import job_row, make_stack, needs_services, register, wait_for
from tests.faults.test_process_faults import TERMINAL, _upload
from tests.hostile import corpus

pytestmark = [needs_services, pytest.mark.worker]


def test_redis_down_keeps_the_api_answering_and_work_resumes_after():
    redis = PrivateRedis().start()
    stack = make_stack("r2w_faults_redis", redis.url, workers=1)
    try:
        with stack:
            client = register(stack, "redis-fault@example.com")
            before = _upload(client, corpus.text_pdf()).json()["job_id"]
            wait_for(lambda: job_row(stack, before)["status"] in TERMINAL, 60, "the first CV")

            redis.stop()
            health = client.get("/api/v1/metrics/health")
            assert health.status_code in (200, 503), health.text
            assert health.json().get("status") != "ok", health.json()
            read = client.get(f"/api/v1/cv/{before}")
            assert read.status_code < 500 or read.status_code == 503, read.text
            if read.status_code == 503:
                assert read.json()["error"] and read.json()["detail"]
            during = _upload(client, corpus.text_pdf())
            assert during.status_code in (201, 503), (during.status_code, during.text[:300])
            if during.status_code == 503:
                assert during.json()["detail"]
            accepted_during = during.json()["job_id"] if during.status_code == 201 else None

            redis.start()
            after = _upload(client, corpus.text_pdf())
            assert after.status_code == 201, after.text
            wait_for(lambda: job_row(stack, after.json()["job_id"])["status"] in TERMINAL, 60, "a CV after Redis")
            assert job_row(stack, after.json()["job_id"])["status"] == "done"
            assert client.get(f"/api/v1/cv/{before}").status_code == 200
            if accepted_during:
                stack.sweep_stale_jobs()
                assert job_row(stack, accepted_during)["status"] in (*TERMINAL, "queued")
    finally:
        redis.stop()
