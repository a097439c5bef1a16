from django.urls import reverse

from cvs.models import ExtractionJob


def test_stats_count_rates_timings_and_extractors(alice_client, upload, django_capture_on_commit_callbacks):
    upload(alice_client)
    upload(alice_client)  # cache hit
    failed = upload(alice_client, name="cv.txt", data=b"Maria Jensen\n" * 2)
    assert failed.status_code == 400  # refused at the gate: not counted as a job

    body = alice_client.get(reverse("extraction-stats")).json()

    assert body["scope"] == "mine"
    assert body["counts"]["total"] == 2 and body["counts"]["done"] == 2
    assert body["success_rate"] == 1.0
    assert body["cache"] == {"hits": 1, "hit_rate": 0.5}
    assert body["timings"]["extracted"]["count"] == 1 and body["timings"]["extracted"]["p50_ms"] > 0
    assert body["timings"]["all"]["p95_ms"] >= body["timings"]["all"]["p50_ms"]
    assert body["extractors"]["offline"]["jobs"] == 2 and body["extractors"]["offline"]["mean_confidence"] > 0


def test_success_rate_counts_failures(alice_client, done_job):
    ExtractionJob.objects.create(owner=done_job.owner, original_name="x.pdf", file_type="pdf", size=1, sha256="0" * 64,
                                 status=ExtractionJob.Status.FAILED, error="damaged")

    assert alice_client.get(reverse("extraction-stats")).json()["success_rate"] == 0.5


def test_users_see_their_own_figures_and_staff_see_everyones(alice_client, bob_client, staff_client, done_job):
    assert bob_client.get(reverse("extraction-stats")).json()["counts"]["total"] == 0
    staff = staff_client.get(reverse("extraction-stats")).json()
    assert staff["scope"] == "all" and staff["counts"]["total"] == 1


def test_stats_need_sign_in(anon_client):
    assert anon_client.get(reverse("extraction-stats")).status_code in (401, 403)


def test_stats_say_whether_claude_is_on(alice_client, settings):
    settings.ANTHROPIC_API_KEY = ""
    assert alice_client.get(reverse("extraction-stats")).json()["claude"] == {"configured": False, "model": None}
    settings.ANTHROPIC_API_KEY = "sk-ant-test"
    body = alice_client.get(reverse("extraction-stats")).json()
    assert body["claude"] == {"configured": True, "model": settings.ANTHROPIC_MODEL}
