from django.urls import path

from operations import views

urlpatterns = [
    path("health", views.health, name="health"),
]
