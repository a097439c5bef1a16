from django.urls import path

from monitoring.consumers import ProgressConsumer

websocket_urlpatterns = [
    path("ws/progress/<str:kind>/<uuid:object_id>/", ProgressConsumer.as_asgi(), name="ws-progress"),
]
