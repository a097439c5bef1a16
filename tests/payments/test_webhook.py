import json
import logging
import time
from datetime import timedelta

from django.urls import reverse

from payments.models import CheckoutSession, Entitlement, WebhookEvent
from payments.selectors import entitlement_active
from tests.payments.conftest import post_event, start_checkout

URL = "/api/v1/payments/webhook"


def test_the_route_is_where_the_registry_says(db):
    assert reverse("payments-webhook") == URL


def test_a_paid_checkout_grants_the_plans_features(anon_client, alice_client, alice, fake_stripe):
    session_id = start_checkout(alice_client)
    event = fake_stripe.complete_session(session_id)
    response = post_event(anon_client, fake_stripe, event)
    assert response.status_code == 200
    assert response.json() == {"received": True, "event_id": event["id"], "duplicate": False, "outcome": "processed"}
    entitlement = Entitlement.objects.get(user=alice)
    assert (entitlement.source, entitlement.reference, entitlement.expires_at) == ("stripe_checkout", session_id, None)
    assert entitlement_active(user=alice) and entitlement_active(user=alice, feature="custom_domain")
    session = CheckoutSession.objects.get(session_id=session_id)
    assert (session.status, session.payment_status) == ("complete", "paid")
    assert session.payment_intent_id.startswith("pi_")


def test_a_bad_signature_is_400_and_changes_nothing(anon_client, alice_client, alice, fake_stripe):
    session_id = start_checkout(alice_client)
    event = fake_stripe.complete_session(session_id)
    for sign in ({"secret": "whsec_someone_else"}, {"timestamp": int(time.time()) - 3600}):
        response = post_event(anon_client, fake_stripe, event, **sign)
        assert response.status_code == 400
        assert response.json()["error"] == "invalid_signature"
    body, signature = fake_stripe.signed(event)
    tampered = body.replace(b'"paid"', b'"PAID"')
    for headers in ({}, {"HTTP_STRIPE_SIGNATURE": signature}):
        response = anon_client.post(URL, data=tampered, content_type="application/json", **headers)
        assert response.status_code == 400
    assert not WebhookEvent.objects.exists()
    assert not Entitlement.objects.exists()
    assert CheckoutSession.objects.get(session_id=session_id).status == "open"


def test_a_signed_body_that_is_not_an_event_is_400(anon_client, fake_stripe):
    for body in (b"not json", json.dumps({"hello": "world"}).encode()):
        from tests.fakes.stripe import sign_payload

        response = anon_client.post(URL, data=body, content_type="application/json",
                                    HTTP_STRIPE_SIGNATURE=sign_payload(body))
        assert response.status_code == 400
        assert response.json()["error"] == "invalid_payload"
    assert not WebhookEvent.objects.exists()


def test_it_answers_503_without_a_webhook_secret(anon_client, fake_stripe, settings):
    event = fake_stripe.event("checkout.session.completed", {"id": "cs_x"})
    settings.STRIPE_WEBHOOK_SECRET = ""
    response = post_event(anon_client, fake_stripe, event)
    assert response.status_code == 503
    assert response.json()["error"] == "payments_not_configured"


def test_the_same_event_twice_grants_once(anon_client, alice_client, alice, fake_stripe):
    event = fake_stripe.complete_session(start_checkout(alice_client))
    assert post_event(anon_client, fake_stripe, event).json()["duplicate"] is False
    replay = post_event(anon_client, fake_stripe, event)
    assert replay.status_code == 200
    assert replay.json()["duplicate"] is True
    assert Entitlement.objects.filter(user=alice).count() == 1
    assert WebhookEvent.objects.filter(event_id=event["id"]).count() == 1


def test_a_replay_does_not_undo_a_later_revocation(anon_client, alice_client, alice, fake_stripe):
    session_id = start_checkout(alice_client)
    completed = fake_stripe.complete_session(session_id)
    post_event(anon_client, fake_stripe, completed)
    post_event(anon_client, fake_stripe, fake_stripe.refund(session_id))
    post_event(anon_client, fake_stripe, completed)
    assert entitlement_active(user=alice) is False


def test_a_delayed_payment_waits_then_grants_when_it_succeeds(anon_client, alice_client, alice, fake_stripe):
    session_id = start_checkout(alice_client)
    post_event(anon_client, fake_stripe, fake_stripe.complete_session(session_id, payment_status="unpaid"))
    assert entitlement_active(user=alice) is False
    assert CheckoutSession.objects.get(session_id=session_id).payment_status == "unpaid"
    post_event(anon_client, fake_stripe, fake_stripe.async_payment(session_id, succeeded=True))
    assert entitlement_active(user=alice) is True
    assert CheckoutSession.objects.get(session_id=session_id).payment_status == "paid"


def test_a_failed_delayed_payment_grants_nothing(anon_client, alice_client, alice, fake_stripe):
    session_id = start_checkout(alice_client)
    post_event(anon_client, fake_stripe, fake_stripe.complete_session(session_id, payment_status="unpaid"))
    response = post_event(anon_client, fake_stripe, fake_stripe.async_payment(session_id, succeeded=False))
    assert response.json()["outcome"] == "processed"
    assert entitlement_active(user=alice) is False
    assert not Entitlement.objects.exists()
    assert CheckoutSession.objects.get(session_id=session_id).payment_status == "failed"


def test_success_arriving_before_completion_grants_once_and_stays_paid(anon_client, alice_client, alice, fake_stripe):
    session_id = start_checkout(alice_client)
    completed = fake_stripe.complete_session(session_id, payment_status="unpaid")
    succeeded = fake_stripe.async_payment(session_id, succeeded=True)
    post_event(anon_client, fake_stripe, succeeded)
    post_event(anon_client, fake_stripe, completed)
    assert Entitlement.objects.filter(user=alice).count() == 1
    assert entitlement_active(user=alice) is True
    assert CheckoutSession.objects.get(session_id=session_id).payment_status == "paid"


def test_a_full_refund_revokes_access(anon_client, alice, paid_lifetime, fake_stripe):
    response = post_event(anon_client, fake_stripe, fake_stripe.refund(paid_lifetime))
    assert response.json()["outcome"] == "processed"
    entitlement = Entitlement.objects.get(user=alice)
    assert (entitlement.status, entitlement.revoke_reason) == ("revoked", "payment refunded")
    assert entitlement_active(user=alice) is False


def test_a_partial_refund_keeps_access(anon_client, alice, paid_lifetime, fake_stripe):
    response = post_event(anon_client, fake_stripe, fake_stripe.refund(paid_lifetime, amount=100))
    assert response.json()["outcome"] == "ignored"
    assert entitlement_active(user=alice) is True


def test_a_dispute_revokes_access(anon_client, alice, paid_lifetime, fake_stripe):
    post_event(anon_client, fake_stripe, fake_stripe.dispute(paid_lifetime))
    assert entitlement_active(user=alice) is False
    assert Entitlement.objects.get(user=alice).revoke_reason == "payment disputed (fraudulent)"


def test_a_refund_delivered_before_the_completion_still_wins(anon_client, alice_client, alice, fake_stripe):
    session_id = start_checkout(alice_client)
    completed = fake_stripe.complete_session(session_id)
    refunded = fake_stripe.refund(session_id)
    assert post_event(anon_client, fake_stripe, refunded).json()["outcome"] == "ignored"
    post_event(anon_client, fake_stripe, completed)
    assert entitlement_active(user=alice) is False
    assert Entitlement.objects.get(user=alice).status == "revoked"


def test_a_refund_only_touches_that_payment(anon_client, alice_client, bob_client, alice, bob, fake_stripe):
    alice_session, bob_session = start_checkout(alice_client), start_checkout(bob_client)
    post_event(anon_client, fake_stripe, fake_stripe.complete_session(alice_session))
    post_event(anon_client, fake_stripe, fake_stripe.complete_session(bob_session))
    post_event(anon_client, fake_stripe, fake_stripe.refund(bob_session))
    assert entitlement_active(user=alice) is True
    assert entitlement_active(user=bob) is False


def test_events_for_unknown_sessions_are_logged_and_ignored(anon_client, fake_stripe, caplog, db):
    event = fake_stripe.event("checkout.session.completed", {
        "id": "cs_test_elsewhere", "object": "checkout.session", "status": "complete", "payment_status": "paid",
        "metadata": {"user_id": "1"},
    })
    with caplog.at_level(logging.WARNING, logger="payments.webhooks"):
        response = post_event(anon_client, fake_stripe, event)
    assert response.status_code == 200
    assert response.json()["outcome"] == "ignored"
    assert "unknown checkout session cs_test_elsewhere" in WebhookEvent.objects.get().note
    assert any(r.levelno == logging.WARNING for r in caplog.records)
    assert not Entitlement.objects.exists()


def test_unused_event_types_are_acknowledged_and_ignored(anon_client, fake_stripe, db):
    response = post_event(anon_client, fake_stripe, fake_stripe.event("invoice.created", {"id": "in_1"}))
    assert response.status_code == 200
    assert response.json()["outcome"] == "ignored"


def test_a_session_whose_metadata_names_another_user_grants_nothing(anon_client, alice_client, bob, fake_stripe):
    session_id = start_checkout(alice_client)
    event = fake_stripe.complete_session(session_id)
    event["data"]["object"]["metadata"]["user_id"] = str(bob.pk)
    assert post_event(anon_client, fake_stripe, event).json()["outcome"] == "ignored"
    assert not Entitlement.objects.exists()


def test_an_expired_session_is_recorded(anon_client, alice_client, fake_stripe):
    session_id = start_checkout(alice_client)
    post_event(anon_client, fake_stripe, fake_stripe.expire_session(session_id))
    assert CheckoutSession.objects.get(session_id=session_id).status == "expired"
    assert not Entitlement.objects.exists()


# --- Subscriptions ----------------------------------------------------------------------------

def _subscribe(anon_client, alice_client, fake_stripe) -> str:
    session_id = start_checkout(alice_client, plan="monthly")
    post_event(anon_client, fake_stripe, fake_stripe.complete_session(session_id))
    return fake_stripe.sessions[session_id]["subscription"]


def test_a_subscription_grants_access_with_an_expiry(anon_client, alice_client, alice, fake_stripe):
    sub_id = _subscribe(anon_client, alice_client, fake_stripe)
    entitlement = Entitlement.objects.get(user=alice)
    assert (entitlement.source, entitlement.reference) == ("stripe_subscription", sub_id)
    assert entitlement.expires_at is not None
    assert entitlement_active(user=alice) is True


def test_a_renewal_moves_the_expiry_to_the_new_period_end(anon_client, alice_client, alice, fake_stripe):
    sub_id = _subscribe(anon_client, alice_client, fake_stripe)
    period_end = int(time.time()) + 60 * 86400
    post_event(anon_client, fake_stripe, fake_stripe.update_subscription(sub_id, period_end=period_end))
    entitlement = Entitlement.objects.get(user=alice)
    assert int((entitlement.expires_at - timedelta(days=2)).timestamp()) == period_end


def test_a_deleted_subscription_revokes_access(anon_client, alice_client, alice, fake_stripe):
    sub_id = _subscribe(anon_client, alice_client, fake_stripe)
    post_event(anon_client, fake_stripe, fake_stripe.update_subscription(sub_id, deleted=True))
    assert entitlement_active(user=alice) is False
    assert Entitlement.objects.get(user=alice).revoke_reason == "Subscription canceled"


def test_an_unpaid_subscription_loses_access_and_regains_it_when_paid(anon_client, alice_client, alice, fake_stripe):
    sub_id = _subscribe(anon_client, alice_client, fake_stripe)
    post_event(anon_client, fake_stripe, fake_stripe.update_subscription(sub_id, status="unpaid"))
    assert entitlement_active(user=alice) is False
    post_event(anon_client, fake_stripe, fake_stripe.update_subscription(sub_id, status="active"))
    assert entitlement_active(user=alice) is True


def test_a_stale_update_after_deletion_does_not_restore_access(anon_client, alice_client, alice, fake_stripe):
    sub_id = _subscribe(anon_client, alice_client, fake_stripe)
    stale = fake_stripe.update_subscription(sub_id, status="active", created=int(time.time()) - 600)
    post_event(anon_client, fake_stripe, fake_stripe.update_subscription(sub_id, deleted=True))
    assert post_event(anon_client, fake_stripe, stale).json()["outcome"] == "ignored"
    assert entitlement_active(user=alice) is False


def test_a_subscription_deleted_before_its_checkout_event_never_grants(anon_client, alice_client, alice, fake_stripe):
    session_id = start_checkout(alice_client, plan="monthly")
    completed = fake_stripe.complete_session(session_id)
    sub_id = fake_stripe.sessions[session_id]["subscription"]
    post_event(anon_client, fake_stripe, fake_stripe.update_subscription(sub_id, deleted=True))
    post_event(anon_client, fake_stripe, completed)
    assert entitlement_active(user=alice) is False
    assert Entitlement.objects.filter(user=alice).count() == 1


def test_a_subscription_update_before_the_checkout_event_grants_once(anon_client, alice_client, alice, fake_stripe):
    session_id = start_checkout(alice_client, plan="monthly")
    completed = fake_stripe.complete_session(session_id)
    sub_id = fake_stripe.sessions[session_id]["subscription"]
    post_event(anon_client, fake_stripe, fake_stripe.update_subscription(sub_id, status="active"))
    post_event(anon_client, fake_stripe, completed)
    assert Entitlement.objects.filter(user=alice).count() == 1
    assert entitlement_active(user=alice) is True


def test_an_unknown_subscription_is_ignored(anon_client, fake_stripe, db):
    sub = fake_stripe.create_subscription(customer="cus_elsewhere", metadata={})
    response = post_event(anon_client, fake_stripe, fake_stripe.update_subscription(sub["id"], status="active"))
    assert response.json()["outcome"] == "ignored"
    assert not Entitlement.objects.exists()


def test_an_update_in_the_same_second_as_the_cancellation_does_not_restore_access(
    anon_client, alice_client, alice, fake_stripe
):
    sub_id = _subscribe(anon_client, alice_client, fake_stripe)
    now = int(time.time()) + 5
    active = fake_stripe.update_subscription(sub_id, status="active", created=now)
    deleted = fake_stripe.update_subscription(sub_id, deleted=True, created=now)
    post_event(anon_client, fake_stripe, deleted)
    assert post_event(anon_client, fake_stripe, active).json()["outcome"] == "ignored"
    assert entitlement_active(user=alice) is False


def test_a_refunded_subscription_payment_is_not_restored_by_a_renewal(anon_client, alice_client, alice, fake_stripe):
    sub_id = _subscribe(anon_client, alice_client, fake_stripe)
    Entitlement.objects.filter(user=alice).update(status="revoked", revoke_reason="payment disputed (fraudulent)")
    post_event(anon_client, fake_stripe, fake_stripe.update_subscription(sub_id, status="active"))
    assert entitlement_active(user=alice) is False


def test_a_subscription_event_without_a_period_end_never_grants_lifetime_access(
    anon_client, alice_client, alice, fake_stripe
):
    session_id = start_checkout(alice_client, plan="monthly")
    fake_stripe.complete_session(session_id)
    sub = fake_stripe.subscriptions[fake_stripe.sessions[session_id]["subscription"]]
    sub["items"]["data"] = []
    post_event(anon_client, fake_stripe, fake_stripe.update_subscription(sub["id"], status="active"))
    entitlement = Entitlement.objects.get(user=alice)
    assert entitlement.expires_at is not None
    assert entitlement.expires_at < entitlement.granted_at + timedelta(days=40)


def test_a_checkout_that_needs_no_payment_grants(anon_client, alice_client, alice, fake_stripe):
    session_id = start_checkout(alice_client)
    post_event(anon_client, fake_stripe, fake_stripe.complete_session(session_id, payment_status="no_payment_required"))
    assert entitlement_active(user=alice) is True
