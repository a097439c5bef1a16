from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from payments.models import Entitlement, WebhookEvent
from payments.selectors import entitlement_active
from payments.tasks import payment_events_sync_task
from payments.webhooks import webhook_events_sync
from tests.payments.conftest import post_event, start_checkout


def test_events_the_webhook_missed_are_applied_once_in_order(alice_client, alice, fake_stripe):
    session_id = start_checkout(alice_client)
    fake_stripe.complete_session(session_id)
    fake_stripe.refund(session_id)
    fake_stripe.event("invoice.created", {"id": "in_1"})
    result = webhook_events_sync(since=timezone.now() - timedelta(hours=1))
    assert result == {"fetched": 2, "applied": 2, "configured": True}
    assert Entitlement.objects.get(user=alice).status == "revoked"
    (request,) = fake_stripe.requests_to("GET", "/v1/events")
    assert "checkout.session.completed" in request.params["types"]


def test_events_already_delivered_are_not_applied_again(alice_client, anon_client, alice, fake_stripe):
    session_id = start_checkout(alice_client)
    post_event(anon_client, fake_stripe, fake_stripe.complete_session(session_id))
    assert webhook_events_sync(since=timezone.now() - timedelta(hours=1))["applied"] == 0
    assert Entitlement.objects.filter(user=alice).count() == 1
    assert WebhookEvent.objects.count() == 1


def test_it_pages_through_many_events(alice_client, alice, fake_stripe):
    session_id = start_checkout(alice_client)
    fake_stripe.complete_session(session_id)
    for _ in range(120):
        fake_stripe.expire_session(session_id)
    result = webhook_events_sync(since=timezone.now() - timedelta(hours=1))
    assert (result["fetched"], result["applied"]) == (121, 121)
    assert len(fake_stripe.requests_to("GET", "/v1/events")) == 2
    assert entitlement_active(user=alice) is True


def test_older_events_are_left_out(alice_client, fake_stripe):
    session_id = start_checkout(alice_client)
    fake_stripe.sessions[session_id]["status"] = "expired"
    old = int((timezone.now() - timedelta(days=5)).timestamp())
    fake_stripe.event("checkout.session.expired", fake_stripe.sessions[session_id], created=old)
    assert payment_events_sync_task()["fetched"] == 0


def test_the_command_reports_what_it_did(alice_client, fake_stripe):
    fake_stripe.complete_session(start_checkout(alice_client))
    out = StringIO()
    call_command("payments_sync_events", "--hours", "1", stdout=out)
    assert out.getvalue().strip() == "1 event(s) fetched, 1 newly applied."


def test_without_keys_it_does_nothing(settings, db):
    settings.STRIPE_SECRET_KEY = ""
    err = StringIO()
    call_command("payments_sync_events", stderr=err)
    assert "not configured" in err.getvalue()


def test_the_scheduler_runs_the_sync_hourly(settings):
    from resume2website.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["payments-sync-events"]
    assert entry["schedule"] == 3600.0
    app.loader.import_default_modules()
    assert entry["task"] in app.tasks
