"""Portfolio services: previews (sites), publishing (self-hosted, Vercel) and custom domains."""
from portfolios.services.domains import domain_records, portfolio_domain_setup, portfolio_domain_verify
from portfolios.services.publishing import portfolio_deploy, portfolio_vercel_deploy, vercel_project_remove
from portfolios.services.sites import (
    portfolio_build,
    portfolio_create,
    portfolio_delete,
    portfolio_expire_due,
    portfolio_export_zip,
    portfolio_photo_set,
    portfolio_rebuild,
    portfolio_rebuild_for_job,
)

__all__ = [
    "domain_records",
    "portfolio_build",
    "portfolio_create",
    "portfolio_delete",
    "portfolio_deploy",
    "portfolio_domain_setup",
    "portfolio_domain_verify",
    "portfolio_expire_due",
    "portfolio_export_zip",
    "portfolio_photo_set",
    "portfolio_rebuild",
    "portfolio_rebuild_for_job",
    "portfolio_vercel_deploy",
    "vercel_project_remove",
]
