"""Plans people can buy, the Checkout sessions they open, Stripe's webhook events and the
entitlements those events grant.

Access is decided by Entitlement rows only, and only verified webhook events (or an operator in
the admin) create them; a browser coming back from Checkout proves nothing.
"""
import uuid

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone

FEATURE_PUBLISH = "publish"
FEATURE_CUSTOM_DOMAIN = "custom_domain"
FEATURES = (FEATURE_PUBLISH, FEATURE_CUSTOM_DOMAIN)
FEATURE_CHOICES = [(FEATURE_PUBLISH, "Publish and deploy"), (FEATURE_CUSTOM_DOMAIN, "Custom domain")]


class Plan(models.Model):
    """Something to buy: a one-time (lifetime) purchase or a recurring subscription."""

    class Kind(models.TextChoices):
        ONE_TIME = "one_time", "One-time payment (lifetime access)"
        SUBSCRIPTION = "subscription", "Subscription"

    class Interval(models.TextChoices):
        MONTH = "month", "Monthly"
        YEAR = "year", "Yearly"

    code = models.SlugField(max_length=50, unique=True, help_text="Stable identifier used by the API and the UI.")
    name = models.CharField(max_length=100)
    description = models.CharField(max_length=300, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ONE_TIME)
    interval = models.CharField(
        max_length=10, choices=Interval.choices, blank=True, help_text="Billing interval; subscriptions only."
    )
    price_amount = models.PositiveIntegerField(
        validators=[MinValueValidator(50)], help_text="Price in the currency's smallest unit (cents)."
    )
    currency = models.CharField(
        max_length=3, default="usd", validators=[RegexValidator(r"^[a-z]{3}$", "Three lower-case letters (ISO 4217).")]
    )
    features = models.JSONField(default=list, help_text=f"Any of: {', '.join(FEATURES)}.")
    stripe_price_id = models.CharField(
        max_length=100, blank=True, help_text="Optional Stripe Price id; without it Checkout is given the price inline."
    )
    active = models.BooleanField(default=True, help_text="Only active plans are offered and can be bought.")
    position = models.PositiveSmallIntegerField(default=0, help_text="Display order, smallest first.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "price_amount", "code"]

    def __str__(self):
        return self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.kind == self.Kind.SUBSCRIPTION and not self.interval:
            errors["interval"] = "A subscription needs a billing interval."
        if self.kind == self.Kind.ONE_TIME and self.interval:
            errors["interval"] = "A one-time plan has no billing interval."
        if not isinstance(self.features, list) or not self.features or set(self.features) - set(FEATURES):
            errors["features"] = f"A non-empty list drawn from: {', '.join(FEATURES)}."
        if errors:
            raise ValidationError(errors)

    @property
    def is_subscription(self) -> bool:
        return self.kind == self.Kind.SUBSCRIPTION


class StripeCustomer(models.Model):
    """The one Stripe customer of a user, created on their first checkout and reused after."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stripe_customer")
    customer_id = models.CharField(max_length=100, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.customer_id} ({self.user})"


class CheckoutSession(models.Model):
    """A Stripe Checkout session opened by a user for a plan, with what Stripe last told us about it."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        COMPLETE = "complete", "Complete"
        EXPIRED = "expired", "Expired"

    class PaymentStatus(models.TextChoices):
        UNPAID = "unpaid", "Unpaid"
        PAID = "paid", "Paid"
        NO_PAYMENT_REQUIRED = "no_payment_required", "No payment required"
        FAILED = "failed", "Payment failed"

    session_id = models.CharField(max_length=255, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkout_sessions")
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="checkout_sessions")
    ui_mode = models.CharField(max_length=20)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    payment_status = models.CharField(max_length=30, choices=PaymentStatus.choices, default=PaymentStatus.UNPAID)
    customer_id = models.CharField(max_length=100, blank=True)
    payment_intent_id = models.CharField(max_length=100, blank=True, db_index=True)
    subscription_id = models.CharField(max_length=100, blank=True, db_index=True)
    amount_total = models.PositiveIntegerField(null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.session_id


class WebhookEvent(models.Model):
    """Every verified Stripe event, stored once by its id: replays find the row and do nothing."""

    class Outcome(models.TextChoices):
        PROCESSED = "processed", "Processed"
        IGNORED = "ignored", "Ignored"

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100, db_index=True)
    livemode = models.BooleanField(default=False)
    stripe_created = models.DateTimeField(help_text="When Stripe created the event.")
    object_id = models.CharField(max_length=255, blank=True, db_index=True)
    payment_intent_id = models.CharField(max_length=100, blank=True, db_index=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    note = models.CharField(max_length=500, blank=True)
    payload = models.JSONField()
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self):
        return f"{self.type} {self.event_id}"


class EntitlementQuerySet(models.QuerySet):
    def active(self, *, now=None):
        now = now or timezone.now()
        return self.filter(status=Entitlement.Status.ACTIVE).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now)
        )


class Entitlement(models.Model):
    """The right of a user to paid features, granted by a verified payment or an operator."""

    class Source(models.TextChoices):
        STRIPE_CHECKOUT = "stripe_checkout", "Stripe one-time payment"
        STRIPE_SUBSCRIPTION = "stripe_subscription", "Stripe subscription"
        ADMIN = "admin", "Granted by an operator"

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        REVOKED = "revoked", "Revoked"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="entitlements")
    plan = models.ForeignKey(Plan, on_delete=models.SET_NULL, null=True, blank=True, related_name="entitlements")
    source = models.CharField(max_length=30, choices=Source.choices)
    reference = models.CharField(
        max_length=255, blank=True, help_text="Checkout session id (one-time) or subscription id; unique per source."
    )
    features = models.JSONField(default=list)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    granted_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(null=True, blank=True, help_text="Empty for lifetime access.")
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoke_reason = models.CharField(max_length=300, blank=True)
    last_event_at = models.DateTimeField(
        null=True, blank=True, help_text="Creation time of the newest Stripe event applied; older ones are stale."
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = EntitlementQuerySet.as_manager()

    class Meta:
        ordering = ["-granted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "reference"],
                condition=~models.Q(reference=""),
                name="payments_entitlement_one_per_reference",
            )
        ]
        indexes = [models.Index(fields=["user", "status"])]

    def __str__(self):
        return f"{self.user} · {self.get_source_display()} · {self.status}"

    def is_active(self, *, now=None) -> bool:
        now = now or timezone.now()
        return self.status == self.Status.ACTIVE and (self.expires_at is None or self.expires_at > now)

    def grants(self, feature: str) -> bool:
        return feature in (self.features or [])
