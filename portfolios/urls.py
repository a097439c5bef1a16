from django.urls import path

from portfolios import views

urlpatterns = [
    path("p/<uuid:portfolio_id>", views.preview_root),
    path("p/<uuid:portfolio_id>/", views.preview, name="portfolio-preview"),
    path("p/<uuid:portfolio_id>/<str:path>", views.preview, name="portfolio-preview-file"),
    path("s/<slug:slug>", views.published_root),
    path("s/<slug:slug>/", views.published, name="portfolio-site"),
    path("s/<slug:slug>/<str:path>", views.published, name="portfolio-site-file"),
]
