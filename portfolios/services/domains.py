"""Custom domains: validate, register (Vercel or self-hosted host routing), give DNS records, verify."""
from __future__ import annotations

import ipaddress
import secrets
from urllib.parse import urlsplit

import idna
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http.request import validate_host
from django.utils import timezone

from monitoring.services import progress_event_record
from portfolios import dns_check
from portfolios.models import Portfolio
from portfolios.selectors import own_host_patterns
from portfolios.services.publishing import entitlement_require, vercel_project_name
from portfolios.vercel import VercelClient, vercel_configured
from resume2website.errors import ApplicationError, Conflict

TXT_PREFIX = "_resume2website"
TXT_VALUE_PREFIX = "resume2website-verify="
VERCEL_CNAME = "cname.vercel-dns.com"
VERCEL_A = "76.76.21.21"


def domain_clean(name: str) -> str:
    """The domain in its ASCII (IDNA) form, or a 400 saying what is wrong with it."""
    raw = (name or "").strip().rstrip(".").lower()
    for prefix in ("https://", "http://"):
        raw = raw.removeprefix(prefix)
    if not raw or "/" in raw or ":" in raw and not raw.startswith("["):
        raise ApplicationError("Give a domain name such as www.example.com (no scheme, port or path).",
                               code="invalid_domain")
    try:
        ipaddress.ip_address(raw.strip("[]"))
    except ValueError:
        pass
    else:
        raise ApplicationError("Give a domain name, not an IP address.", code="invalid_domain")
    try:
        ascii_name = idna.encode(raw, uts46=True).decode("ascii")
    except idna.IDNAError as exc:
        raise ApplicationError(f"'{name}' is not a valid domain name: {exc}.", code="invalid_domain") from exc
    labels = ascii_name.split(".")
    if len(labels) < 2 or len(ascii_name) > 253 or labels[-1].isdigit():
        raise ApplicationError(f"'{name}' is not a full domain name (e.g. www.example.com).", code="invalid_domain")
    if labels[-1] in ("localhost", "local", "internal", "test", "invalid", "example") or ascii_name == "localhost":
        raise ApplicationError(f"'{name}' cannot be used on the public internet.", code="invalid_domain")
    if validate_host(ascii_name, own_host_patterns()):
        raise ApplicationError("That domain belongs to Resume2Website itself.", code="invalid_domain")
    return ascii_name


def _target() -> tuple[str, str]:
    """The record visitors' DNS must point at: (type, value)."""
    if vercel_configured():
        return "CNAME", VERCEL_CNAME
    host = settings.PORTFOLIO_DOMAIN_TARGET or urlsplit(settings.SITE_URL).hostname or ""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return "CNAME", host.lower()
    return "A", host


def domain_records(portfolio: Portfolio) -> list[dict]:
    """The DNS records the owner must create for the domain."""
    kind, value = _target()
    if kind == "CNAME" and portfolio.domain.count(".") == 1 and vercel_configured():
        kind, value = "A", VERCEL_A
    return [
        {"type": "TXT", "name": f"{TXT_PREFIX}.{portfolio.domain}", "value": TXT_VALUE_PREFIX + portfolio.domain_token,
         "purpose": "proves you own the domain"},
        {"type": kind, "name": portfolio.domain, "value": value, "purpose": "sends visitors to your site"},
    ]


def portfolio_domain_setup(*, portfolio: Portfolio, user, domain: str) -> Portfolio:
    """Attach a domain to a published portfolio; it is served only after `portfolio_domain_verify`."""
    entitlement_require(user=user, feature="custom_domain")
    name = domain_clean(domain)
    if not portfolio.is_published:
        raise Conflict("Publish the site first, then connect your domain to it.", code="not_published")
    if Portfolio.objects.filter(domain=name).exclude(pk=portfolio.pk).exists():
        raise Conflict(f"{name} is already connected to another site.", code="domain_taken")
    if vercel_configured():
        with VercelClient() as client:
            client.add_domain(project=vercel_project_name(portfolio), domain=name)
    try:
        with transaction.atomic():
            locked = Portfolio.objects.select_for_update().get(pk=portfolio.pk)
            if locked.domain != name:
                locked.domain = name
                locked.domain_token = secrets.token_urlsafe(24)
                locked.domain_verified_at = None
                locked.save(update_fields=["domain", "domain_token", "domain_verified_at", "updated_at"])
    except IntegrityError as exc:
        raise Conflict(f"{name} is already connected to another site.", code="domain_taken") from exc
    progress_event_record(stream=locked.stream, type="step", step="domain_added", message=f"{name} added; "
                          "create the DNS records shown, then verify")
    return locked


def portfolio_domain_verify(*, portfolio: Portfolio) -> tuple[Portfolio, list[dict]]:
    """Look the records up; the domain is served once both are found. Returns the per-record checks."""
    if not portfolio.domain:
        raise Conflict("Connect a domain first (setup-custom-domain).", code="no_domain")
    checks = []
    for record in domain_records(portfolio):
        found = dns_check.lookup(record["name"], record["type"])
        expected = record["value"] if record["type"] == "TXT" else record["value"].lower()
        checks.append({**record, "found": found, "ok": expected in found})
    verified = all(c["ok"] for c in checks)
    if verified and vercel_configured():
        with VercelClient() as client:
            verified = bool(client.verify_domain(project=vercel_project_name(portfolio),
                                                 domain=portfolio.domain).get("verified"))
    with transaction.atomic():
        locked = Portfolio.objects.select_for_update().get(pk=portfolio.pk)
        if locked.domain == portfolio.domain:
            locked.domain_verified_at = (locked.domain_verified_at or timezone.now()) if verified else None
            locked.save(update_fields=["domain_verified_at", "updated_at"])
    if verified:
        progress_event_record(stream=locked.stream, type="step", step="domain_verified",
                              message=f"{locked.domain} verified: your site is served there")
    return locked, checks
