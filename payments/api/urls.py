from django.urls import path

from payments.api import views

urlpatterns = [
    path("plans", views.PaymentPlanListApi.as_view(), name="payments-plans"),
    path("entitlements", views.PaymentEntitlementListApi.as_view(), name="payments-entitlements"),
    path(
        "create-checkout-session",
        views.PaymentCheckoutSessionCreateApi.as_view(),
        name="payments-create-checkout-session",
    ),
    path("session-status/<str:session_id>", views.PaymentSessionStatusApi.as_view(), name="payments-session-status"),
    path("billing-portal", views.PaymentBillingPortalCreateApi.as_view(), name="payments-billing-portal"),
    path("webhook", views.PaymentWebhookApi.as_view(), name="payments-webhook"),
]
