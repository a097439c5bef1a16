from django.urls import path

from monitoring import views

urlpatterns = [
    path("metrics", views.prometheus_metrics, name="prometheus-metrics"),
]
