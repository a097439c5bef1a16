from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

api_v1 = [
    path("", include("accounts.api.urls")),
    path("", include("cvs.api.urls")),
    path("portfolio/", include("portfolios.api.urls")),
    path("payments/", include("payments.api.urls")),
    path("", include("monitoring.api.urls")),
]

urlpatterns = [
    path("", include("operations.urls")),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("api/v1/", include(api_v1)),
    path("", include("monitoring.urls")),
    path("", include("portfolios.urls")),
    path("", include("payments.urls")),
    path("", include("cvs.urls")),
    path("", include("accounts.urls")),
]

handler404 = "resume2website.error_views.page_not_found"
handler403 = "resume2website.error_views.permission_denied"
handler500 = "resume2website.error_views.server_error"
