from django.urls import reverse

from portfolios.models import Portfolio


def test_metrics_count_previews_builds_failures_and_expirations(built, alice_client, alice_job, generate):
    alice_job.cv_data = {"hero": {"bad": 1}}
    alice_job.save()
    generate(alice_job)  # this build fails
    Portfolio.objects.create(owner=built.owner, job=alice_job, theme="minimal", status=Portfolio.Status.EXPIRED)
    body = alice_client.get(reverse("portfolio-metrics")).json()
    assert body["scope"] == "mine"
    assert body["active_previews"] == 1 and body["published"] == 0
    assert body["by_status"]["ready"] == 1 and body["by_status"]["failed"] == 1
    assert body["expirations"] == 1
    assert body["builds"]["total"] == 2 and body["builds"]["failed"] == 1
    assert 0 < body["builds"]["p50_ms"] <= body["builds"]["p95_ms"]
    assert body["limit_per_user"] == 20


def test_staff_see_every_users_figures_and_others_only_theirs(built, bob_client, staff_client):
    assert bob_client.get(reverse("portfolio-metrics")).json()["builds"]["total"] == 0
    body = staff_client.get(reverse("portfolio-metrics")).json()
    assert body["scope"] == "all" and body["builds"]["total"] == 1 and body["active_previews"] == 1
