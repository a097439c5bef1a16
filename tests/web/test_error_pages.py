"""Error pages in the site's design; JSON errors for unknown API paths; CSRF on every form."""
import pytest
from django.test import Client
from django.urls import path, reverse

from resume2website import urls as project_urls


@pytest.mark.django_db
def test_unknown_page_gets_the_designed_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html and 'class="error-code">404' in html
    assert "/static/css/app.css" in html


@pytest.mark.django_db
def test_unknown_api_path_answers_json(client):
    response = client.get("/api/v1/no-such-endpoint")
    assert response.status_code == 404
    assert response.json() == {"error": "not_found", "detail": "No such endpoint."}


@pytest.mark.django_db
def test_form_without_csrf_token_gets_the_designed_403(alice):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(alice)
    response = csrf_client.post(reverse("account"), {"name": "Mallory"})
    assert response.status_code == 403
    assert "This form expired" in response.content.decode()
    alice.refresh_from_db()
    assert alice.name == "Alice Example"


def _boom(request):
    raise RuntimeError("kaboom")


# This module doubles as a URLconf: the project's routes plus two that crash.
urlpatterns = [path("boom/", _boom), path("api/v1/boom", _boom), *project_urls.urlpatterns]
handler404 = project_urls.handler404
handler500 = project_urls.handler500


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_crash_gets_the_designed_500_page_and_json_under_the_api():
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html and "/static/css/app.css" in html
    assert "kaboom" not in html
    response = client.get("/api/v1/boom")
    assert response.status_code == 500
    assert response.json()["error"] == "server_error"


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["home", "pricing", "account_login", "account_signup"])
def test_every_form_on_public_pages_carries_a_csrf_token(client, name):
    html = client.get(reverse(name)).content.decode()
    assert html.count('method="post"') == html.count("csrfmiddlewaretoken")
