from django.urls import reverse

SEED_ROUTES = [
    ("post", "/api/v1/portfolio/generate/{job_id}"),
    ("post", "/api/v1/portfolio/{portfolio_id}/deploy"),
    ("get", "/api/v1/portfolio/list"),
    ("get", "/api/v1/portfolio/{portfolio_id}/status"),
    ("post", "/api/v1/portfolio/{portfolio_id}/restart"),
    ("delete", "/api/v1/portfolio/{portfolio_id}"),
    ("get", "/api/v1/portfolio/{portfolio_id}/cv-data"),
    ("put", "/api/v1/portfolio/{portfolio_id}/cv-data"),
    ("post", "/api/v1/portfolio/{portfolio_id}/setup-custom-domain"),
    ("get", "/api/v1/portfolio/portfolios/metrics"),
]
OUR_ROUTES = [
    ("post", "/api/v1/portfolio/{portfolio_id}/verify-domain"),
    ("post", "/api/v1/portfolio/{portfolio_id}/photo"),
    ("get", "/api/v1/portfolio/{portfolio_id}/export"),
    ("get", "/api/v1/portfolio/themes"),
]


def test_every_portfolio_route_is_in_the_openapi_schema(anon_client):
    response = anon_client.get(reverse("schema"), {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    for method, path in SEED_ROUTES + OUR_ROUTES:
        assert path in paths, path
        assert method in paths[path], (method, path)
        assert "portfolio" in paths[path][method]["tags"]
