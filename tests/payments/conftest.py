import pytest
from django.urls import reverse

from tests.fakes.stripe import fake_stripe  # noqa: F401  (fixture)


def start_checkout(client, plan: str = "lifetime", **extra) -> str:
    response = client.post(reverse("payments-create-checkout-session"), {"plan": plan, **extra}, format="json")
    assert response.status_code == 201, response.content
    return response.json()["session_id"]


def post_event(client, fake, event: dict, **sign_kwargs):
    body, signature = fake.signed(event, **sign_kwargs)
    return client.post(
        reverse("payments-webhook"), data=body, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature
    )


@pytest.fixture
def paid_lifetime(alice_client, anon_client, fake_stripe):
    """Alice bought the lifetime plan and Stripe's completion event was delivered."""
    session_id = start_checkout(alice_client)
    response = post_event(anon_client, fake_stripe, fake_stripe.complete_session(session_id))
    assert response.status_code == 200, response.content
    return session_id
