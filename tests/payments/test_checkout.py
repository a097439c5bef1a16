from django.urls import reverse

from payments.models import CheckoutSession, Plan, StripeCustomer
from payments.selectors import entitlement_active
from payments.services import entitlement_grant
from tests.payments.conftest import start_checkout

URL = "/api/v1/payments/create-checkout-session"


def test_the_route_is_where_the_registry_says(db):
    assert reverse("payments-create-checkout-session") == URL


def test_it_answers_503_without_stripe_keys(alice_client, settings):
    settings.STRIPE_SECRET_KEY = ""
    response = alice_client.post(URL, {"plan": "lifetime"}, format="json")
    assert response.status_code == 503
    assert response.json()["error"] == "payments_not_configured"
    assert "STRIPE_SECRET_KEY" in response.json()["detail"]
    assert not CheckoutSession.objects.exists()


def test_it_answers_503_when_the_webhook_secret_is_missing(alice_client, fake_stripe, settings):
    settings.STRIPE_WEBHOOK_SECRET = ""
    response = alice_client.post(URL, {"plan": "lifetime"}, format="json")
    assert response.status_code == 503
    assert fake_stripe.requests == []


def test_it_needs_a_logged_in_user(anon_client, fake_stripe):
    assert anon_client.post(URL, {"plan": "lifetime"}, format="json").status_code == 401
    assert fake_stripe.requests == []


def test_it_opens_a_hosted_checkout_tied_to_the_user_and_plan(alice_client, alice, fake_stripe, settings):
    response = alice_client.post(URL, {"plan": "lifetime"}, format="json")
    assert response.status_code == 201
    body = response.json()
    plan = Plan.objects.get(code="lifetime")
    assert body["url"] == f"{fake_stripe.base_url}/c/pay/{body['session_id']}"
    assert body["client_secret"] is None
    assert body["publishable_key"].startswith("pk_test_")

    (request,) = fake_stripe.requests_to("POST", "/v1/checkout/sessions")
    params = request.params
    assert params["mode"] == "payment"
    assert params["ui_mode"] == "hosted_page"
    assert params["metadata"] == {"user_id": str(alice.pk), "plan_id": str(plan.pk), "plan_code": "lifetime"}
    assert params["payment_intent_data"]["metadata"] == params["metadata"]
    assert params["client_reference_id"] == str(alice.pk)
    assert params["customer"] == StripeCustomer.objects.get(user=alice).customer_id
    (item,) = params["line_items"]
    assert item["price_data"]["unit_amount"] == str(plan.price_amount)
    assert item["price_data"]["currency"] == "usd"
    assert params["success_url"] == f"{settings.SITE_URL}{reverse('payment-result')}?session_id={{CHECKOUT_SESSION_ID}}"
    assert params["cancel_url"] == f"{settings.SITE_URL}{reverse('pricing')}?checkout=cancelled"
    assert request.idempotency_key

    session = CheckoutSession.objects.get(session_id=body["session_id"])
    assert (session.user, session.plan, session.status, session.amount_total) == (alice, plan, "open", 4900)


def test_opening_a_checkout_grants_nothing(alice_client, alice, fake_stripe):
    start_checkout(alice_client)
    assert entitlement_active(user=alice) is False


def test_it_creates_the_stripe_customer_once_and_reuses_it(alice_client, bob_client, fake_stripe):
    first, second = start_checkout(alice_client), start_checkout(alice_client, plan="monthly")
    start_checkout(bob_client)
    customer_posts = fake_stripe.requests_to("POST", "/v1/customers")
    assert len(customer_posts) == 2
    assert {r.params["email"] for r in customer_posts} == {"alice@example.com", "bob@example.com"}
    assert fake_stripe.sessions[first]["customer"] == fake_stripe.sessions[second]["customer"]
    assert all(r.idempotency_key for r in customer_posts)


def test_a_retry_with_the_same_idempotency_key_returns_the_same_session(alice_client, fake_stripe):
    headers = {"HTTP_IDEMPOTENCY_KEY": "pay-click-1"}
    first = alice_client.post(URL, {"plan": "lifetime"}, format="json", **headers).json()
    second = alice_client.post(URL, {"plan": "lifetime"}, format="json", **headers).json()
    assert first["session_id"] == second["session_id"]
    assert len(fake_stripe.sessions) == 1
    assert CheckoutSession.objects.count() == 1
    keys = {r.idempotency_key for r in fake_stripe.requests_to("POST", "/v1/checkout/sessions")}
    assert len(keys) == 1


def test_without_a_key_each_request_is_a_new_session(alice_client, fake_stripe):
    assert start_checkout(alice_client) != start_checkout(alice_client)
    keys = [r.idempotency_key for r in fake_stripe.requests_to("POST", "/v1/checkout/sessions")]
    assert len(set(keys)) == 2


def test_reusing_an_idempotency_key_for_another_plan_is_a_conflict(alice_client, fake_stripe):
    headers = {"HTTP_IDEMPOTENCY_KEY": "pay-click-1"}
    assert alice_client.post(URL, {"plan": "lifetime"}, format="json", **headers).status_code == 201
    response = alice_client.post(URL, {"plan": "monthly"}, format="json", **headers)
    assert response.status_code == 409
    assert response.json()["error"] == "idempotency_conflict"
    assert CheckoutSession.objects.count() == 1


def test_a_subscription_plan_opens_a_subscription_checkout(alice_client, alice, fake_stripe):
    session_id = start_checkout(alice_client, plan="monthly")
    params = fake_stripe.requests_to("POST", "/v1/checkout/sessions")[0].params
    assert params["mode"] == "subscription"
    assert params["line_items"][0]["price_data"]["recurring"] == {"interval": "month"}
    assert params["subscription_data"]["metadata"]["user_id"] == str(alice.pk)
    assert "payment_intent_data" not in params
    assert CheckoutSession.objects.get(session_id=session_id).plan.code == "monthly"


def test_embedded_mode_returns_a_client_secret_and_uses_a_return_url(alice_client, fake_stripe, settings):
    body = alice_client.post(URL, {"plan": "lifetime", "ui_mode": "embedded"}, format="json").json()
    assert body["client_secret"].startswith(body["session_id"] + "_secret_")
    assert body["url"] is None
    params = fake_stripe.requests_to("POST", "/v1/checkout/sessions")[0].params
    assert params["ui_mode"] == "embedded_page"
    assert params["return_url"].startswith(settings.SITE_URL)
    assert "success_url" not in params


def test_a_plan_with_a_stripe_price_uses_it(alice_client, fake_stripe):
    fake_stripe.add_price("price_lifetime", unit_amount=3900)
    Plan.objects.filter(code="lifetime").update(stripe_price_id="price_lifetime")
    session_id = start_checkout(alice_client)
    params = fake_stripe.requests_to("POST", "/v1/checkout/sessions")[0].params
    assert params["line_items"] == [{"price": "price_lifetime", "quantity": "1"}]
    assert CheckoutSession.objects.get(session_id=session_id).amount_total == 3900


def test_an_unknown_or_inactive_plan_is_404(alice_client, fake_stripe):
    Plan.objects.filter(code="monthly").update(active=False)
    for code in ("nope", "monthly"):
        response = alice_client.post(URL, {"plan": code}, format="json")
        assert response.status_code == 404
        assert response.json()["error"] == "plan_not_found"
    assert fake_stripe.requests_to("POST", "/v1/checkout/sessions") == []


def test_a_bad_ui_mode_is_400(alice_client, fake_stripe):
    response = alice_client.post(URL, {"plan": "lifetime", "ui_mode": "popup"}, format="json")
    assert response.status_code == 400
    assert response.json()["error"] == "validation_error"


def test_someone_with_lifetime_access_is_not_charged_again(alice_client, alice, fake_stripe):
    entitlement_grant(user=alice, source="admin")
    for plan in ("lifetime", "monthly"):
        response = alice_client.post(URL, {"plan": plan}, format="json")
        assert response.status_code == 409
        assert response.json()["error"] == "already_entitled"
    assert fake_stripe.requests == []


def test_a_stripe_failure_is_reported_and_records_nothing(alice_client, fake_stripe):
    fake_stripe.secret_key = "sk_test_rotated"
    response = alice_client.post(URL, {"plan": "lifetime"}, format="json")
    assert response.status_code == 502
    assert response.json()["error"] == "payment_provider_error"
    assert not CheckoutSession.objects.exists()
    assert not StripeCustomer.objects.exists()


def test_an_unreachable_stripe_is_503(alice_client, fake_stripe, settings):
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"
    response = alice_client.post(URL, {"plan": "lifetime"}, format="json")
    assert response.status_code == 503
    assert response.json()["error"] == "payment_provider_unavailable"


def test_a_customer_deleted_at_stripe_is_replaced(alice_client, alice, fake_stripe):
    start_checkout(alice_client)
    old = StripeCustomer.objects.get(user=alice).customer_id
    del fake_stripe.customers[old]
    session_id = start_checkout(alice_client)
    new = StripeCustomer.objects.get(user=alice).customer_id
    assert new != old
    assert fake_stripe.sessions[session_id]["customer"] == new
    assert CheckoutSession.objects.get(session_id=session_id).customer_id == new
