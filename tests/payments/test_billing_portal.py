from django.urls import reverse

from payments.models import StripeCustomer
from tests.payments.conftest import start_checkout

URL = "/api/v1/payments/billing-portal"


def test_the_route_is_named(db):
    assert reverse("payments-billing-portal") == URL


def test_it_links_the_customer_to_their_portal(alice_client, alice, fake_stripe, settings):
    start_checkout(alice_client, plan="monthly")
    response = alice_client.post(URL)
    assert response.status_code == 201
    (request,) = fake_stripe.requests_to("POST", "/v1/billing_portal/sessions")
    assert request.params == {
        "customer": StripeCustomer.objects.get(user=alice).customer_id,
        "return_url": f"{settings.SITE_URL}{reverse('account')}",
    }
    assert response.json()["url"].startswith(f"{fake_stripe.base_url}/p/session/bps_")


def test_someone_who_never_bought_has_nothing_to_manage(bob_client, fake_stripe):
    response = bob_client.post(URL)
    assert response.status_code == 404
    assert response.json()["error"] == "no_billing_account"
    assert fake_stripe.requests == []


def test_it_needs_a_logged_in_user(anon_client, fake_stripe):
    assert anon_client.post(URL).status_code == 401


def test_it_answers_503_without_stripe_keys(alice_client, settings, db):
    settings.STRIPE_SECRET_KEY = ""
    response = alice_client.post(URL)
    assert response.status_code == 503
    assert response.json()["error"] == "payments_not_configured"
