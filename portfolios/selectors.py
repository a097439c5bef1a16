"""Reads: the one ownership helper for portfolios, lists, public lookups and metrics."""
from __future__ import annotations

import statistics
import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Count, QuerySet
from django.urls import reverse

from portfolios.models import Portfolio, PortfolioBuild
from resume2website.errors import NotFound

NOT_FOUND_MESSAGE = "No portfolio with this id."
ACTIVE_STATES = (Portfolio.Status.QUEUED, Portfolio.Status.BUILDING, Portfolio.Status.READY)
METRICS_WINDOW = 1000


def get_portfolio_for_user(*, user, portfolio_id) -> Portfolio:
    """The portfolio when `user` owns it; anyone else (or an unknown id) gets NotFound."""
    try:
        pk = portfolio_id if isinstance(portfolio_id, uuid.UUID) else uuid.UUID(str(portfolio_id))
    except ValueError as exc:
        raise NotFound(NOT_FOUND_MESSAGE) from exc
    portfolio = None
    if user is not None and user.is_authenticated:
        portfolio = Portfolio.objects.select_related("job").filter(pk=pk, owner=user).first()
    if portfolio is None:
        raise NotFound(NOT_FOUND_MESSAGE)
    return portfolio


def portfolio_list(*, user) -> QuerySet[Portfolio]:
    return Portfolio.objects.filter(owner=user).order_by("-created_at")


def active_previews(*, user) -> QuerySet[Portfolio]:
    """Previews that hold a place in the per-user limit: not expired, not failed, not published."""
    return Portfolio.objects.filter(owner=user, status__in=ACTIVE_STATES, published_at__isnull=True)


def _owner_entitled(portfolio: Portfolio | None, *features: str) -> Portfolio | None:
    """The portfolio while its owner's plan includes every feature, else None (the site goes offline)."""
    from payments.selectors import entitlement_active

    if portfolio is None or not all(entitlement_active(user=portfolio.owner, feature=f) for f in features):
        return None
    return portfolio


def portfolio_published(*, slug: str) -> Portfolio | None:
    """The site published at /s/<slug>/, served while its owner's plan includes publishing."""
    portfolio = Portfolio.objects.select_related("owner").filter(slug=slug, published_at__isnull=False).first()
    return _owner_entitled(portfolio, "publish")


def own_host_patterns() -> list[str]:
    """ALLOWED_HOSTS-style patterns of the app's own hosts: SITE_URL's host and its subdomains,
    and every ALLOWED_HOSTS entry but the "*" wildcard (custom domains must not hide behind it)."""
    site_host = (urlsplit(settings.SITE_URL).hostname or "").lower()
    patterns = [h.lower() for h in settings.ALLOWED_HOSTS if h != "*"]
    if site_host:
        patterns += [site_host, "." + site_host]
    return patterns


def portfolio_for_domain(*, host: str) -> Portfolio | None:
    """The published portfolio whose verified custom domain is `host`, while its owner's plan allows it."""
    portfolio = Portfolio.objects.select_related("owner").filter(
        domain=host, domain_verified_at__isnull=False, published_at__isnull=False
    ).first()
    return _owner_entitled(portfolio, "publish", "custom_domain")


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def preview_url(portfolio: Portfolio) -> str:
    return absolute_url(reverse("portfolio-preview", args=[portfolio.id]))


def public_url(portfolio: Portfolio) -> str:
    """Where the published site lives for visitors: the verified domain, Vercel, or /s/<slug>/."""
    if not portfolio.is_published:
        return ""
    if portfolio.domain and portfolio.domain_verified_at:
        return f"https://{portfolio.domain}/"
    if portfolio.deploy_target == Portfolio.DeployTarget.VERCEL and portfolio.deploy_url:
        return portfolio.deploy_url
    return absolute_url(reverse("portfolio-site", args=[portfolio.slug]))


def _percentiles(values: list[float]) -> tuple[float | None, float | None]:
    """p50 and p95 (inclusive method, so one sample is its own percentiles)."""
    if not values:
        return None, None
    if len(values) == 1:
        return round(values[0], 2), round(values[0], 2)
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return round(cuts[49], 2), round(cuts[94], 2)


def portfolio_metrics(*, user=None) -> dict:
    """Previews, builds and their timings: every portfolio for `user=None` (staff), else one user's."""
    portfolios = Portfolio.objects.all() if user is None else Portfolio.objects.filter(owner=user)
    builds = PortfolioBuild.objects.all() if user is None else PortfolioBuild.objects.filter(owner=user)
    by_status = {choice: 0 for choice in Portfolio.Status.values}
    for row in portfolios.values("status").order_by().annotate(n=Count("id")):
        by_status[row["status"]] = row["n"]
    recent = list(builds.order_by("-created_at").values_list("duration_ms", "ok")[:METRICS_WINDOW])
    p50, p95 = _percentiles([ms for ms, ok in recent if ok])
    return {
        "scope": "all" if user is None else "mine",
        "active_previews": portfolios.filter(status__in=ACTIVE_STATES, published_at__isnull=True).count(),
        "published": portfolios.filter(published_at__isnull=False).count(),
        "by_status": by_status,
        "builds": {
            "total": builds.count(),
            "failed": builds.filter(ok=False).count(),
            "p50_ms": p50,
            "p95_ms": p95,
            "window": len(recent),
        },
        "expirations": by_status[Portfolio.Status.EXPIRED],
        "limit_per_user": settings.PREVIEW_MAX_ACTIVE_PER_USER,
    }
