"""The OpenAPI schema describes the monitoring responses and names every operation once."""
from collections import Counter

import pytest
from drf_spectacular.generators import SchemaGenerator


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def _response_properties(schema, path: str) -> dict:
    ref = schema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    return schema["components"]["schemas"][ref.rsplit("/", 1)[-1]]["properties"]


def test_workflow_metrics_and_patterns_responses_are_described(schema):
    assert {"window_seconds", "workflows"} <= set(_response_properties(schema, "/api/v1/workflows/metrics"))
    patterns = _response_properties(schema, "/api/v1/workflows/analysis/patterns")
    assert {"hours", "limit", "patterns"} <= set(patterns)


def test_every_operation_id_is_unique(schema):
    ids = Counter(op["operationId"] for item in schema["paths"].values() for op in item.values()
                  if isinstance(op, dict) and "operationId" in op)
    assert [name for name, n in ids.items() if n > 1] == []
    assert {"cv_download_all", "cv_download_file"} <= set(ids)
