"""Serving built sites: previews at /p/<uuid>/, published sites at /s/<slug>/, verified custom domains.

Files come from storage (default_storage) exactly as the builder wrote them; every
response carries a strict Content-Security-Policy. These views never call
request.get_host(), so they are safe to run for a custom domain's Host.
"""
import mimetypes

from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import redirect
from django.template.loader import render_to_string

from portfolios.builder import SITE_CSP
from portfolios.models import Portfolio
from portfolios.selectors import portfolio_published

SERVED_CSP = SITE_CSP + "; frame-ancestors 'self'"
STATUS_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def _secure(response, *, csp: str = SERVED_CSP, index: bool = True):
    response["Content-Security-Policy"] = csp
    response["X-Content-Type-Options"] = "nosniff"
    response["Referrer-Policy"] = "strict-origin-when-cross-origin"
    response["X-Frame-Options"] = "SAMEORIGIN"
    response["Cross-Origin-Opener-Policy"] = "same-origin"
    if not index:
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def site_file_response(request, portfolio: Portfolio, path: str, *, index: bool = True, max_age: int = 0):
    """One file of the portfolio's current build (index.html for the root), or 404."""
    name = path or "index.html"
    if name not in portfolio.site_files:
        raise Http404("No such file on this site.")
    etag = f'"{portfolio.site_prefix.rsplit("/", 1)[-1]}-{name}"'
    if request.headers.get("If-None-Match") == etag:
        return _secure(HttpResponseNotModified(), index=index)
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if content_type.startswith("text/") or content_type == "image/svg+xml":
        content_type += "; charset=utf-8"
    # Site files are small (tens of kB): one read beats a streamed response, above all under ASGI.
    with default_storage.open(f"{portfolio.site_prefix}/{name}", "rb") as fh:
        response = HttpResponse(fh.read(), content_type=content_type)
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={max_age}, must-revalidate" if max_age else "no-cache"
    return _secure(response, index=index)


def _status_page(portfolio: Portfolio) -> HttpResponse:
    """What a preview link shows while the site is not there: building, failed or expired."""
    status = {Portfolio.Status.EXPIRED: 410, Portfolio.Status.FAILED: 503}.get(portfolio.status, 202)
    html = render_to_string("portfolios/preview_status.html", {"portfolio": portfolio})
    response = HttpResponse(html, status=status)
    response["Cache-Control"] = "no-store"
    if status == 202:
        response["Refresh"] = "2"
    return _secure(response, csp=STATUS_PAGE_CSP, index=False)


def preview(request, portfolio_id, path: str = ""):
    """The unguessable preview link: anyone holding it may look, as with a shared draft."""
    portfolio = Portfolio.objects.filter(pk=portfolio_id).only("id", "status", "site_prefix", "site_files").first()
    if portfolio is None:
        raise Http404("No such preview.")
    if portfolio.status == Portfolio.Status.EXPIRED or not portfolio.site_files:
        if path:
            raise Http404("No such file on this site.")
        return _status_page(portfolio)
    return site_file_response(request, portfolio, path, index=False)


def preview_root(request, portfolio_id):
    return redirect("portfolio-preview", portfolio_id=portfolio_id, permanent=True)


def published(request, slug: str, path: str = ""):
    portfolio = portfolio_published(slug=slug)
    if portfolio is None or not portfolio.site_files:
        raise Http404("No site is published at this address.")
    return site_file_response(request, portfolio, path, max_age=60)


def published_root(request, slug: str):
    return redirect("portfolio-site", slug=slug, permanent=True)
