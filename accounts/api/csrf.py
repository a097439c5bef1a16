from django.middleware.csrf import get_token
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView


class AuthCsrfApi(APIView):
    """The CSRF token for cookie-session clients on another origin, which cannot read our cookie:
    send it back as X-CSRFToken on every POST/PUT/PATCH/DELETE."""

    authentication_classes: list = []

    class OutputSerializer(serializers.Serializer):
        csrf_token = serializers.CharField()

    @extend_schema(responses={200: OutputSerializer}, tags=["auth"])
    def get(self, request):
        return Response(self.OutputSerializer({"csrf_token": get_token(request)}).data)
