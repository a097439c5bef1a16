from django.urls import path

from payments import views

urlpatterns = [
    path("pricing/", views.pricing, name="pricing"),
    path("payments/checkout/", views.checkout, name="checkout"),
    path("payments/result/", views.payment_result, name="payment-result"),
]
