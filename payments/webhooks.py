"""Stripe's webhook: the only way a payment turns into access.

Every event is verified (Stripe-Signature, STRIPE_WEBHOOK_SECRET), then stored once by its id in
the same transaction that applies it, so a replay finds the row and does nothing, and a failure
rolls both back for Stripe to retry. Rows are locked (the Checkout session, the entitlement) so two
deliveries at once grant once; subscription events older than the last one applied are stale.
Events about sessions or subscriptions this app did not create are logged and ignored.
"""
import json
import logging
from datetime import datetime, timedelta
from datetime import timezone as dt_timezone

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction

from payments.models import CheckoutSession, Entitlement, Plan, StripeCustomer, WebhookEvent
from payments.services import entitlement_grant, entitlement_restore, entitlement_revoke
from payments.selectors import payments_configured
from payments.stripe_api import PaymentsNotConfigured, stripe_client, stripe_errors
from resume2website.errors import ApplicationError

logger = logging.getLogger(__name__)

# Renewals are retried for a few days; access lasts this long past the paid period meanwhile.
SUBSCRIPTION_GRACE = timedelta(days=2)
SUBSCRIPTION_ACTIVE = {"active", "trialing", "past_due"}
# Unpaid and paused subscriptions can become active again; canceled ones never do.
SUBSCRIPTION_SUSPENDED = {"unpaid", "paused"}
SUBSCRIPTION_ENDED = SUBSCRIPTION_SUSPENDED | {"canceled", "incomplete_expired"}
REVOKING_TYPES = ("charge.refunded", "charge.dispute.created")
PROVISIONAL_PERIOD = {Plan.Interval.MONTH: timedelta(days=31), Plan.Interval.YEAR: timedelta(days=366)}

PAID_STATUSES = (CheckoutSession.PaymentStatus.PAID, CheckoutSession.PaymentStatus.NO_PAYMENT_REQUIRED)
PROCESSED = WebhookEvent.Outcome.PROCESSED
IGNORED = WebhookEvent.Outcome.IGNORED


def webhook_event_receive(*, payload: bytes, signature: str | None) -> tuple[WebhookEvent, bool]:
    """Verify a delivery and apply it once. Returns the stored event and whether it was new."""
    if not settings.STRIPE_WEBHOOK_SECRET:
        raise PaymentsNotConfigured(
            "Stripe webhooks are not configured on this server (missing STRIPE_WEBHOOK_SECRET)."
        )
    try:
        stripe.Webhook.construct_event(payload, signature, settings.STRIPE_WEBHOOK_SECRET)
    except stripe.SignatureVerificationError as exc:
        logger.warning("stripe webhook rejected: bad signature")
        raise ApplicationError(
            "The Stripe-Signature header does not match this payload.", code="invalid_signature"
        ) from exc
    except ValueError as exc:
        raise ApplicationError("The webhook body is not a Stripe event.", code="invalid_payload") from exc
    event = json.loads(payload)
    if not isinstance(event, dict) or not {"id", "type", "created", "data"} <= event.keys():
        raise ApplicationError("The webhook body is not a Stripe event.", code="invalid_payload")
    return webhook_event_process(event=event)


def webhook_event_process(*, event: dict) -> tuple[WebhookEvent, bool]:
    obj = (event.get("data") or {}).get("object") or {}
    row = WebhookEvent(
        event_id=event["id"],
        type=event["type"],
        livemode=bool(event.get("livemode")),
        stripe_created=_when(event["created"]),
        object_id=str(obj.get("id") or ""),
        payment_intent_id=str(obj.get("payment_intent") or ""),
        outcome=IGNORED,
        payload=event,
    )
    with transaction.atomic():
        try:
            # Insert first: a concurrent delivery of the same event waits on the unique index.
            with transaction.atomic():
                row.save(force_insert=True)
        except IntegrityError:
            logger.info("stripe event replayed", extra={"event_id": row.event_id, "type": row.type})
            return WebhookEvent.objects.get(event_id=row.event_id), False
        handler = HANDLERS.get(row.type)
        outcome, note = handler(obj, row) if handler else (IGNORED, "event type not used")
        row.outcome, row.note = outcome, note[:500]
        row.save(update_fields=["outcome", "note"])
    log = logger.info if outcome == PROCESSED else logger.warning
    log("stripe event %s", outcome, extra={"event_id": row.event_id, "type": row.type, "note": note})
    return row, True


def webhook_events_sync(*, since: datetime) -> dict:
    """Catch up on events the webhook missed (endpoint down, deliveries given up): list them from
    Stripe's API, which answers only to our secret key over TLS, and apply each one not yet stored,
    oldest first. Stored ones are skipped exactly as replayed deliveries are."""
    if not payments_configured():
        return {"fetched": 0, "applied": 0, "configured": False}
    client = stripe_client()
    params = {"created": {"gte": int(since.timestamp())}, "types": sorted(HANDLERS), "limit": 100}
    with stripe_errors():
        events = [event.to_dict() for event in client.v1.events.list(params=params).auto_paging_iter()]
    applied = 0
    for event in sorted(events, key=lambda e: (e["created"], e["id"])):
        _row, created = webhook_event_process(event=event)
        applied += created
    if applied:
        logger.warning("stripe events applied by sync, not by the webhook", extra={"applied": applied})
    return {"fetched": len(events), "applied": applied, "configured": True}


def _when(timestamp) -> datetime:
    return datetime.fromtimestamp(int(timestamp), tz=dt_timezone.utc)


# --- Checkout sessions ------------------------------------------------------------------------

def _locked_session(obj: dict) -> CheckoutSession | None:
    session = (
        CheckoutSession.objects.select_for_update().select_related("plan", "user")
        .filter(session_id=obj.get("id") or "").first()
    )
    if session is None:
        return None
    claimed_user = (obj.get("metadata") or {}).get("user_id")
    if claimed_user and claimed_user != str(session.user_id):
        logger.error("checkout session metadata names another user", extra={"session": session.session_id})
        return None
    return session


def _sync_session(session: CheckoutSession, obj: dict) -> None:
    """Record what Stripe says, never moving backwards (a late 'unpaid' does not undo 'paid')."""
    if obj.get("status") == CheckoutSession.Status.COMPLETE or (
        obj.get("status") == CheckoutSession.Status.EXPIRED and session.status == CheckoutSession.Status.OPEN
    ):
        session.status = obj["status"]
    if obj.get("payment_status") in PAID_STATUSES:
        session.payment_status = obj["payment_status"]
    session.customer_id = obj.get("customer") or session.customer_id
    session.payment_intent_id = obj.get("payment_intent") or session.payment_intent_id
    session.subscription_id = obj.get("subscription") or session.subscription_id
    if obj.get("amount_total") is not None:
        session.amount_total = obj["amount_total"]
    session.currency = obj.get("currency") or session.currency
    session.save()


def _provisional_expiry(plan: Plan, event: WebhookEvent) -> datetime:
    """Until Stripe tells the paid period's end, a subscription lasts one interval from the event."""
    return event.stripe_created + PROVISIONAL_PERIOD.get(plan.interval, timedelta(days=31)) + SUBSCRIPTION_GRACE


def _grant_for_session(session: CheckoutSession, event: WebhookEvent) -> str:
    plan = session.plan
    if plan.is_subscription:
        if not session.subscription_id:
            return "paid subscription checkout without a subscription id; nothing granted"
        entitlement = entitlement_grant(
            user=session.user, source=Entitlement.Source.STRIPE_SUBSCRIPTION, plan=plan,
            reference=session.subscription_id,
            expires_at=_provisional_expiry(plan, event),
        )
    else:
        entitlement = entitlement_grant(
            user=session.user, source=Entitlement.Source.STRIPE_CHECKOUT, plan=plan, reference=session.session_id
        )
        earlier_reversal = (
            WebhookEvent.objects.filter(payment_intent_id=session.payment_intent_id, type__in=REVOKING_TYPES)
            .exclude(pk=event.pk).first()
            if session.payment_intent_id else None
        )
        if earlier_reversal is not None:
            entitlement_revoke(entitlement=entitlement, reason=f"{earlier_reversal.type} arrived before the payment")
            return f"payment already reversed by {earlier_reversal.event_id}; access revoked"
    return f"entitlement {entitlement.pk} {entitlement.status}"


def _checkout_completed(obj: dict, event: WebhookEvent):
    session = _locked_session(obj)
    if session is None:
        return IGNORED, f"unknown checkout session {obj.get('id')}"
    _sync_session(session, obj)
    if session.payment_status in PAID_STATUSES:
        return PROCESSED, _grant_for_session(session, event)
    return PROCESSED, "checkout complete; waiting for the delayed payment to succeed"


def _async_payment_succeeded(obj: dict, event: WebhookEvent):
    session = _locked_session(obj)
    if session is None:
        return IGNORED, f"unknown checkout session {obj.get('id')}"
    _sync_session(session, {**obj, "payment_status": CheckoutSession.PaymentStatus.PAID})
    return PROCESSED, _grant_for_session(session, event)


def _async_payment_failed(obj: dict, event: WebhookEvent):
    session = _locked_session(obj)
    if session is None:
        return IGNORED, f"unknown checkout session {obj.get('id')}"
    _sync_session(session, obj)
    if session.payment_status == CheckoutSession.PaymentStatus.PAID:
        return IGNORED, "session already paid; failure notice ignored"
    session.payment_status = CheckoutSession.PaymentStatus.FAILED
    session.save(update_fields=["payment_status", "updated_at"])
    return PROCESSED, "delayed payment failed; nothing granted"


def _checkout_expired(obj: dict, event: WebhookEvent):
    session = _locked_session(obj)
    if session is None:
        return IGNORED, f"unknown checkout session {obj.get('id')}"
    _sync_session(session, obj)
    return PROCESSED, f"session {session.status}"


# --- Refunds and disputes ---------------------------------------------------------------------

def _revoke_payment(payment_intent_id: str, reason: str):
    if not payment_intent_id:
        return IGNORED, "no payment intent"
    session_ids = list(
        CheckoutSession.objects.select_for_update()
        .filter(payment_intent_id=payment_intent_id).values_list("session_id", flat=True)
    )
    entitlements = list(
        Entitlement.objects.filter(source=Entitlement.Source.STRIPE_CHECKOUT, reference__in=session_ids)
    )
    if not entitlements:
        # Remembered on the event row: if the payment's completion arrives later, it is revoked at once.
        return IGNORED, f"no entitlement paid by {payment_intent_id} (yet)"
    for entitlement in entitlements:
        entitlement_revoke(entitlement=entitlement, reason=reason)
    return PROCESSED, f"access revoked: {reason}"


def _charge_refunded(obj: dict, event: WebhookEvent):
    if not obj.get("refunded"):
        return IGNORED, f"partial refund of {obj.get('amount_refunded')} {obj.get('currency')}; access kept"
    return _revoke_payment(obj.get("payment_intent") or "", "payment refunded")


def _dispute_created(obj: dict, event: WebhookEvent):
    return _revoke_payment(obj.get("payment_intent") or "", f"payment disputed ({obj.get('reason') or 'no reason'})")


# --- Subscriptions ----------------------------------------------------------------------------

def _period_end(sub: dict) -> datetime | None:
    ends = [item.get("current_period_end") for item in (sub.get("items") or {}).get("data") or []]
    ends.append(sub.get("current_period_end"))
    ends = [e for e in ends if e]
    return _when(max(ends)) if ends else None


def _subscriber(sub: dict) -> tuple | None:
    """(user, plan) of a subscription this app sold, from our own Checkout record first."""
    session = CheckoutSession.objects.select_related("user", "plan").filter(subscription_id=sub["id"]).first()
    if session is not None:
        return session.user, session.plan
    customer = StripeCustomer.objects.select_related("user").filter(customer_id=sub.get("customer") or "").first()
    plan_id = (sub.get("metadata") or {}).get("plan_id") or ""
    plan = Plan.objects.filter(pk=int(plan_id)).first() if plan_id.isdigit() else None
    if customer is None or plan is None or (sub.get("metadata") or {}).get("user_id") != str(customer.user_id):
        return None
    return customer.user, plan


def _subscription_reason(status: str) -> str:
    return f"Subscription {status}"


def _subscription_changed(obj: dict, event: WebhookEvent):
    status = obj.get("status") or ""
    entitlement = (
        Entitlement.objects.select_for_update()
        .filter(source=Entitlement.Source.STRIPE_SUBSCRIPTION, reference=obj.get("id") or "").first()
    )
    if entitlement is not None and entitlement.last_event_at and event.stripe_created < entitlement.last_event_at:
        return IGNORED, "stale: a newer subscription event was already applied"
    period_end = _period_end(obj)
    expires_at = period_end + SUBSCRIPTION_GRACE if period_end else None
    if entitlement is None:
        subscriber = _subscriber(obj)
        if subscriber is None:
            return IGNORED, f"unknown subscription {obj.get('id')}"
        if status not in SUBSCRIPTION_ACTIVE | SUBSCRIPTION_ENDED:
            return IGNORED, f"subscription {status}; waiting for payment"
        user, plan = subscriber
        # An ended subscription is recorded too (then revoked), so a late checkout event cannot grant it.
        entitlement = entitlement_grant(
            user=user, source=Entitlement.Source.STRIPE_SUBSCRIPTION, plan=plan, reference=obj["id"],
            expires_at=expires_at or _provisional_expiry(plan, event), event_at=event.stripe_created,
        )
    entitlement.last_event_at = event.stripe_created
    if status in SUBSCRIPTION_ACTIVE:
        if entitlement.status == Entitlement.Status.REVOKED:
            if entitlement.revoke_reason not in {_subscription_reason(s) for s in SUBSCRIPTION_SUSPENDED}:
                entitlement.save(update_fields=["last_event_at", "updated_at"])
                return IGNORED, f"access stays revoked ({entitlement.revoke_reason})"
            entitlement = entitlement_restore(entitlement=entitlement)
            entitlement.last_event_at = event.stripe_created
        entitlement.expires_at = expires_at or entitlement.expires_at
        entitlement.save(update_fields=["expires_at", "last_event_at", "updated_at"])
        return PROCESSED, f"subscription {status}; access until {entitlement.expires_at:%Y-%m-%d %H:%M}"
    entitlement.save(update_fields=["last_event_at", "updated_at"])
    if status in SUBSCRIPTION_ENDED or event.type == "customer.subscription.deleted":
        reason = _subscription_reason("canceled" if event.type == "customer.subscription.deleted" else status)
        entitlement_revoke(entitlement=entitlement, reason=reason)
        return PROCESSED, f"subscription {status}; access revoked"
    return IGNORED, f"subscription {status}; no change"


HANDLERS = {
    "checkout.session.completed": _checkout_completed,
    "checkout.session.async_payment_succeeded": _async_payment_succeeded,
    "checkout.session.async_payment_failed": _async_payment_failed,
    "checkout.session.expired": _checkout_expired,
    "charge.refunded": _charge_refunded,
    "charge.dispute.created": _dispute_created,
    "customer.subscription.created": _subscription_changed,
    "customer.subscription.updated": _subscription_changed,
    "customer.subscription.deleted": _subscription_changed,
}
