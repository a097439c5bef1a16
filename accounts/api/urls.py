from django.urls import path

from accounts.api import views

urlpatterns = [
    path("auth/register", views.AuthRegisterApi.as_view(), name="auth-register"),
    path("auth/login", views.AuthLoginApi.as_view(), name="auth-login"),
    path("auth/logout", views.AuthLogoutApi.as_view(), name="auth-logout"),
    path("auth/me", views.AuthMeApi.as_view(), name="auth-me"),
    path("current-user-info", views.CurrentUserInfoApi.as_view(), name="current-user-info"),
    path("profile", views.ProfileApi.as_view(), name="profile"),
]
