from django.urls import path

from accounts import views

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/sites/<uuid:portfolio_id>/", views.portfolio_manage, name="portfolio_manage"),
    path("dashboard/sites/<uuid:portfolio_id>/<slug:action>/", views.portfolio_action, name="portfolio_action"),
    path("account/", views.account, name="account"),
]
