"""Portfolio sites: build time per site and previews served per second.

Build: rendering the full 15-section sample CV in each theme (the builder alone, in this
process), beside the floor of rendering one plain Django template with the same engine;
then the whole build service (render + files written through Django's storage API + the
database row swap + progress events) on PostgreSQL. Target: median <= 50 ms per site.

Serving: a built preview (/p/<uuid>/) fetched by a keep-alive HTTP client from one daphne
process in services mode, beside the bare Django JSON view of the same process.

Anchor: the earlier system generated a preview in 15-60 s (a Next.js dev server per
preview) after an `npm install` of up to 180 s.
"""
from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.client import hammer  # noqa: E402
from bench.harness import Stack  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
FULL_CV = json.loads((ROOT / "tests" / "portfolios" / "data" / "full_cv.json").read_text())
ANCHOR_MS = 15_000
PLAIN_TEMPLATE = """<!doctype html><html lang="en"><head><title>{{ name }}</title></head><body>
<h1>{{ name }}</h1><p>{{ title }}</p><ul>{% for job in jobs %}<li>{{ job.jobTitle }} at {{ job.companyName }}</li>
{% endfor %}</ul></body></html>"""


def _median_ms(fn, repeat: int) -> float:
    fn()  # warm up (template loading, caches)
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def _render_figures(repeat: int) -> tuple[dict[str, float], float]:
    from django.template import Context, Engine

    from portfolios.builder import site_render
    from portfolios.themes import THEMES

    per_theme = {t: _median_ms(lambda t=t: site_render(cv=FULL_CV, theme=t), repeat) for t in THEMES}
    template = Engine(autoescape=True).from_string(PLAIN_TEMPLATE)
    context = {"name": FULL_CV["hero"]["fullName"], "title": FULL_CV["hero"]["professionalTitle"],
               "jobs": FULL_CV["experience"]["experienceItems"]}
    floor = _median_ms(lambda: template.render(Context(context)), repeat)
    return per_theme, floor


def _owned_job(user):
    import hashlib

    from cvs.models import ExtractionJob

    raw = json.dumps(FULL_CV).encode()
    return ExtractionJob.objects.create(owner=user, file="uploads/bench.pdf", original_name="bench.pdf",
                                        file_type="pdf", size=len(raw), sha256=hashlib.sha256(raw).hexdigest(),
                                        status=ExtractionJob.Status.DONE, cv_data=FULL_CV, confidence=0.9,
                                        extractor="offline")


def main(quick: bool = False) -> dict:
    load_before = os.getloadavg()[0]
    repeat = 30 if quick else 200
    builds = 20 if quick else 100
    seconds = 5.0 if quick else 20.0
    concurrency = 8
    with Stack(workers=0) as stack:
        from portfolios.models import Portfolio
        from portfolios.services import portfolio_build

        per_theme, floor = _render_figures(repeat)
        user, _token = stack.user_with_token("bench-portfolios@example.com")
        portfolio = Portfolio.objects.create(owner=user, job=_owned_job(user), theme="creative")
        build_times = []
        for _ in range(builds):
            t0 = time.perf_counter()
            built = portfolio_build(portfolio_id=portfolio.pk)
            build_times.append((time.perf_counter() - t0) * 1000)
            assert built.status == "ready", built.error
        build_ms = statistics.median(build_times)
        build_p95 = statistics.quantiles(build_times, n=20)[-1]

        preview = f"{stack.base_url}/p/{portfolio.pk}/"
        bare_url = f"{stack.base_url}/bench/bare-json"
        hammer(preview, concurrency=2, seconds=1.0)
        hammer(bare_url, concurrency=2, seconds=1.0)
        bare = hammer(bare_url, concurrency=concurrency, seconds=seconds)
        served = hammer(preview, concurrency=concurrency, seconds=seconds)

    worst_theme = max(per_theme, key=per_theme.get)
    rows = [
        {"metric": "plain Django template render (floor)", "value": round(floor, 3), "unit": "ms", "floor": None,
         "target": None, "ok": None},
    ]
    rows += [
        {"metric": f"render full CV, {theme} theme (median)", "value": round(ms, 2), "unit": "ms",
         "floor": round(floor, 3), "target": "<= 50", "ok": ms <= 50}
        for theme, ms in per_theme.items()
    ]
    rows += [
        {"metric": "whole build: render + storage + DB (median)", "value": round(build_ms, 2), "unit": "ms",
         "floor": round(per_theme["creative"], 2), "target": "<= 50", "ok": build_ms <= 50},
        {"metric": "whole build p95", "value": round(build_p95, 2), "unit": "ms", "floor": None, "target": None,
         "ok": None},
        {"metric": "earlier system: generation (+ npm install up to 180 s)", "value": "15000-60000", "unit": "ms",
         "floor": None, "target": None, "ok": None},
        {"metric": "faster than the earlier system's best case", "value": round(ANCHOR_MS / build_ms), "unit": "x",
         "floor": None, "target": ">= 100", "ok": ANCHOR_MS / build_ms >= 100},
        {"metric": "bare Django JSON view, same daphne (floor)", "value": round(bare.rps, 1), "unit": "req/s",
         "floor": None, "target": None, "ok": bare.failures == 0},
        {"metric": "preview page GET /p/<uuid>/ served by daphne", "value": round(served.rps, 1), "unit": "req/s",
         "floor": round(bare.rps, 1), "target": ">= 50% of bare", "ok": served.rps >= 0.5 * bare.rps
         and served.failures == 0},
        {"metric": "preview p99 latency", "value": round(served.percentile(99) * 1000, 1), "unit": "ms",
         "floor": round(bare.percentile(99) * 1000, 1), "target": None, "ok": None},
    ]
    return {
        "title": "portfolios",
        "rows": rows,
        "notes": [
            f"Render: median of {repeat} runs per theme in this process; slowest theme: {worst_theme}.",
            f"Whole build: {builds} builds of one portfolio through portfolio_build() on PostgreSQL, local storage.",
            f"Serving: one daphne process (services mode), {concurrency} keep-alive connections, {seconds:.0f} s.",
            f"Machine: {os.cpu_count()} cores, 1-minute load average {load_before:.1f} at the start "
            "(wall-clock figures grow with it).",
        ],
    }


if __name__ == "__main__":
    from bench.run import print_table

    result = main(quick="--full" not in sys.argv)
    print_table([{**result, "status": "ok"}])
