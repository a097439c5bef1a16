from datetime import timedelta

import pytest
from django.utils import timezone

from payments.models import Entitlement, Plan
from payments.selectors import active_features, entitlement_active
from payments.services import entitlement_grant, entitlement_restore, entitlement_revoke


@pytest.fixture
def lifetime(db):
    return Plan.objects.get(code="lifetime")


def test_seeded_plans_are_on_offer(db):
    assert list(Plan.objects.filter(active=True).values_list("code", flat=True)) == ["lifetime", "monthly"]


def test_nobody_has_paid_features_by_default(alice):
    assert entitlement_active(user=alice) is False
    assert entitlement_active(user=alice, feature="custom_domain") is False


def test_anonymous_user_has_no_paid_features(db):
    from django.contrib.auth.models import AnonymousUser

    assert entitlement_active(user=AnonymousUser()) is False


def test_a_grant_unlocks_the_plans_features_for_that_user_only(alice, bob, lifetime):
    entitlement_grant(user=alice, source="stripe_checkout", plan=lifetime, reference="cs_1")
    assert entitlement_active(user=alice) is True
    assert entitlement_active(user=alice, feature="custom_domain") is True
    assert entitlement_active(user=bob) is False


def test_a_grant_limited_to_publishing_does_not_unlock_custom_domains(alice):
    entitlement_grant(user=alice, source="admin", features=["publish"])
    assert active_features(user=alice) == ["publish"]
    assert entitlement_active(user=alice, feature="custom_domain") is False


def test_granting_the_same_reference_twice_makes_one_entitlement(alice, lifetime):
    first = entitlement_grant(user=alice, source="stripe_checkout", plan=lifetime, reference="cs_1")
    second = entitlement_grant(user=alice, source="stripe_checkout", plan=lifetime, reference="cs_1")
    assert first.pk == second.pk
    assert Entitlement.objects.count() == 1


def test_operator_grants_without_reference_are_separate(alice):
    entitlement_grant(user=alice, source="admin")
    entitlement_grant(user=alice, source="admin")
    assert Entitlement.objects.filter(user=alice).count() == 2


def test_an_expired_entitlement_grants_nothing(alice, lifetime):
    entitlement_grant(user=alice, source="admin", expires_at=timezone.now() - timedelta(seconds=1))
    assert entitlement_active(user=alice) is False


def test_revoking_takes_access_away_and_keeps_the_first_reason(alice, lifetime):
    entitlement = entitlement_grant(user=alice, source="stripe_checkout", plan=lifetime, reference="cs_1")
    entitlement_revoke(entitlement=entitlement, reason="refunded")
    entitlement_revoke(entitlement=entitlement, reason="again")
    entitlement.refresh_from_db()
    assert entitlement.status == Entitlement.Status.REVOKED
    assert entitlement.revoke_reason == "refunded"
    assert entitlement_active(user=alice) is False


def test_restoring_gives_access_back(alice):
    entitlement = entitlement_revoke(entitlement=entitlement_grant(user=alice, source="admin"), reason="mistake")
    entitlement_restore(entitlement=entitlement)
    assert entitlement_active(user=alice) is True


def test_unknown_feature_is_a_programming_error(alice):
    with pytest.raises(ValueError):
        entitlement_active(user=alice, feature="teleport")


def test_the_api_lists_the_callers_own_entitlements(alice_client, alice, bob, lifetime):
    from django.urls import reverse

    revoked = entitlement_revoke(
        entitlement=entitlement_grant(user=alice, source="stripe_checkout", plan=lifetime, reference="cs_1"),
        reason="payment refunded",
    )
    current = entitlement_grant(user=alice, source="admin", features=["publish"])
    entitlement_grant(user=bob, source="admin")
    body = alice_client.get(reverse("payments-entitlements")).json()
    assert [(e["id"], e["active"], e["plan"]) for e in body] == [
        (str(current.pk), True, None), (str(revoked.pk), False, "lifetime"),
    ]
    assert body[1]["revoke_reason"] == "payment refunded"
    assert body[0]["features"] == ["publish"]


def test_the_entitlements_api_needs_a_logged_in_user(anon_client, db):
    from django.urls import reverse

    assert anon_client.get(reverse("payments-entitlements")).status_code == 401
