"""Pricing, checkout through the real Stripe client (fake Stripe server) and the result page."""
import pytest
from django.urls import reverse

from payments.models import CheckoutSession
from payments.services import entitlement_grant
from tests.fakes.stripe import fake_stripe  # noqa: F401  (fixture)


@pytest.mark.django_db
def test_pricing_says_payments_are_not_configured_and_disables_buying(alice_client):
    response = alice_client.get(reverse("pricing"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Payments are not configured on this server." in html
    assert 'data-plan="lifetime"' in html and 'data-plan="monthly"' in html
    assert "disabled>Choose" in html


@pytest.mark.django_db
def test_checkout_without_configuration_explains_instead_of_failing(alice_client):
    response = alice_client.post(reverse("checkout"), {"plan": "lifetime"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("pricing")
    assert "Payments are not configured on this server yet" in response.content.decode()
    assert not CheckoutSession.objects.exists()


@pytest.mark.django_db
def test_pricing_invites_visitors_to_sign_up(client):
    html = client.get(reverse("pricing")).content.decode()
    assert "Sign up to choose" in html


def test_checkout_opens_a_stripe_session_and_redirects_to_it(alice_client, alice, fake_stripe):
    response = alice_client.post(reverse("checkout"), {"plan": "lifetime", "attempt": "a1"})
    session = CheckoutSession.objects.get(user=alice)
    assert response.status_code == 302
    assert response.url == f"{fake_stripe.base_url}/c/pay/{session.session_id}"
    created = fake_stripe.sessions[session.session_id]
    assert created["metadata"]["plan_code"] == "lifetime"
    assert created["success_url"].endswith(reverse("payment-result") + "?session_id={CHECKOUT_SESSION_ID}")


def test_result_page_waits_for_the_webhook_and_the_redirect_grants_nothing(alice_client, alice, fake_stripe):
    alice_client.post(reverse("checkout"), {"plan": "lifetime"})
    session = CheckoutSession.objects.get(user=alice)
    url = f"{reverse('payment-result')}?session_id={session.session_id}"
    html = alice_client.get(url).content.decode()
    assert "Confirming your payment…" in html
    assert 'hx-trigger="every 1s"' in html
    assert not alice.entitlements.exists()
    entitlement_grant(user=alice, source="stripe_checkout", plan=session.plan, reference=session.session_id)
    partial = alice_client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "You're all set" in partial and "<html" not in partial
    assert "hx-trigger" not in partial


def test_result_page_of_someone_elses_session_is_not_found(alice_client, bob_client, alice, fake_stripe):
    alice_client.post(reverse("checkout"), {"plan": "lifetime"})
    session = CheckoutSession.objects.get(user=alice)
    response = bob_client.get(f"{reverse('payment-result')}?session_id={session.session_id}")
    assert response.status_code == 404


def test_buying_again_what_you_have_is_explained(alice_client, alice, fake_stripe):
    entitlement_grant(user=alice, source="admin")
    response = alice_client.post(reverse("checkout"), {"plan": "lifetime"}, follow=True)
    assert "You already have access to everything this plan includes." in response.content.decode()


@pytest.mark.parametrize("amount,currency,label", [(4900, "usd", "$49"), (950, "eur", "€9.50"),
                                                   (120000, "sek", "1,200 SEK")])
def test_prices_are_shown_exactly(amount, currency, label):
    from payments.models import Plan
    from payments.views import price_label

    assert price_label(Plan(price_amount=amount, currency=currency)) == label


@pytest.mark.django_db
def test_pricing_shows_each_plans_price(client):
    html = client.get(reverse("pricing")).content.decode()
    assert '<div class="price">$49<small> once</small>' in html
    assert '<div class="price">$9<small> / month</small>' in html
