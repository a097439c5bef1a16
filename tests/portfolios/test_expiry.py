import io
from datetime import timedelta

from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse

from portfolios.models import Portfolio


def test_previews_expire_after_the_ttl_and_the_sweep_deletes_their_files(
    built, client, time_machine, settings, alice_client, django_capture_on_commit_callbacks
):
    files = [f"{built.site_prefix}/{name}" for name in built.site_files]
    assert built.expires_at - built.last_built_at == settings.PREVIEW_TTL == timedelta(hours=24)

    time_machine.move_to(built.last_built_at + timedelta(hours=23, minutes=59), tick=False)
    out = io.StringIO()
    call_command("cleanup_portfolios", stdout=out)
    assert "Expired 0 preview(s)" in out.getvalue()

    time_machine.move_to(built.last_built_at + timedelta(hours=24, seconds=1), tick=False)
    out = io.StringIO()
    call_command("cleanup_portfolios", "--dry-run", stdout=out)
    assert f"Would expire {built.id}" in out.getvalue() and "3 file(s)" in out.getvalue()
    built.refresh_from_db()
    assert built.status == "ready" and all(default_storage.exists(f) for f in files)

    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("cleanup_portfolios", stdout=out)
    assert "Expired 1 preview(s)" in out.getvalue()
    built.refresh_from_db()
    assert built.status == "expired" and built.site_files == [] and built.site_prefix == ""
    assert not any(default_storage.exists(f) for f in files)
    page = client.get(f"/p/{built.id}/")
    assert page.status_code == 410 and b"expired" in page.content

    # Idempotent: a second sweep finds nothing.
    out = io.StringIO()
    call_command("cleanup_portfolios", stdout=out)
    assert "Expired 0 preview(s)" in out.getvalue()

    # Restart brings it back with a fresh TTL.
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(reverse("portfolio-restart", args=[built.id]), {}, format="json")
    assert response.status_code == 202
    built.refresh_from_db()
    assert built.status == "ready" and built.expires_at > built.last_built_at


def test_a_rebuild_pushes_the_expiry_back(built, time_machine, django_capture_on_commit_callbacks, alice_client):
    time_machine.move_to(built.last_built_at + timedelta(hours=20), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        alice_client.post(reverse("portfolio-restart", args=[built.id]), {}, format="json")
    time_machine.move_to(built.last_built_at + timedelta(hours=30), tick=False)
    call_command("cleanup_portfolios", stdout=io.StringIO())
    built.refresh_from_db()
    assert built.status == "ready"


def test_the_beat_task_sweeps_every_five_minutes(built, settings, time_machine):
    from portfolios.tasks import portfolio_cleanup_task

    entry = settings.CELERY_BEAT_SCHEDULE["portfolios-expire-previews"]
    assert entry == {"task": "portfolios.tasks.portfolio_cleanup_task", "schedule": 300.0}
    assert portfolio_cleanup_task.name == entry["task"]
    time_machine.move_to(built.expires_at + timedelta(seconds=1), tick=False)
    assert portfolio_cleanup_task.delay().get() == 1
    assert Portfolio.objects.get(pk=built.pk).status == "expired"
