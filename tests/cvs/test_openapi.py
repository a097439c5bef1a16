"""Every CV route is in the OpenAPI schema with the seed's method and path."""
import pytest
from django.urls import reverse

ROUTES = [
    ("post", "/api/v1/upload"), ("post", "/api/v1/upload-anonymous"), ("post", "/api/v1/upload-multiple"),
    ("post", "/api/v1/extract/{job_id}"), ("get", "/api/v1/cv/{job_id}"), ("put", "/api/v1/cv/{job_id}"),
    ("get", "/api/v1/cv/{job_id}/versions"), ("post", "/api/v1/cv/{job_id}/versions/{number}/restore"),
    ("get", "/api/v1/cv/{job_id}/json-resume"), ("put", "/api/v1/cv/{job_id}/json-resume"),
    ("get", "/api/v1/my-cvs"), ("get", "/api/v1/download/{job_id}"), ("get", "/api/v1/download/{job_id}/all"),
    ("get", "/api/v1/download/{job_id}/{name}"), ("post", "/api/v1/claim"), ("get", "/api/v1/extraction-stats"),
    ("delete", "/api/v1/cleanup"), ("post", "/api/v1/cv-enhanced/upload"),
    ("get", "/api/v1/cv-enhanced/test-with-sample"),
]


@pytest.fixture(scope="module")
def schema(django_db_setup, django_db_blocker):
    from drf_spectacular.generators import SchemaGenerator

    with django_db_blocker.unblock():
        return SchemaGenerator().get_schema(request=None, public=True)


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_every_cv_route_is_documented(schema, method, path):
    assert method in schema["paths"][path], f"{method.upper()} {path} missing"


def test_the_schema_is_served(anon_client, db):
    response = anon_client.get(reverse("schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200 and "/api/v1/upload" in response.content.decode()


def test_cv_data_is_documented_from_the_cv_schema(schema):
    from cvs.extraction.schema import SECTION_NAMES

    put = schema["paths"]["/api/v1/cv/{job_id}"]["put"]["requestBody"]["content"]["application/json"]["schema"]
    component = schema["components"]["schemas"][put["$ref"].rsplit("/", 1)[-1]]
    cv_data = component["properties"]["cv_data"]
    assert tuple(cv_data["properties"]) == SECTION_NAMES
    item = cv_data["properties"]["experience"]["properties"]["experienceItems"]["items"]
    assert {"jobTitle", "companyName", "dateRange"} <= set(item["properties"])
    assert "$ref" not in str(cv_data) and "anyOf" not in str(cv_data)
