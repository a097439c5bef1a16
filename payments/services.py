"""Writes: entitlements granted and revoked, Stripe customers and Checkout sessions."""
import logging
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from payments.models import FEATURES, Entitlement, Plan

logger = logging.getLogger(__name__)


@transaction.atomic
def entitlement_grant(*, user, source: str, plan: Plan | None = None, reference: str = "",
                      features: list[str] | None = None, expires_at: datetime | None = None,
                      event_at: datetime | None = None) -> Entitlement:
    """Give a user paid features. With a reference (a Checkout session or subscription id) it
    grants at most once: a second call returns the existing entitlement unchanged, even when
    two calls race (the row lock and the unique constraint both stand in the way).

    Features default to the plan's, or to every feature for an operator's grant without a plan.
    """
    if reference:
        existing = Entitlement.objects.select_for_update().filter(source=source, reference=reference).first()
        if existing is not None:
            return existing
    entitlement = Entitlement(
        user=user,
        plan=plan,
        source=source,
        reference=reference,
        features=list(features if features is not None else (plan.features if plan else FEATURES)),
        expires_at=expires_at,
        last_event_at=event_at,
    )
    try:
        entitlement.full_clean()
        with transaction.atomic():
            entitlement.save(force_insert=True)
    except (IntegrityError, ValidationError):
        if not reference:
            raise
        # Another delivery created it between our read and our insert: that one stands.
        return Entitlement.objects.select_for_update().get(source=source, reference=reference)
    logger.info(
        "entitlement granted",
        extra={"entitlement": str(entitlement.pk), "user_id": user.pk, "source": source, "reference": reference},
    )
    return entitlement


@transaction.atomic
def entitlement_revoke(*, entitlement: Entitlement, reason: str) -> Entitlement:
    """Take access away (refund, dispute, cancelled subscription, operator). Revoking twice keeps
    the first reason."""
    entitlement = Entitlement.objects.select_for_update().get(pk=entitlement.pk)
    if entitlement.status == Entitlement.Status.REVOKED:
        return entitlement
    entitlement.status = Entitlement.Status.REVOKED
    entitlement.revoked_at = timezone.now()
    entitlement.revoke_reason = reason[:300]
    entitlement.save(update_fields=["status", "revoked_at", "revoke_reason", "updated_at"])
    logger.info(
        "entitlement revoked",
        extra={"entitlement": str(entitlement.pk), "user_id": entitlement.user_id, "reason": reason},
    )
    return entitlement


@transaction.atomic
def entitlement_restore(*, entitlement: Entitlement) -> Entitlement:
    """Give back access an operator revoked by mistake."""
    entitlement = Entitlement.objects.select_for_update().get(pk=entitlement.pk)
    if entitlement.status == Entitlement.Status.ACTIVE:
        return entitlement
    entitlement.status = Entitlement.Status.ACTIVE
    entitlement.revoked_at = None
    entitlement.revoke_reason = ""
    entitlement.save(update_fields=["status", "revoked_at", "revoke_reason", "updated_at"])
    logger.info("entitlement restored", extra={"entitlement": str(entitlement.pk), "user_id": entitlement.user_id})
    return entitlement
