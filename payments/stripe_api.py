"""The Stripe client, pointed at settings.STRIPE_API_BASE, and Stripe errors in the API's error shape."""
from contextlib import contextmanager

import stripe
from django.conf import settings
from rest_framework import status

from payments.selectors import payments_configured
from resume2website.errors import ApplicationError, Conflict, ServiceUnavailable

STRIPE_TIMEOUT_SECONDS = 20


class PaymentsNotConfigured(ServiceUnavailable):
    code = "payments_not_configured"


def payments_require_configured() -> None:
    if not payments_configured():
        missing = [name for name in ("STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET") if not getattr(settings, name)]
        raise PaymentsNotConfigured(
            "Online payments are not configured on this server (missing "
            f"{' and '.join(missing)}). An operator can still grant access in the admin."
        )


def stripe_client() -> stripe.StripeClient:
    payments_require_configured()
    return stripe.StripeClient(
        api_key=settings.STRIPE_SECRET_KEY,
        base_addresses={"api": settings.STRIPE_API_BASE},
        max_network_retries=2,
        http_client=stripe.RequestsClient(timeout=STRIPE_TIMEOUT_SECONDS),
    )


@contextmanager
def stripe_errors():
    """Turn a failed Stripe call into an ApplicationError: 503 when Stripe cannot be reached,
    409 for a reused idempotency key, 502 for anything else Stripe refused."""
    try:
        yield
    except stripe.IdempotencyError as exc:
        raise Conflict(
            "This request's Idempotency-Key was already used for a different request.", code="idempotency_conflict"
        ) from exc
    except (stripe.APIConnectionError, stripe.RateLimitError) as exc:
        raise ServiceUnavailable(
            "The payment provider cannot be reached right now; nothing was charged. Please try again shortly.",
            code="payment_provider_unavailable",
        ) from exc
    except stripe.StripeError as exc:
        raise ApplicationError(
            f"The payment provider refused the request: {exc.user_message or 'unexpected error'}",
            code="payment_provider_error",
            status_code=status.HTTP_502_BAD_GATEWAY,
        ) from exc
