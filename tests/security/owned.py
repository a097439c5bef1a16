"""Alice's objects of every owned kind, and the URL patterns that take their ids."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

SAMPLE_CV = json.loads((Path(__file__).resolve().parents[2] / "bench" / "sample_cv.json").read_text())
PDF = b"%PDF-1.4\n% owned-object fixture\n"


@dataclass
class Route:
    pattern: str
    name: str | None
    callback: object
    params: tuple[str, ...]

    @property
    def methods(self) -> list[str]:
        view = getattr(self.callback, "view_class", None)
        if view is None:  # a function view: try both; 405 tells which it takes
            return ["get", "post"]
        return [m for m in ("get", "post", "put", "patch", "delete") if hasattr(view, m)]


def routes() -> list[Route]:
    found = []

    def walk(patterns, prefix="", names=()):
        for p in patterns:
            params = tuple(p.pattern.regex.groupindex)
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + str(p.pattern), names + params)
            elif isinstance(p, URLPattern):
                found.append(Route(prefix + str(p.pattern), p.name, p.callback, names + params))

    walk(get_resolver().url_patterns)
    return found


def alice_objects(alice) -> dict:
    """One of each owned object for alice; returns the URL keyword values that reach them."""
    from cvs.models import ExtractionJob

    job = ExtractionJob(owner=alice, original_name="alice-cv.pdf", file_type="pdf", size=len(PDF),
                        sha256=hashlib.sha256(PDF).hexdigest(), status=ExtractionJob.Status.DONE,
                        cv_data=SAMPLE_CV, confidence=0.9, extractor="offline", finished_at=timezone.now())
    job.file.save("upload.pdf", ContentFile(PDF), save=False)
    job.save()
    values = {"job_id": job.id, "number": 1, "name": "original"}
    try:
        from portfolios.models import Portfolio

        portfolio = Portfolio.objects.create(owner=alice, job=job, theme="classic")
        values["portfolio_id"] = portfolio.id
        values["action"] = "publish"
    except LookupError:
        pass
    try:
        from monitoring.models import Workflow

        workflow = Workflow.objects.create(name="extraction", stream=job.stream, start_seq=0, started_by=alice)
        values["workflow_id"] = workflow.id
    except (ImportError, LookupError):
        pass
    try:
        from payments.models import CheckoutSession, Plan

        session = CheckoutSession.objects.create(session_id="cs_test_alice_owned", user=alice,
                                                 plan=Plan.objects.get(code="lifetime"), ui_mode="hosted")
        values["session_id"] = session.session_id
    except (ImportError, LookupError):
        pass
    return values


def close_response(resp) -> None:
    """Stop a (possibly streaming) response without the request_finished signal closing the
    test's database connection, as the test client itself avoids during the request."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_finished.disconnect(close_old_connections)
    try:
        resp.close()
    finally:
        signals.request_finished.connect(close_old_connections)
