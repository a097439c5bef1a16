"""Reads: plans on offer, a user's entitlements, their checkout sessions, and whether Stripe is set up."""
from django.conf import settings
from django.db.models import QuerySet

from payments.models import FEATURES, CheckoutSession, Entitlement, Plan
from resume2website.errors import NotFound


def payments_configured() -> bool:
    """True when people can pay: Stripe's secret key and webhook secret are both set."""
    return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_WEBHOOK_SECRET)


def plan_list() -> QuerySet[Plan]:
    """Plans on offer, in display order."""
    return Plan.objects.filter(active=True)


def plan_get_active(*, code: str) -> Plan:
    plan = Plan.objects.filter(active=True, code=code).first()
    if plan is None:
        raise NotFound(f"There is no plan '{code}' on offer.", code="plan_not_found")
    return plan


def entitlement_list(*, user) -> QuerySet[Entitlement]:
    """All of a user's entitlements, active or not, newest first (for the account page)."""
    return Entitlement.objects.filter(user=user).select_related("plan")


def entitlement_active(*, user, feature: str = "publish") -> bool:
    """Whether the user may use a paid feature ("publish" or "custom_domain") right now."""
    if feature not in FEATURES:
        raise ValueError(f"unknown feature {feature!r}; expected one of {FEATURES}")
    if user is None or not user.is_authenticated:
        return False
    return any(e.grants(feature) for e in Entitlement.objects.filter(user=user).active().only("features"))


def active_features(*, user) -> list[str]:
    """Paid features the user has now, in a stable order."""
    if user is None or not user.is_authenticated:
        return []
    held = set()
    for entitlement in Entitlement.objects.filter(user=user).active().only("features"):
        held.update(entitlement.features or [])
    return [f for f in FEATURES if f in held]


def get_checkout_session_for_user(*, user, session_id: str) -> CheckoutSession:
    """The user's own checkout session; anyone else's (or an unknown id) is NotFound."""
    session = None
    if user is not None and user.is_authenticated:
        session = CheckoutSession.objects.select_related("plan").filter(session_id=session_id, user=user).first()
    if session is None:
        raise NotFound("No such checkout session.")
    return session


def checkout_session_granted(*, session: CheckoutSession) -> bool:
    """Whether the verified webhook has granted the access this session paid for (and it still holds)."""
    reference = session.subscription_id if session.plan.is_subscription else session.session_id
    if not reference:
        return False
    return Entitlement.objects.filter(user_id=session.user_id, reference=reference).active().exists()
