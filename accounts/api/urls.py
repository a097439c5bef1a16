from django.urls import path

from accounts.api import csrf
from accounts.api import oauth as oauth_views
from accounts.api import views
from accounts.oauth import PROVIDERS

urlpatterns = [
    path("auth/register", views.AuthRegisterApi.as_view(), name="auth-register"),
    path("auth/login", views.AuthLoginApi.as_view(), name="auth-login"),
    path("auth/logout", views.AuthLogoutApi.as_view(), name="auth-logout"),
    path("auth/me", views.AuthMeApi.as_view(), name="auth-me"),
    path("auth/csrf", csrf.AuthCsrfApi.as_view(), name="auth-csrf"),
    path("current-user-info", views.CurrentUserInfoApi.as_view(), name="current-user-info"),
    path("profile", views.ProfileApi.as_view(), name="profile"),
]
for _provider in PROVIDERS:
    urlpatterns += [
        path(f"auth/{_provider}/status", oauth_views.OAuthStatusApi.as_view(), {"provider": _provider},
             name=f"auth-{_provider}-status"),
        path(f"auth/{_provider}/callback", oauth_views.OAuthCallbackApi.as_view(), {"provider": _provider},
             name=f"auth-{_provider}-callback"),
    ]
