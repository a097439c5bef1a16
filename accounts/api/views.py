from django.contrib.auth import authenticate
from django.views.decorators.csrf import ensure_csrf_cookie
from django.utils.decorators import method_decorator
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import selectors, services
from accounts.throttles import LoginAccountThrottle, LoginIpThrottle
from resume2website.errors import ApplicationError


class UserOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    name = serializers.CharField()
    phone = serializers.CharField()
    date_of_birth = serializers.DateField(allow_null=True)
    location = serializers.CharField()
    is_staff = serializers.BooleanField()
    date_joined = serializers.DateTimeField()


class SessionOutputSerializer(serializers.Serializer):
    user = UserOutputSerializer()
    session_token = serializers.CharField(help_text="Send as X-Session-Token by clients without cookies.")
    expires_at = serializers.DateTimeField()


def _session_response(request, user, http_status=status.HTTP_200_OK):
    token = services.session_login(request=request, user=user)
    data = {"user": user, "session_token": token, "expires_at": request.session.get_expiry_date()}
    return Response(SessionOutputSerializer(data).data, status=http_status)


class AuthRegisterApi(APIView):
    throttle_classes = [LoginIpThrottle]

    class InputSerializer(serializers.Serializer):
        email = serializers.EmailField()
        password = serializers.CharField(write_only=True, trim_whitespace=False)
        name = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")

    @extend_schema(request=InputSerializer, responses={201: SessionOutputSerializer}, tags=["auth"])
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.user_create(**data.validated_data)
        return _session_response(request, user, status.HTTP_201_CREATED)


class AuthLoginApi(APIView):
    throttle_classes = [LoginIpThrottle, LoginAccountThrottle]

    class InputSerializer(serializers.Serializer):
        email = serializers.EmailField()
        password = serializers.CharField(write_only=True, trim_whitespace=False)

    @extend_schema(request=InputSerializer, responses={200: SessionOutputSerializer}, tags=["auth"])
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = authenticate(
            request, username=data.validated_data["email"].lower(), password=data.validated_data["password"]
        )
        if user is None:
            # One message whatever was wrong, so the answer does not reveal which emails exist.
            raise ApplicationError("Invalid email or password.", code="invalid_credentials")
        return _session_response(request, user)


class AuthLogoutApi(APIView):
    @extend_schema(request=None, responses={204: None}, tags=["auth"])
    def post(self, request):
        token = request.auth if isinstance(request.auth, str) else None
        services.session_logout(request=request, session_token=token)
        return Response(status=status.HTTP_204_NO_CONTENT)


@method_decorator(ensure_csrf_cookie, name="dispatch")
class AuthMeApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: UserOutputSerializer}, tags=["auth"])
    def get(self, request):
        return Response(UserOutputSerializer(request.user).data)


class CurrentUserInfoApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        responses={200: inline_serializer("CurrentUserInfo", {"user": UserOutputSerializer(), "stats": serializers.DictField()})},
        tags=["auth"],
    )
    def get(self, request):
        return Response(
            {"user": UserOutputSerializer(request.user).data, "stats": selectors.user_summary(user=request.user)}
        )


class ProfileApi(APIView):
    permission_classes = [IsAuthenticated]

    class InputSerializer(serializers.Serializer):
        name = serializers.CharField(required=False, allow_blank=True, max_length=200)
        phone = serializers.CharField(required=False, allow_blank=True, max_length=40)
        date_of_birth = serializers.DateField(required=False, allow_null=True)
        location = serializers.CharField(required=False, allow_blank=True, max_length=200)

    @extend_schema(responses={200: UserOutputSerializer}, tags=["auth"])
    def get(self, request):
        return Response(UserOutputSerializer(request.user).data)

    @extend_schema(request=InputSerializer, responses={200: UserOutputSerializer}, tags=["auth"])
    def put(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.user_profile_update(
            user=request.user, fields=set(data.validated_data), **data.validated_data
        )
        return Response(UserOutputSerializer(user).data)
