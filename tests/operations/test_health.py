import pytest
from django.urls import reverse


def test_health_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["uptime_seconds"] >= 0
    assert reverse("health") == "/health"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_answers_head_and_refuses_writes(client):
    assert client.head("/health").status_code == 200
    assert client.post("/health").status_code == 405
