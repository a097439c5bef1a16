from django.urls import reverse

from payments.models import Plan
from payments.services import entitlement_grant


def test_it_lists_active_plans_with_prices_from_the_database(anon_client, db):
    Plan.objects.filter(code="monthly").update(price_amount=1234)
    Plan.objects.create(code="old", name="Old", kind="one_time", price_amount=100, features=["publish"], active=False)
    body = anon_client.get(reverse("payments-plans")).json()
    assert [p["code"] for p in body["plans"]] == ["lifetime", "monthly"]
    monthly = body["plans"][1]
    assert (monthly["price_amount"], monthly["currency"], monthly["kind"], monthly["interval"]) == (
        1234, "usd", "subscription", "month"
    )
    assert monthly["features"] == ["publish", "custom_domain"]


def test_it_says_payments_are_not_configured_without_stripe_keys(anon_client, db):
    body = anon_client.get(reverse("payments-plans")).json()
    assert body["payments_configured"] is False
    assert body["publishable_key"] == ""


def test_it_says_payments_are_configured_with_stripe_keys(anon_client, fake_stripe):
    body = anon_client.get(reverse("payments-plans")).json()
    assert body["payments_configured"] is True
    assert body["publishable_key"].startswith("pk_test_")


def test_it_shows_the_callers_paid_features(alice_client, alice):
    assert alice_client.get(reverse("payments-plans")).json()["active_features"] == []
    entitlement_grant(user=alice, source="admin", features=["publish"])
    assert alice_client.get(reverse("payments-plans")).json()["active_features"] == ["publish"]


def test_a_plan_needs_a_valid_interval_and_features(db):
    import pytest
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as excinfo:
        Plan(code="x", name="X", kind="subscription", price_amount=500, features=["teleport"]).full_clean()
    assert {"interval", "features"} <= excinfo.value.message_dict.keys()
