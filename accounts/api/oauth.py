from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import oauth
from accounts.api.views import SessionOutputSerializer, _session_response
from accounts.throttles import LoginIpThrottle


class OAuthStatusApi(APIView):
    """Is sign-in with this provider configured, and where to send the person to start it."""

    class OutputSerializer(serializers.Serializer):
        provider = serializers.CharField()
        name = serializers.CharField()
        configured = serializers.BooleanField()
        client_id = serializers.CharField(allow_null=True, help_text="Public client id, for the authorize URL.")
        authorize_url = serializers.URLField(allow_null=True)
        scope = serializers.ListField(child=serializers.CharField())
        callback_url = serializers.URLField(help_text="POST the code (or token) you receive here.")

    @extend_schema(responses={200: OutputSerializer}, tags=["auth"])
    def get(self, request, provider):
        data = oauth.oauth_provider_status(request=request._request, provider_key=provider)
        data["callback_url"] = request.build_absolute_uri(reverse(f"auth-{provider}-callback"))
        return Response(self.OutputSerializer(data).data)


class OAuthCallbackApi(APIView):
    """Exchange an authorization code (with its redirect_uri), or a provider token, for a session."""

    throttle_classes = [LoginIpThrottle]

    class InputSerializer(serializers.Serializer):
        code = serializers.CharField(required=False, allow_blank=False, max_length=2048)
        redirect_uri = serializers.CharField(required=False, max_length=2048,
                                            help_text="The redirect_uri the code was issued for; required with code.")
        code_verifier = serializers.CharField(required=False, max_length=256, help_text="PKCE verifier, if used.")
        access_token = serializers.CharField(required=False, max_length=4096)
        id_token = serializers.CharField(required=False, max_length=8192)

        def validate(self, attrs):
            if attrs.get("code"):
                if not attrs.get("redirect_uri"):
                    raise serializers.ValidationError({"redirect_uri": "Required with code."})
            elif not (attrs.get("access_token") or attrs.get("id_token")):
                raise serializers.ValidationError("Send code and redirect_uri, or access_token / id_token.")
            return attrs

    @extend_schema(
        request=InputSerializer,
        responses={
            200: SessionOutputSerializer,
            400: OpenApiResponse(description="oauth_invalid_grant (bad, used or expired code or token), "
                                             "invalid_redirect_uri, oauth_email_missing, validation_error"),
            403: OpenApiResponse(description="account_disabled, email_verification_required, oauth_refused"),
            409: OpenApiResponse(description="email_taken: the provider did not confirm an existing account's email"),
            502: OpenApiResponse(description="oauth_provider_error: the provider answered with a server error"),
            503: OpenApiResponse(description="oauth_provider_unavailable, oauth_not_configured"),
        },
        tags=["auth"],
    )
    def post(self, request, provider):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = oauth.oauth_login(request=request._request, provider_key=provider, **data.validated_data)
        return _session_response(request, user, status.HTTP_200_OK)
