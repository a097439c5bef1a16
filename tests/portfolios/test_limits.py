from django.urls import reverse

from portfolios.models import Portfolio


def _generate(client, job):
    return client.post(reverse("portfolio-generate", args=[job.id]), {"theme": "minimal"}, format="json")


def test_the_21st_active_preview_is_refused_with_a_clear_message(alice_client, alice_job, settings):
    assert settings.PREVIEW_MAX_ACTIVE_PER_USER == 20
    for _ in range(20):
        assert _generate(alice_client, alice_job).status_code == 202
    response = _generate(alice_client, alice_job)
    assert response.status_code == 409
    body = response.json()
    assert body["error"] == "preview_limit" and body["limit"] == 20 and body["active"] == 20
    assert "20" in body["detail"] and "Delete" in body["detail"]
    assert Portfolio.objects.filter(owner__email="alice@example.com").count() == 20


def test_expired_failed_and_published_ones_do_not_count(alice, alice_client, alice_job, settings):
    settings.PREVIEW_MAX_ACTIVE_PER_USER = 2
    first, second = (_generate(alice_client, alice_job).json()["id"] for _ in range(2))
    assert _generate(alice_client, alice_job).status_code == 409
    Portfolio.objects.filter(pk=first).update(status=Portfolio.Status.EXPIRED)
    assert _generate(alice_client, alice_job).status_code == 202
    # Restarting the expired one needs a free slot again.
    response = alice_client.post(reverse("portfolio-restart", args=[first]), {}, format="json")
    assert response.status_code == 409 and response.json()["error"] == "preview_limit"


def test_the_limit_is_per_user(alice_client, bob, bob_client, alice_job, settings):
    from tests.portfolios.conftest import make_job

    settings.PREVIEW_MAX_ACTIVE_PER_USER = 1
    assert _generate(alice_client, alice_job).status_code == 202
    assert _generate(bob_client, make_job(bob)).status_code == 202
