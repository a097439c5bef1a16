"""`X-Session-Token` authentication for clients that do not keep cookies.

The token is the server-side session key handed out by login/register, so it expires with
the session (7 days) and dies with logout, exactly like the cookie.
"""
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.utils.crypto import constant_time_compare
from django.utils.module_loading import import_string
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication

SESSION_TOKEN_HEADER = "HTTP_X_SESSION_TOKEN"


def session_store_class():
    return import_string(settings.SESSION_ENGINE + ".SessionStore")


def user_from_session_key(session_key: str):
    """The active user a live session belongs to, or None (expired, logged out, password changed).

    One query: the session row with its user (accounts.Session keeps who signed in)."""
    store = session_store_class()
    session = store.live_row(session_key, with_user=True)
    if session is None or session.user is None:
        return None
    data = store().decode(session.session_data)
    user = session.user
    if (data.get(SESSION_KEY) != str(user.pk) or data.get(BACKEND_SESSION_KEY) not in settings.AUTHENTICATION_BACKENDS
            or not user.is_active):
        return None
    if not constant_time_compare(data.get(HASH_SESSION_KEY, ""), user.get_session_auth_hash()):
        return None
    return user


class SessionTokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        token = request.META.get(SESSION_TOKEN_HEADER)
        if not token:
            return None
        user = user_from_session_key(token)
        if user is None:
            from rest_framework.exceptions import AuthenticationFailed

            raise AuthenticationFailed("Session expired or invalid. Log in again.")
        return (user, token)

    def authenticate_header(self, request):
        return "Session-Token"


class SessionTokenScheme(OpenApiAuthenticationExtension):
    target_class = "accounts.authentication.SessionTokenAuthentication"
    name = "sessionToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "X-Session-Token",
            "description": "The session_token returned by /api/v1/auth/login or /register; valid 7 days.",
        }
