from django.contrib import admin

from portfolios.models import Portfolio, PortfolioBuild


@admin.register(Portfolio)
class PortfolioAdmin(admin.ModelAdmin):
    list_display = ("id", "owner", "theme", "status", "slug", "deploy_target", "deploy_status", "domain",
                    "build_count", "last_built_at", "expires_at")
    list_filter = ("status", "theme", "deploy_target", "deploy_status")
    search_fields = ("id", "owner__email", "slug", "domain")
    raw_id_fields = ("owner", "job")
    readonly_fields = ("id", "site_prefix", "site_files", "build_count", "last_built_at", "deploy_url",
                       "vercel_deployment_id", "domain_token", "domain_verified_at", "created_at", "updated_at")
    date_hierarchy = "created_at"


@admin.register(PortfolioBuild)
class PortfolioBuildAdmin(admin.ModelAdmin):
    list_display = ("created_at", "portfolio", "owner", "theme", "ok", "duration_ms")
    list_filter = ("ok", "theme")
    search_fields = ("portfolio__id", "owner__email", "error")
    raw_id_fields = ("portfolio", "owner")
