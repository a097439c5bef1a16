"""Writes: entitlements granted and revoked, Stripe customers and Checkout sessions."""
import hashlib
import logging
import uuid
from dataclasses import dataclass
from datetime import datetime

import stripe
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from payments.models import FEATURES, CheckoutSession, Entitlement, Plan, StripeCustomer
from payments.selectors import plan_get_active
from payments.stripe_api import stripe_client, stripe_errors
from resume2website.errors import ApplicationError, Conflict, NotFound

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


# --- Checkout ---------------------------------------------------------------------------

UI_MODES = {"hosted": "hosted_page", "embedded": "embedded_page"}


@dataclass
class CheckoutStart:
    session: CheckoutSession
    url: str | None
    client_secret: str | None


def _site_url(url_name: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(url_name)


def _checkout_urls(ui_mode: str) -> dict:
    # Stripe replaces {CHECKOUT_SESSION_ID}; the result page asks session-status, which grants nothing.
    result = _site_url("payment-result") + "?session_id={CHECKOUT_SESSION_ID}"
    if ui_mode == "embedded":
        return {"return_url": result}
    return {"success_url": result, "cancel_url": _site_url("pricing") + "?checkout=cancelled"}


def _line_item(plan: Plan) -> dict:
    if plan.stripe_price_id:
        return {"price": plan.stripe_price_id, "quantity": 1}
    price_data = {
        "currency": plan.currency,
        "unit_amount": plan.price_amount,
        "product_data": {"name": f"Resume2Website {plan.name}", "metadata": {"plan_code": plan.code}},
    }
    if plan.description:
        price_data["product_data"]["description"] = plan.description
    if plan.is_subscription:
        price_data["recurring"] = {"interval": plan.interval}
    return {"price_data": price_data, "quantity": 1}


def _ensure_not_already_entitled(*, user, plan: Plan) -> None:
    wanted = set(plan.features)
    for entitlement in Entitlement.objects.filter(user=user).active():
        if wanted <= set(entitlement.features) and (entitlement.expires_at is None or plan.is_subscription):
            raise Conflict(
                "You already have access to everything this plan includes.", code="already_entitled"
            )


def stripe_customer_get_or_create(*, user, client, replacing: str = "") -> str:
    """The user's Stripe customer id, created on first use and reused after. `replacing` names a
    customer Stripe no longer knows (deleted in the dashboard): a new one takes its place."""
    existing = StripeCustomer.objects.filter(user=user).values_list("customer_id", flat=True).first()
    if existing and existing != replacing:
        return existing
    # The same key for the same user: two first checkouts at once make one customer.
    key = f"r2w-customer-{user.pk}-{int(user.date_joined.timestamp())}" + (f"-after-{replacing}" if replacing else "")
    with stripe_errors():
        customer = client.v1.customers.create(
            params={"email": user.email, "name": user.get_full_name(), "metadata": {"user_id": str(user.pk)}},
            options={"idempotency_key": key},
        )
    try:
        with transaction.atomic():
            StripeCustomer.objects.update_or_create(user=user, defaults={"customer_id": customer.id})
    except IntegrityError:
        return StripeCustomer.objects.get(user=user).customer_id
    return customer.id


def _stripe_checkout_create(*, client, params: dict, key: str) -> dict:
    with stripe_errors():
        return client.v1.checkout.sessions.create(params=params, options={"idempotency_key": key}).to_dict()


def checkout_session_create(*, user, plan_code: str, ui_mode: str = "hosted",
                            idempotency_key: str = "") -> CheckoutStart:
    """Open a Stripe Checkout session for a plan. Paying there grants nothing by itself: access
    comes from Stripe's signed webhook. A client's Idempotency-Key makes a retried request return
    the same session instead of opening a second one."""
    if ui_mode not in UI_MODES:
        raise ValueError(f"ui_mode must be one of {sorted(UI_MODES)}")
    client = stripe_client()
    plan = plan_get_active(code=plan_code)
    _ensure_not_already_entitled(user=user, plan=plan)
    customer_id = stripe_customer_get_or_create(user=user, client=client)
    metadata = {"user_id": str(user.pk), "plan_id": str(plan.pk), "plan_code": plan.code}
    params = {
        "mode": "subscription" if plan.is_subscription else "payment",
        "ui_mode": UI_MODES[ui_mode],
        "line_items": [_line_item(plan)],
        "customer": customer_id,
        "client_reference_id": str(user.pk),
        "metadata": metadata,
        **_checkout_urls(ui_mode),
    }
    if plan.is_subscription:
        params["subscription_data"] = {"metadata": metadata}
    else:
        params["payment_intent_data"] = {"metadata": metadata}
    if idempotency_key:
        digest = hashlib.sha256(idempotency_key.encode()).hexdigest()[:40]
        key = f"r2w-checkout-{user.pk}-{digest}"
    else:
        key = f"r2w-checkout-{uuid.uuid4()}"
    try:
        stripe_session = _stripe_checkout_create(client=client, params=params, key=key)
    except ApplicationError as exc:
        cause = exc.__cause__
        if not (isinstance(cause, stripe.InvalidRequestError) and cause.code == "resource_missing"
                and cause.param == "customer"):
            raise
        logger.warning("stripe customer missing; creating a new one", extra={"customer": customer_id})
        customer_id = stripe_customer_get_or_create(user=user, client=client, replacing=customer_id)
        params["customer"] = customer_id
        stripe_session = _stripe_checkout_create(client=client, params=params, key=f"{key}-{customer_id}")
    session, _ = CheckoutSession.objects.update_or_create(
        session_id=stripe_session["id"],
        defaults={
            "user": user,
            "plan": plan,
            "ui_mode": ui_mode,
            "customer_id": customer_id,
            "amount_total": stripe_session.get("amount_total"),
            "currency": stripe_session.get("currency") or plan.currency,
        },
    )
    logger.info("checkout session created", extra={"session": session.session_id, "user_id": user.pk})
    return CheckoutStart(
        session=session, url=stripe_session.get("url"), client_secret=stripe_session.get("client_secret")
    )


def checkout_session_live_status(*, session: CheckoutSession) -> dict:
    """What Stripe says about the session now. Reads only: access is granted by the webhook."""
    client = stripe_client()
    with stripe_errors():
        live = client.v1.checkout.sessions.retrieve(session.session_id).to_dict()
    return {
        "status": live.get("status") or session.status,
        "payment_status": live.get("payment_status") or session.payment_status,
        "customer_email": (live.get("customer_details") or {}).get("email"),
    }


def billing_portal_session_create(*, user) -> str:
    """A Stripe customer-portal link where the user manages their subscription (cancel, change
    card, invoices). What they change there comes back as signed subscription events."""
    client = stripe_client()
    customer_id = StripeCustomer.objects.filter(user=user).values_list("customer_id", flat=True).first()
    if not customer_id:
        raise NotFound("There are no purchases to manage yet.", code="no_billing_account")
    with stripe_errors():
        portal = client.v1.billing_portal.sessions.create(
            params={"customer": customer_id, "return_url": _site_url("account")}
        ).to_dict()
    return portal["url"]
