from django.urls import reverse

from payments.models import CheckoutSession, Entitlement
from tests.payments.conftest import post_event, start_checkout


def _url(session_id: str) -> str:
    return reverse("payments-session-status", args=[session_id])


def test_the_route_is_where_the_registry_says(db):
    assert _url("cs_1") == "/api/v1/payments/session-status/cs_1"


def test_the_owner_sees_the_live_status(alice_client, fake_stripe):
    session_id = start_checkout(alice_client)
    body = alice_client.get(_url(session_id)).json()
    assert body == {
        "session_id": session_id, "plan": "lifetime", "status": "open", "payment_status": "unpaid",
        "customer_email": "alice@example.com", "access_granted": False, "active_features": [],
    }
    assert fake_stripe.requests_to("GET", f"/v1/checkout/sessions/{session_id}")


def test_paying_without_the_webhook_shows_paid_but_grants_nothing(alice_client, fake_stripe):
    session_id = start_checkout(alice_client)
    fake_stripe.complete_session(session_id)
    body = alice_client.get(_url(session_id)).json()
    assert (body["status"], body["payment_status"], body["access_granted"]) == ("complete", "paid", False)
    assert not Entitlement.objects.exists()
    assert CheckoutSession.objects.get(session_id=session_id).payment_status == "unpaid"


def test_after_the_webhook_access_is_granted(alice_client, anon_client, fake_stripe):
    session_id = start_checkout(alice_client)
    post_event(anon_client, fake_stripe, fake_stripe.complete_session(session_id))
    body = alice_client.get(_url(session_id)).json()
    assert body["access_granted"] is True
    assert body["active_features"] == ["publish", "custom_domain"]


def test_a_subscription_session_reports_its_grant(alice_client, anon_client, fake_stripe):
    session_id = start_checkout(alice_client, plan="monthly")
    assert alice_client.get(_url(session_id)).json()["access_granted"] is False
    post_event(anon_client, fake_stripe, fake_stripe.complete_session(session_id))
    assert alice_client.get(_url(session_id)).json()["access_granted"] is True


def test_another_users_session_is_404(alice_client, bob_client, fake_stripe):
    session_id = start_checkout(alice_client)
    response = bob_client.get(_url(session_id))
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"
    assert not fake_stripe.requests_to("GET", f"/v1/checkout/sessions/{session_id}")


def test_an_unknown_session_is_404(alice_client, fake_stripe):
    assert alice_client.get(_url("cs_test_nope")).status_code == 404


def test_it_needs_a_logged_in_user(anon_client, alice_client, fake_stripe):
    session_id = start_checkout(alice_client)
    assert anon_client.get(_url(session_id)).status_code == 401


def test_it_answers_503_without_stripe_keys(alice_client, settings, db):
    settings.STRIPE_SECRET_KEY = ""
    response = alice_client.get(_url("cs_1"))
    assert response.status_code == 503
    assert response.json()["error"] == "payments_not_configured"
