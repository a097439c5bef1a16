import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from payments.models import Entitlement, Plan
from payments.selectors import entitlement_active
from payments.services import entitlement_grant
from tests.factories import UserFactory


@pytest.fixture
def operator(db):
    return UserFactory(email="operator@example.com", is_staff=True, is_superuser=True)


@pytest.fixture
def operator_client(operator):
    client = APIClient()
    client.force_login(operator)
    return client


def test_an_operator_can_grant_access_without_stripe(operator_client, alice, settings):
    settings.STRIPE_SECRET_KEY = ""
    response = operator_client.post(reverse("admin:payments_entitlement_add"), {
        "user": alice.pk, "plan": "", "features": ["publish"], "expires_at_0": "", "expires_at_1": "",
    })
    assert response.status_code == 302, response.content
    entitlement = Entitlement.objects.get(user=alice)
    assert (entitlement.source, entitlement.features) == ("admin", ["publish"])
    assert entitlement_active(user=alice) is True


def test_an_operator_grant_with_a_plan_takes_its_features(operator_client, alice):
    plan = Plan.objects.get(code="lifetime")
    operator_client.post(reverse("admin:payments_entitlement_add"), {
        "user": alice.pk, "plan": plan.pk, "expires_at_0": "", "expires_at_1": "",
    })
    assert Entitlement.objects.get(user=alice).features == plan.features


def test_an_operator_can_revoke_and_restore(operator_client, operator, alice):
    entitlement = entitlement_grant(user=alice, source="stripe_checkout", reference="cs_1")
    url = reverse("admin:payments_entitlement_changelist")
    operator_client.post(url, {"action": "revoke_selected", "_selected_action": [str(entitlement.pk)]})
    entitlement.refresh_from_db()
    assert (entitlement.status, entitlement.revoke_reason) == ("revoked", f"Revoked by {operator.email}")
    operator_client.post(url, {"action": "restore_selected", "_selected_action": [str(entitlement.pk)]})
    assert entitlement_active(user=alice) is True


def test_admin_lists_open_with_search_and_filters(operator_client, alice):
    entitlement_grant(user=alice, source="admin")
    for name in ("plan", "entitlement", "checkoutsession", "webhookevent", "stripecustomer"):
        response = operator_client.get(reverse(f"admin:payments_{name}_changelist"), {"q": "alice"})
        assert response.status_code == 200, name
    response = operator_client.get(reverse("admin:payments_entitlement_changelist"), {"q": "alice", "status": "active"})
    assert b"alice@example.com" in response.content


def test_plans_are_editable_in_the_admin(operator_client):
    plan = Plan.objects.get(code="monthly")
    response = operator_client.post(reverse("admin:payments_plan_change", args=[plan.pk]), {
        "code": "monthly", "name": "Monthly", "description": "", "kind": "subscription", "interval": "month",
        "price_amount": 1500, "currency": "eur", "features": ["publish"], "stripe_price_id": "",
        "active": "on", "position": 20,
    })
    assert response.status_code == 302, response.content
    plan.refresh_from_db()
    assert (plan.price_amount, plan.currency, plan.features) == (1500, "eur", ["publish"])


def test_people_who_are_not_staff_cannot_use_the_admin(alice_client):
    response = alice_client.get(reverse("admin:payments_entitlement_changelist"))
    assert response.status_code == 302
