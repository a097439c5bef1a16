"""API read throughput: GET /api/v1/cv/{job_id} beside a bare Django JSON view.

Both are served by the same daphne process in services mode (PostgreSQL + Redis), hit
by the same keep-alive client at the same concurrency. The bare view (bench/urls.py) is
plain Django with no DRF, no authentication and no database: the ceiling of this server.
Target: the real, authenticated, owner-checked route reaches at least 50 % of it.
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import psutil  # noqa: E402

from bench.client import Sample, hammer  # noqa: E402
from bench.harness import Stack, sample_pdfs  # noqa: E402

SAMPLE_CV = json.loads((Path(__file__).resolve().parents[1] / "sample_cv.json").read_text())


def _owned_done_job(user):
    from django.core.files.base import ContentFile

    from cvs.models import ExtractionJob

    data = sample_pdfs()[0]
    job = ExtractionJob(owner=user, original_name="resume.pdf", file_type="pdf", size=len(data),
                        sha256=hashlib.sha256(data).hexdigest(), status=ExtractionJob.Status.DONE,
                        cv_data=SAMPLE_CV, confidence=0.9, extractor="offline")
    job.file.save("resume.pdf", ContentFile(data), save=False)
    job.save()
    return job


def main(quick: bool = False) -> dict:
    seconds = 6.0 if quick else 20.0
    rounds = 3 if quick else 5
    concurrency = 8
    with Stack(workers=0) as stack:
        user, token = stack.user_with_token("bench-api@example.com")
        job = _owned_done_job(user)
        real_url = f"{stack.base_url}/api/v1/cv/{job.id}"
        bare_url = f"{stack.base_url}/bench/bare-json"
        headers = {"X-Session-Token": token}
        hammer(real_url, headers=headers, concurrency=2, seconds=1.0)  # warm up both paths
        hammer(bare_url, concurrency=2, seconds=1.0)
        # Alternate the two routes in short rounds, so both see the same drift in machine load.
        # daphne's CPU time per answered request moves far less with that drift than req/s does.
        daphne = psutil.Process(stack.web.pid)
        bare, real = Sample(), Sample()
        cpu = {"bare": 0.0, "real": 0.0}

        def measure(route, url, sample, **extra):
            before = sum(daphne.cpu_times()[:2])
            sample.merge(hammer(url, concurrency=concurrency, seconds=seconds / rounds, **extra))
            cpu[route] += sum(daphne.cpu_times()[:2]) - before

        for _ in range(rounds):
            measure("bare", bare_url, bare)
            measure("real", real_url, real, headers=headers)
        other_user, other_token = stack.user_with_token("bench-other@example.com")
        foreign = hammer(real_url, headers={"X-Session-Token": other_token}, concurrency=2, seconds=1.0)
    ratio = real.rps / bare.rps if bare.rps else 0.0
    cpu_ms = {route: cpu[route] * 1000 / sample.count if sample.count else 0.0
              for route, sample in (("bare", bare), ("real", real))}
    return {
        "title": "api",
        "rows": [
            {"metric": "bare Django JSON view", "value": bare.rps, "unit": "req/s", "floor": None,
             "target": None, "ok": bare.failures == 0},
            {"metric": "GET /api/v1/cv/{job_id}", "value": real.rps, "unit": "req/s", "floor": bare.rps,
             "target": ">= 50% of bare", "ok": ratio >= 0.5 and real.failures == 0},
            {"metric": "CV read / bare view", "value": round(ratio * 100, 1), "unit": "%", "floor": 50.0,
             "target": ">= 50", "ok": ratio >= 0.5},
            {"metric": "daphne CPU per CV read (per bare view: floor)", "value": round(cpu_ms["real"], 2),
             "unit": "ms", "floor": round(cpu_ms["bare"], 2), "target": None, "ok": None},
            {"metric": "CV read p99 latency", "value": real.percentile(99) * 1000, "unit": "ms",
             "floor": bare.percentile(99) * 1000, "target": None, "ok": None},
            {"metric": "CV read errors", "value": real.failures, "unit": "responses", "floor": None,
             "target": "0", "ok": real.failures == 0},
            {"metric": "another user's read answered 404", "value": foreign.statuses.get(404, 0) == foreign.count
             and foreign.count > 0, "unit": "", "floor": None, "target": "yes", "ok":
             foreign.count > 0 and foreign.statuses.get(404, 0) == foreign.count},
        ],
        "notes": [f"{concurrency} keep-alive connections, {seconds:.0f} s per route in {rounds} alternating rounds, "
                  "one daphne process; "
                  "rate limits lifted for the measurement."],
    }


if __name__ == "__main__":
    from bench.run import print_table

    result = main(quick="--full" not in sys.argv)
    print_table([{**result, "status": "ok"}])
