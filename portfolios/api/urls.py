from django.urls import path

from portfolios.api import views

urlpatterns = [
    path("themes", views.PortfolioThemeListApi.as_view(), name="portfolio-themes"),
    path("generate/<uuid:job_id>", views.PortfolioGenerateApi.as_view(), name="portfolio-generate"),
    path("list", views.PortfolioListApi.as_view(), name="portfolio-list"),
    path("portfolios/metrics", views.PortfolioMetricsApi.as_view(), name="portfolio-metrics"),
    path("<uuid:portfolio_id>", views.PortfolioDeleteApi.as_view(), name="portfolio-delete"),
    path("<uuid:portfolio_id>/status", views.PortfolioStatusApi.as_view(), name="portfolio-status"),
    path("<uuid:portfolio_id>/restart", views.PortfolioRestartApi.as_view(), name="portfolio-restart"),
    path("<uuid:portfolio_id>/cv-data", views.PortfolioCvDataApi.as_view(), name="portfolio-cv-data"),
    path("<uuid:portfolio_id>/photo", views.PortfolioPhotoApi.as_view(), name="portfolio-photo"),
    path("<uuid:portfolio_id>/deploy", views.PortfolioDeployApi.as_view(), name="portfolio-deploy"),
    path("<uuid:portfolio_id>/export", views.PortfolioExportApi.as_view(), name="portfolio-export"),
    path("<uuid:portfolio_id>/setup-custom-domain", views.PortfolioDomainSetupApi.as_view(),
         name="portfolio-setup-custom-domain"),
    path("<uuid:portfolio_id>/verify-domain", views.PortfolioDomainVerifyApi.as_view(),
         name="portfolio-verify-domain"),
]
