"""The extraction core under random and malformed input: text readers, Resume Gate, date and
phone parsers, section extraction and JSON Resume import. Each either answers or raises its
own clear error, quickly; none crashes with anything else."""
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cvs.extraction.contact import find_phone
from cvs.extraction.dates import find_dates, parse_date
from cvs.extraction.gate import resume_gate_score
from cvs.extraction.pipeline import extract_offline
from cvs.extraction.schema import DATE_RE, cv_document_validate
from cvs.extraction.text import TextExtractionError, extract_text
from tests.fuzz.strategies import json_values, malformed_documents, nasty_text
from tests.security.owned import SAMPLE_CV, alice_objects
from tests.hostile.corpus import CV_TEXT, docx, text_pdf

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
FILE_FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
SAMPLES = sorted((Path(__file__).resolve().parents[2] / ".." / "shared" / "samples" / "real-pdfs").glob("*.pdf"))
ERROR_CODES = {"corrupt", "encrypted", "too_large", "unsupported", "timeout", "empty"}
# Words of ordinary length; single tokens thousands of characters long are a separate case.
short_text = nasty_text.filter(lambda s: len(s) <= 300)
cv_lines = st.lists(st.one_of(st.sampled_from(CV_TEXT.splitlines()), short_text), max_size=40).map("\n".join)


@contextmanager
def time_box(seconds: float):
    started = time.monotonic()
    yield
    elapsed = time.monotonic() - started
    assert elapsed < seconds, f"took {elapsed:.2f} s (limit {seconds} s)"


@FUZZ
@given(st.one_of(short_text, st.from_regex(r"(since )?(\d{1,2}[/.])?\d{2,4}([/.-]\d{1,2})?", fullmatch=True)))
def test_parse_date_answers_a_schema_date_or_none(text):
    with time_box(5.0):
        value = parse_date(text)
    assert value is None or DATE_RE.match(value), value


@FUZZ
@given(cv_lines)
def test_find_dates_spans_are_inside_the_line_and_well_formed(line):
    with time_box(5.0):
        spans = find_dates(line)
    for span in spans:
        assert 0 <= span.begin <= span.finish <= len(line)
        for value in (span.start, span.end):
            assert value is None or DATE_RE.match(value), value


@FUZZ
@given(st.one_of(short_text, st.from_regex(r"\+?[\d ().\-/]{0,25}", fullmatch=True)))
def test_find_phone_returns_a_phone_found_in_the_text(text):
    with time_box(5.0):
        phone = find_phone(text)
    if phone is not None:
        assert phone in text
        assert 7 <= sum(c.isdigit() for c in phone) <= 15


@FUZZ
@given(st.one_of(short_text, cv_lines))
def test_the_gate_scores_anything_between_0_and_100_and_explains_itself(text):
    with time_box(5.0):
        gate = resume_gate_score(text)
    assert 0 <= gate.score <= 100
    assert gate.passed == (gate.score >= 60)
    assert gate.reason if not gate.passed else True


def test_the_gate_is_fast_on_a_huge_text():
    with time_box(10.0):
        gate = resume_gate_score(CV_TEXT * 2000)
    assert 0 <= gate.score <= 100


def _read(data: bytes, file_type: str, limit: float = 25.0):
    with time_box(limit):
        try:
            return extract_text(data, file_type)
        except TextExtractionError as exc:
            assert exc.code in ERROR_CODES and exc.detail, exc
            return None


@FILE_FUZZ
@given(st.binary(max_size=4096), st.sampled_from(["pdf", "docx", "doc", "txt", "rtf", "png", "jpg", "webp"]))
def test_random_bytes_are_read_or_refused_with_a_clear_code(data, file_type):
    _read(data, file_type)



@FILE_FUZZ
@given(cv_lines)
def test_the_offline_pipeline_turns_any_text_into_a_valid_document(text):
    data = text.encode("utf-8", "replace") or b"x"
    with time_box(10.0):
        try:
            result = extract_offline(data, "txt")
        except TextExtractionError as exc:
            assert exc.code in ERROR_CODES
            return
    cv_document_validate(result.cv)
    assert 0.0 <= result.confidence <= 1.0



JSON_RESUME_KEYS = ["basics", "work", "education", "skills", "projects", "awards", "certificates", "languages",
                    "volunteer", "publications", "interests", "meta", "references"]
json_resume_junk = st.one_of(
    st.dictionaries(st.sampled_from(JSON_RESUME_KEYS), json_values, max_size=8),
    st.dictionaries(st.sampled_from(JSON_RESUME_KEYS), st.lists(st.dictionaries(
        st.sampled_from(["name", "position", "startDate", "endDate", "url", "highlights", "keywords", "area"]),
        json_values, max_size=5), max_size=3), max_size=6),
)


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=json_resume_junk)
def test_importing_a_junk_json_resume_is_a_clear_400_and_keeps_the_cv(data, alice_client, alice, unthrottled):
    job = _alice_job(alice)
    resp = alice_client.put(reverse("cv-json-resume", kwargs={"job_id": job.id}), data, format="json")
    assert resp.status_code in (200, 400, 422), (resp.status_code, resp.content[:300])
    if resp.status_code != 200:
        assert resp.json()["detail"]
        job.refresh_from_db()
        assert job.cv_data == SAMPLE_CV, "a refused import changes nothing"


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=malformed_documents)
def test_putting_a_malformed_cv_is_a_clear_400_and_keeps_the_cv(data, alice_client, alice, unthrottled):
    job = _alice_job(alice)
    resp = alice_client.put(reverse("cv-detail", kwargs={"job_id": job.id}), {"cv_data": data}, format="json")
    assert resp.status_code in (200, 400, 422), (resp.status_code, resp.content[:300])
    if resp.status_code != 200:
        assert resp.json()["detail"]
        job.refresh_from_db()
        assert job.cv_data == SAMPLE_CV


@pytest.fixture
def unthrottled():
    from django.conf import settings as django_settings
    from django.test import override_settings

    with override_settings(REST_FRAMEWORK={**django_settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}):
        yield


def _alice_job(alice):
    from cvs.models import ExtractionJob

    job = ExtractionJob.objects.filter(owner=alice).first()
    if job is None:
        alice_objects(alice)
        job = ExtractionJob.objects.get(owner=alice)
    ExtractionJob.objects.filter(pk=job.pk).update(cv_data=SAMPLE_CV)
    job.refresh_from_db()
    return job


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.name for p in SAMPLES])
def test_every_sample_pdf_reads_into_a_valid_document_fast(sample):
    with time_box(15.0):
        result = extract_offline(sample.read_bytes(), "pdf")
    cv_document_validate(result.cv)
