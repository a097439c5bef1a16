from django.conf import settings
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from payments import selectors, services
from payments.models import FEATURES
from payments.stripe_api import payments_require_configured
from payments.webhooks import webhook_event_receive


class PlanOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    kind = serializers.CharField()
    interval = serializers.CharField()
    price_amount = serializers.IntegerField(help_text="In the currency's smallest unit (cents).")
    currency = serializers.CharField()
    features = serializers.ListField(child=serializers.ChoiceField(choices=FEATURES))


class PaymentPlanListApi(APIView):
    """Plans on offer, with whether this server can take payments at all."""

    class OutputSerializer(serializers.Serializer):
        payments_configured = serializers.BooleanField()
        publishable_key = serializers.CharField(allow_blank=True)
        plans = PlanOutputSerializer(many=True)
        active_features = serializers.ListField(
            child=serializers.ChoiceField(choices=FEATURES), help_text="Paid features the caller has now."
        )

    @extend_schema(responses={200: OutputSerializer}, tags=["payments"])
    def get(self, request):
        configured = selectors.payments_configured()
        data = {
            "payments_configured": configured,
            "publishable_key": settings.STRIPE_PUBLISHABLE_KEY if configured else "",
            "plans": selectors.plan_list(),
            "active_features": selectors.active_features(user=request.user),
        }
        return Response(self.OutputSerializer(data).data)


class PaymentEntitlementListApi(APIView):
    """The caller's entitlements, active or not, newest first (for the account page)."""

    permission_classes = [IsAuthenticated]

    class OutputSerializer(serializers.Serializer):
        id = serializers.UUIDField()
        plan = serializers.CharField(source="plan.code", allow_null=True, default=None)
        source = serializers.CharField()
        features = serializers.ListField(child=serializers.ChoiceField(choices=FEATURES))
        status = serializers.CharField()
        active = serializers.BooleanField(source="is_active")
        granted_at = serializers.DateTimeField()
        expires_at = serializers.DateTimeField(allow_null=True)
        revoked_at = serializers.DateTimeField(allow_null=True)
        revoke_reason = serializers.CharField()

    @extend_schema(responses={200: OutputSerializer(many=True)}, tags=["payments"])
    def get(self, request):
        entitlements = selectors.entitlement_list(user=request.user)
        return Response(self.OutputSerializer(entitlements, many=True).data)


class PaymentCheckoutSessionCreateApi(APIView):
    """Open a Stripe Checkout session (hosted page or embedded). Access is granted later, by the
    verified webhook, never by the browser coming back."""

    permission_classes = [IsAuthenticated]

    class InputSerializer(serializers.Serializer):
        plan = serializers.SlugField(help_text="A plan code from GET /payments/plans.")
        ui_mode = serializers.ChoiceField(choices=sorted(services.UI_MODES), default="hosted")

    class OutputSerializer(serializers.Serializer):
        session_id = serializers.CharField(source="session.session_id")
        plan = serializers.CharField(source="session.plan.code")
        ui_mode = serializers.CharField(source="session.ui_mode")
        url = serializers.CharField(allow_null=True, help_text="Hosted mode: send the browser here.")
        client_secret = serializers.CharField(allow_null=True, help_text="Embedded mode: give this to Stripe.js.")
        publishable_key = serializers.CharField()

    @extend_schema(
        request=InputSerializer,
        responses={201: OutputSerializer},
        parameters=[OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER, required=False,
                                     description="Retrying with the same key returns the same session.")],
        tags=["payments"],
    )
    def post(self, request):
        payments_require_configured()
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        start = services.checkout_session_create(
            user=request.user,
            plan_code=data.validated_data["plan"],
            ui_mode=data.validated_data["ui_mode"],
            idempotency_key=request.headers.get("Idempotency-Key", "")[:200],
        )
        data = {**vars(start), "publishable_key": settings.STRIPE_PUBLISHABLE_KEY}
        return Response(self.OutputSerializer(data).data, status=status.HTTP_201_CREATED)


class PaymentBillingPortalCreateApi(APIView):
    """A link to Stripe's customer portal: cancel a subscription, change the card, see invoices."""

    permission_classes = [IsAuthenticated]

    class OutputSerializer(serializers.Serializer):
        url = serializers.URLField()

    @extend_schema(request=None, responses={201: OutputSerializer}, tags=["payments"])
    def post(self, request):
        payments_require_configured()
        url = services.billing_portal_session_create(user=request.user)
        return Response(self.OutputSerializer({"url": url}).data, status=status.HTTP_201_CREATED)


class PaymentSessionStatusApi(APIView):
    """The live state of one of the caller's checkout sessions, and whether its access is granted."""

    permission_classes = [IsAuthenticated]

    class OutputSerializer(serializers.Serializer):
        session_id = serializers.CharField()
        plan = serializers.CharField()
        status = serializers.CharField(help_text="open, complete or expired (live from Stripe).")
        payment_status = serializers.CharField(help_text="paid, unpaid or no_payment_required (live from Stripe).")
        customer_email = serializers.CharField(allow_null=True)
        access_granted = serializers.BooleanField(help_text="True once the verified webhook granted access.")
        active_features = serializers.ListField(child=serializers.ChoiceField(choices=FEATURES))

    @extend_schema(responses={200: OutputSerializer}, tags=["payments"])
    def get(self, request, session_id: str):
        payments_require_configured()
        session = selectors.get_checkout_session_for_user(user=request.user, session_id=session_id)
        live = services.checkout_session_live_status(session=session)
        data = {
            "session_id": session.session_id,
            "plan": session.plan.code,
            **live,
            "access_granted": selectors.checkout_session_granted(session=session),
            "active_features": selectors.active_features(user=request.user),
        }
        return Response(self.OutputSerializer(data).data)


class PaymentWebhookApi(APIView):
    """Stripe's signed events. Unknown sessions and event types are acknowledged and ignored."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes: list = []

    class OutputSerializer(serializers.Serializer):
        received = serializers.BooleanField()
        event_id = serializers.CharField()
        duplicate = serializers.BooleanField()
        outcome = serializers.CharField()

    @extend_schema(
        request={"application/json": dict},
        responses={200: OutputSerializer},
        parameters=[OpenApiParameter(
            "Stripe-Signature", str, OpenApiParameter.HEADER, required=True,
            description="t=<timestamp>,v1=<HMAC-SHA256 of the body with the webhook secret>.",
        )],
        tags=["payments"],
    )
    def post(self, request):
        event, created = webhook_event_receive(
            payload=request.body, signature=request.headers.get("Stripe-Signature")
        )
        data = {"received": True, "event_id": event.event_id, "duplicate": not created, "outcome": event.outcome}
        return Response(self.OutputSerializer(data).data)
