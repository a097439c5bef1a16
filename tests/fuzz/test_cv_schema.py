"""The CV schema under random and malformed input: it accepts or refuses, it never breaks."""
import json
import time

import pydantic
import pytest
from hypothesis import HealthCheck, given, settings

from cvs.extraction.schema import cv_document_dump, cv_document_validate
from tests.fuzz.strategies import XSS_PAYLOADS, cv_documents, malformed_documents

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(cv_documents)
def test_every_document_drawn_from_the_schema_is_accepted_and_round_trips(doc):
    dumped = cv_document_dump(cv_document_validate(doc))
    assert cv_document_dump(cv_document_validate(dumped)) == dumped
    json.dumps(dumped)  # the canonical form is plain JSON


@FUZZ
@given(malformed_documents)
def test_malformed_documents_are_refused_with_a_validation_error_quickly(doc):
    started = time.monotonic()
    try:
        cv_document_validate(doc)
    except pydantic.ValidationError as exc:
        assert exc.errors(), "a refusal names what is wrong"
    assert time.monotonic() - started < 5.0


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_markup_is_kept_as_data_not_stripped_or_altered(payload):
    """Escaping belongs to the templates; the schema stores exactly what the person typed."""
    doc = cv_document_dump(cv_document_validate({"hero": {"fullName": payload}}))
    assert doc["hero"]["fullName"] == payload.strip()


def test_a_deeply_nested_document_is_refused_not_recursed_forever():
    nested: dict = {}
    node = nested
    for _ in range(2000):
        node["hero"] = {}
        node = node["hero"]
    with pytest.raises(pydantic.ValidationError):
        cv_document_validate(nested)
