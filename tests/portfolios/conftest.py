"""Portfolio fixtures: CVs with real data, built portfolios, entitlements."""
import copy
import hashlib
import json
from pathlib import Path

import pytest

from cvs.models import ExtractionJob

FULL_CV = json.loads((Path(__file__).parent / "data" / "full_cv.json").read_text())


def make_job(owner, cv_data=None) -> ExtractionJob:
    data = copy.deepcopy(FULL_CV if cv_data is None else cv_data)
    raw = json.dumps(data).encode()
    return ExtractionJob.objects.create(
        owner=owner, file="uploads/cv.pdf", original_name="cv.pdf", file_type="pdf", size=len(raw),
        sha256=hashlib.sha256(raw).hexdigest(), status=ExtractionJob.Status.DONE, cv_data=data,
        extractor="offline", confidence=0.9,
    )


@pytest.fixture
def full_cv():
    return copy.deepcopy(FULL_CV)


@pytest.fixture
def alice_job(alice):
    return make_job(alice)


@pytest.fixture
def generate(alice_client, django_capture_on_commit_callbacks):
    """POST generate/{job_id} through the API with the build task really run (on commit)."""
    from django.urls import reverse

    def _generate(job, client=None, **body):
        with django_capture_on_commit_callbacks(execute=True):
            response = (client or alice_client).post(
                reverse("portfolio-generate", args=[job.id]), body or {"theme": "minimal"}, format="json"
            )
        return response

    return _generate


@pytest.fixture
def built(alice_job, generate):
    """Alice's portfolio, built (status ready)."""
    from portfolios.models import Portfolio

    response = generate(alice_job)
    assert response.status_code == 202, response.content
    return Portfolio.objects.get(pk=response.json()["id"])


@pytest.fixture
def paid(alice):
    from payments.services import entitlement_grant

    return entitlement_grant(user=alice, source="admin")


from tests.fakes.dns import fake_dns  # noqa: E402,F401  (fixture)
from tests.fakes.vercel import fake_vercel  # noqa: E402,F401  (fixture)


@pytest.fixture
def deploy(alice_client, django_capture_on_commit_callbacks):
    """POST deploy with the follow-up build (and Vercel deployment) really run."""
    from django.urls import reverse

    def _deploy(portfolio, client=None, **body):
        with django_capture_on_commit_callbacks(execute=True):
            return (client or alice_client).post(reverse("portfolio-deploy", args=[portfolio.id]), body, format="json")

    return _deploy


@pytest.fixture
def published(built, paid, deploy):
    response = deploy(built, slug="ada-lovelace")
    assert response.status_code == 202, response.content
    built.refresh_from_db()
    return built
