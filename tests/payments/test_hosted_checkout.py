"""The whole journey over real HTTP: the app on a live server, the fake Stripe's hosted page
sending its signed webhook back to the app, as a browser payment would."""
import pytest
import requests
from django.contrib.auth import get_user_model
from django.urls import reverse

from payments.models import Entitlement
from payments.selectors import entitlement_active

pytestmark = pytest.mark.django_db(transaction=True)


def test_paying_on_the_hosted_page_grants_access_through_the_webhook(live_server, fake_stripe, settings):
    fake_stripe.webhook_url = live_server.url + reverse("payments-webhook")
    api = requests.Session()
    registered = api.post(live_server.url + reverse("auth-register"),
                          json={"email": "dana@example.com", "password": "correct horse battery"})
    assert registered.status_code == 201
    api.cookies.clear()
    api.headers["X-Session-Token"] = registered.json()["session_token"]

    start = api.post(live_server.url + reverse("payments-create-checkout-session"), json={"plan": "lifetime"})
    assert start.status_code == 201
    session_id, pay_url = start.json()["session_id"], start.json()["url"]

    page = requests.get(pay_url, timeout=10)
    assert "Pay 49.00 USD" in page.text
    status_url = live_server.url + reverse("payments-session-status", args=[session_id])
    assert api.get(status_url).json()["access_granted"] is False

    paid = requests.post(pay_url, allow_redirects=False, timeout=30)
    assert paid.status_code == 303
    assert paid.headers["Location"] == f"{settings.SITE_URL}{reverse('payment-result')}?session_id={session_id}"
    assert fake_stripe.deliveries == [("checkout.session.completed", 200)]

    body = api.get(status_url).json()
    assert (body["status"], body["payment_status"], body["access_granted"]) == ("complete", "paid", True)
    assert Entitlement.objects.get(user__email="dana@example.com").source == "stripe_checkout"


def test_subscribing_then_cancelling_in_the_portal_ends_access(live_server, fake_stripe):
    fake_stripe.webhook_url = live_server.url + reverse("payments-webhook")
    api = requests.Session()
    registered = api.post(live_server.url + reverse("auth-register"),
                          json={"email": "erin@example.com", "password": "correct horse battery"})
    api.cookies.clear()
    api.headers["X-Session-Token"] = registered.json()["session_token"]
    user = get_user_model().objects.get(email="erin@example.com")

    start = api.post(live_server.url + reverse("payments-create-checkout-session"), json={"plan": "monthly"})
    assert requests.post(start.json()["url"], allow_redirects=False, timeout=30).status_code == 303
    assert entitlement_active(user=user) is True
    assert Entitlement.objects.get(user=user).expires_at is not None

    portal = api.post(live_server.url + reverse("payments-billing-portal"))
    assert portal.status_code == 201
    assert "Cancel subscription" in requests.get(portal.json()["url"], timeout=10).text
    assert requests.post(portal.json()["url"], allow_redirects=False, timeout=30).status_code == 303
    assert fake_stripe.deliveries == [("checkout.session.completed", 200), ("customer.subscription.deleted", 200)]
    assert entitlement_active(user=user) is False
