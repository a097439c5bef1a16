"""Sign in with Google, Facebook or LinkedIn through allauth's own provider code.

A single-page app sends the person to the provider's authorize URL (given by the status
route), gets a `code` back on its redirect_uri, and posts it to our callback route; native
clients that already hold a provider token post that instead. Either way allauth does the
work: its OAuth2 client exchanges the code, the provider adapter's complete_login reads the
profile (or provider.verify_token checks the token), and allauth's social-login flow creates
the user or connects the login to the account that has the same verified email.

Every request allauth makes to a provider goes through SocialAccountAdapter's requests
session. There, <PROVIDER>_OAUTH_BASE_URL (settings.OAUTH_PROVIDERS[...]["base_url"]) sends
the provider's hosts to another server, and transport failures become clear API errors:
unreachable → 503 oauth_provider_unavailable, a 5xx answer → 502 oauth_provider_error.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import requests
from allauth.core.exceptions import ImmediateHttpResponse, SignupClosedException
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter, get_adapter
from allauth.socialaccount.internal.flows import login as social_login_flow
from allauth.socialaccount.internal.flows.signup import clear_pending_signup, get_pending_signup
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.base import AuthProcess, ProviderException
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from requests.adapters import HTTPAdapter
from rest_framework import status

from resume2website.errors import ApplicationError, Conflict, ServiceUnavailable

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class OAuthProvider:
    key: str  # our name, in the route
    label: str
    hosts: tuple[str, ...]  # the provider's origins, sent to its base_url when one is set


PROVIDERS = {
    p.key: p
    for p in (
        OAuthProvider("google", "Google", ("https://accounts.google.com", "https://oauth2.googleapis.com",
                                           "https://www.googleapis.com", "https://openidconnect.googleapis.com")),
        OAuthProvider("facebook", "Facebook", ("https://www.facebook.com", "https://graph.facebook.com")),
        OAuthProvider("linkedin", "LinkedIn", ("https://www.linkedin.com", "https://api.linkedin.com")),
    )
}


# Both are also requests exceptions, so allauth's own (HTML) login views handle them as the
# provider failures they are; the API turns them into 503 / 502.
class OAuthProviderUnavailable(ServiceUnavailable, requests.ConnectionError):
    code = "oauth_provider_unavailable"


class OAuthProviderError(ApplicationError, requests.HTTPError):
    status_code = status.HTTP_502_BAD_GATEWAY
    code = "oauth_provider_error"


def _provider_failure(exc: BaseException) -> ApplicationError | None:
    """The provider outage behind `exc`, when allauth wrapped one (e.g. into invalid_token)."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, (OAuthProviderUnavailable, OAuthProviderError)):
            return exc
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return None


def _provider_for_origin(origin: str) -> OAuthProvider | None:
    return next((p for p in PROVIDERS.values() if origin in p.hosts), None)


def _rewritten(url: str) -> str:
    """`url` with a provider host replaced by that provider's configured base URL."""
    parts = urlsplit(url)
    provider = _provider_for_origin(f"{parts.scheme}://{parts.netloc}")
    base = settings.OAUTH_PROVIDERS.get(provider.key, {}).get("base_url") if provider else ""
    if not base:
        return url
    base_parts = urlsplit(base.rstrip("/"))
    return urlunsplit((base_parts.scheme, base_parts.netloc, base_parts.path + parts.path, parts.query, ""))


class ProviderTransport(HTTPAdapter):
    """requests transport for provider calls: base-URL overrides and clear failures."""

    def send(self, request, **kwargs):
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(request.url))
        provider = _provider_for_origin(origin)
        label = provider.label if provider else "The sign-in provider"
        request.url = _rewritten(request.url)
        try:
            response = super().send(request, **kwargs)
        except (requests.ConnectionError, requests.Timeout) as exc:
            logger.warning("oauth provider unreachable", extra={"provider": label, "error": str(exc)})
            raise OAuthProviderUnavailable(
                f"{label} cannot be reached right now, so sign-in with {label} is not possible. "
                "Please try again in a few minutes, or log in with your email and password."
            ) from exc
        if response.status_code >= 500:
            logger.warning("oauth provider error", extra={"provider": label, "status": response.status_code})
            raise OAuthProviderError(
                f"{label} answered with an error ({response.status_code}). Please try again in a few minutes."
            )
        return response


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def get_requests_session(self):
        session = super().get_requests_session()
        transport = ProviderTransport()
        session.mount("https://", transport)
        session.mount("http://", transport)
        return session

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        name = data.get("name") or " ".join(filter(None, (data.get("first_name"), data.get("last_name"))))
        if name and not user.name:
            user.name = name[:200]
        return user


# --- status --------------------------------------------------------------------------------
def _allauth_provider(request, provider: OAuthProvider):
    try:
        return get_adapter(request).get_provider(request, provider.key)
    except SocialApp.DoesNotExist:
        return None


def _authorize_url(request, provider: OAuthProvider, allauth_provider) -> str | None:
    cache_key = f"oauth:authorize-url:{provider.key}:{allauth_provider.app.client_id}"
    url = cache.get(cache_key)
    if url is None:
        try:
            # For LinkedIn this reads the OpenID discovery document.
            url = allauth_provider.get_oauth2_adapter(request).authorize_url
        except (ApplicationError, requests.RequestException, KeyError, ValueError):
            return None
        cache.set(cache_key, url, 3600)
    return _rewritten(url)


def oauth_provider_status(*, request, provider_key: str) -> dict:
    provider = PROVIDERS[provider_key]
    allauth_provider = _allauth_provider(request, provider)
    if allauth_provider is None:
        return {"provider": provider.key, "name": provider.label, "configured": False, "client_id": None,
                "authorize_url": None, "scope": []}
    return {
        "provider": provider.key,
        "name": provider.label,
        "configured": True,
        "client_id": allauth_provider.app.client_id,
        "authorize_url": _authorize_url(request, provider, allauth_provider),
        "scope": list(allauth_provider.get_scope()),
    }


# --- callback ------------------------------------------------------------------------------
def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def _check_redirect_uri(request, redirect_uri: str) -> None:
    """The redirect_uri must be one of our own pages or a configured front end's."""
    allowed = {_origin(settings.SITE_URL), _origin(request.build_absolute_uri("/"))}
    allowed |= {o.rstrip("/").lower() for o in (*settings.CORS_ALLOWED_ORIGINS, *settings.CSRF_TRUSTED_ORIGINS)}
    if urlsplit(redirect_uri).scheme not in ("http", "https") or _origin(redirect_uri) not in allowed:
        raise ApplicationError(
            "redirect_uri must be a page of this site or of a front end listed in CORS_ALLOWED_ORIGINS.",
            code="invalid_redirect_uri",
        )


def _login_from_code(request, allauth_provider, *, code: str, redirect_uri: str, code_verifier: str):
    """What allauth's OAuth2CallbackView does, for a code our client received on its own page."""
    adapter = allauth_provider.get_oauth2_adapter(request)
    app = allauth_provider.app
    client = adapter.get_client(request, app)
    client.callback_url = redirect_uri
    data = client.get_access_token(code, pkce_code_verifier=code_verifier or None)
    adapter.did_fetch_access_token = True
    token = adapter.parse_token(data)
    if app.pk:
        token.app = app
    sociallogin = adapter.complete_login(request, app, token, response=data)
    sociallogin.token = token
    return sociallogin


def _refusal(request, provider: OAuthProvider, sociallogin) -> ApplicationError:
    """Why allauth's flow ended without a logged-in user."""
    pending = get_pending_signup(request)
    email = ((pending or sociallogin).user.email or "").strip()
    clear_pending_signup(request)
    if sociallogin.is_existing and not sociallogin.user.is_active:
        return ApplicationError("This account has been deactivated. Contact support to restore it.",
                                code="account_disabled", status_code=status.HTTP_403_FORBIDDEN)
    if not email:
        return ApplicationError(
            f"{provider.label} did not share an email address. Allow access to your email address, "
            "or register with your email and a password.",
            code="oauth_email_missing",
        )
    if get_user_model().objects.filter(email__iexact=email).exists():
        return Conflict(
            f"An account with {email} already exists and {provider.label} has not confirmed that this address "
            "is yours. Log in with your email and password instead.",
            code="email_taken",
        )
    return ApplicationError(
        f"Your {provider.label} account is connected, but its email address must be verified first: "
        "check your inbox for the confirmation link.",
        code="email_verification_required",
        status_code=status.HTTP_403_FORBIDDEN,
    )


def oauth_login(*, request, provider_key: str, code: str = "", redirect_uri: str = "", code_verifier: str = "",
                access_token: str = "", id_token: str = ""):
    """Sign in (or sign up) with a provider; returns the logged-in user. `request` is Django's."""
    provider = PROVIDERS[provider_key]
    allauth_provider = _allauth_provider(request, provider)
    if allauth_provider is None:
        raise ServiceUnavailable(f"Sign-in with {provider.label} is not configured on this server.",
                                 code="oauth_not_configured")
    try:
        if code:
            _check_redirect_uri(request, redirect_uri)
            sociallogin = _login_from_code(request, allauth_provider, code=code, redirect_uri=redirect_uri,
                                           code_verifier=code_verifier)
        else:
            sociallogin = allauth_provider.verify_token(request, {"access_token": access_token, "id_token": id_token})
        sociallogin.state = {"process": AuthProcess.LOGIN}
        social_login_flow.complete_login(request, sociallogin, raises=True)
    except (OAuth2Error, ProviderException, requests.RequestException, ValidationError) as exc:
        outage = _provider_failure(exc)
        if outage is not None:
            raise outage from exc
        logger.info("oauth sign-in refused", extra={"provider": provider.key, "error": str(exc)[:300]})
        what = "sign-in code" if code else "token"
        raise ApplicationError(
            f"{provider.label} did not accept this {what}: it may have expired or been used already. "
            f"Start the sign-in with {provider.label} again.",
            code="oauth_invalid_grant",
        ) from exc
    except (SignupClosedException, PermissionDenied, ImmediateHttpResponse) as exc:
        raise ApplicationError(f"Sign-in with {provider.label} was refused.", code="oauth_refused",
                               status_code=status.HTTP_403_FORBIDDEN) from exc
    if not request.user.is_authenticated:
        raise _refusal(request, provider, sociallogin)
    return request.user
