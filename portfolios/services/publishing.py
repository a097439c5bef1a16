"""Publishing: self-hosted at /s/<slug>/ and, when VERCEL_TOKEN is set, a Vercel deployment."""
from __future__ import annotations

import logging
import re

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from monitoring.services import progress_event_record
from portfolios.models import Portfolio
from portfolios.selectors import public_url
from portfolios.services.sites import portfolio_rebuild, portfolio_site_files
from portfolios.vercel import VercelClient, VercelError, vercel_configured
from resume2website.errors import ApplicationError, Conflict, PaymentRequired
from resume2website.maintenance import maintenance_guard

logger = logging.getLogger(__name__)

SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$")
RESERVED_SLUGS = frozenset(
    "about account accounts admin api app assets auth billing blog checkout dashboard docs download edit "
    "health help home login logout media metrics new null p pricing privacy r2w resume2website root s "
    "settings signup static status support terms undefined upload user users www".split()
)


def entitlement_require(*, user, feature: str) -> None:
    """402 unless the user has paid for `feature` ("publish" or "custom_domain")."""
    from payments.selectors import entitlement_active

    if not entitlement_active(user=user, feature=feature):
        what = "Publishing your site" if feature == "publish" else "Connecting your own domain"
        raise PaymentRequired(f"{what} needs a paid plan. Choose a plan, then try again.", feature=feature)


def slug_clean(slug: str) -> str:
    slug = (slug or "").strip().lower()
    if not SLUG_RE.match(slug) or "--" in slug:
        raise ApplicationError(
            "The address must be 3–63 characters: lowercase letters, digits and single hyphens, "
            "starting and ending with a letter or digit.",
            code="invalid_slug",
        )
    if slug in RESERVED_SLUGS:
        raise ApplicationError(f"'{slug}' is reserved; please choose another address.", code="slug_reserved")
    return slug


def vercel_project_name(portfolio: Portfolio) -> str:
    return f"r2w-{portfolio.slug}"


def portfolio_deploy(*, portfolio: Portfolio, user, slug: str | None = None) -> Portfolio:
    """Publish at /s/<slug>/; with Vercel configured, also queue a Vercel deployment."""
    maintenance_guard()
    entitlement_require(user=user, feature="publish")
    if not slug and not portfolio.slug:
        raise ApplicationError("Choose the address of your site (slug), e.g. 'ada-lovelace'.", code="slug_required")
    slug = slug_clean(slug) if slug else portfolio.slug
    if portfolio.status != Portfolio.Status.READY and not portfolio.site_files:
        raise Conflict(f"The site is not built yet (status: {portfolio.status}); publish it once it is ready.",
                       code="not_ready")
    if Portfolio.objects.filter(slug=slug).exclude(pk=portfolio.pk).exists():
        raise Conflict(f"The address '{slug}' is taken; please choose another.", code="slug_taken")
    use_vercel = vercel_configured()
    try:
        with transaction.atomic():
            locked = Portfolio.objects.select_for_update().get(pk=portfolio.pk)
            locked.slug = slug
            locked.published_at = locked.published_at or timezone.now()
            locked.deploy_error = ""
            if use_vercel:
                locked.deploy_target = Portfolio.DeployTarget.VERCEL
                locked.deploy_status = Portfolio.DeployStatus.DEPLOYING
            else:
                locked.deploy_target = Portfolio.DeployTarget.SELF
                locked.deploy_status = Portfolio.DeployStatus.LIVE
                locked.deploy_url = public_url(locked)
            locked.save()
    except IntegrityError as exc:
        raise Conflict(f"The address '{slug}' is taken; please choose another.", code="slug_taken") from exc
    progress_event_record(stream=locked.stream, type="step", step="published", percent=100,
                          message=f"Published at {public_url(locked)}", data={"url": public_url(locked)})
    # Rebuild so the page's canonical and Open Graph URLs name its public address; a Vercel
    # deployment follows that build.
    return portfolio_rebuild(portfolio=locked)


def portfolio_vercel_redeploy(*, portfolio: Portfolio) -> None:
    from portfolios.tasks import portfolio_vercel_deploy_task

    Portfolio.objects.filter(pk=portfolio.pk).update(deploy_status=Portfolio.DeployStatus.DEPLOYING)
    pk = str(portfolio.pk)
    transaction.on_commit(lambda: portfolio_vercel_deploy_task.delay(pk))


def portfolio_vercel_deploy(*, portfolio_id) -> Portfolio | None:
    """Upload the current build to Vercel, create the deployment and wait until it is READY."""
    portfolio = Portfolio.objects.filter(pk=portfolio_id).first()
    if portfolio is None or not portfolio.site_files:
        return portfolio
    progress_event_record(stream=portfolio.stream, type="step", step="deploying", percent=70,
                          message="Uploading to Vercel")
    try:
        with VercelClient() as client:
            created = client.create_deployment(name=vercel_project_name(portfolio),
                                               files=portfolio_site_files(portfolio))
            Portfolio.objects.filter(pk=portfolio.pk).update(vercel_deployment_id=created["id"])
            deployment = created
            if created.get("readyState") not in ("READY", "ERROR", "CANCELED"):
                deployment = client.wait_ready(created["id"], timeout=settings.VERCEL_DEPLOY_TIMEOUT,
                                               interval=settings.VERCEL_POLL_INTERVAL)
    except VercelError as exc:
        return _deploy_failed(portfolio, exc.detail)
    if deployment.get("readyState") != "READY":
        return _deploy_failed(portfolio, f"Vercel reported the deployment as {deployment.get('readyState')}.")
    url = deployment.get("url") or ""
    url = url if url.startswith("https://") else f"https://{url}"
    Portfolio.objects.filter(pk=portfolio.pk).update(
        deploy_target=Portfolio.DeployTarget.VERCEL, deploy_status=Portfolio.DeployStatus.LIVE, deploy_url=url,
        deploy_error="",
        vercel_deployment_id=deployment.get("id", ""), updated_at=timezone.now(),
    )
    progress_event_record(stream=portfolio.stream, type="complete", step="deployed", percent=100,
                          message=f"Live on Vercel at {url}", data={"url": url})
    portfolio.refresh_from_db()
    return portfolio


def vercel_project_remove(*, project: str) -> None:
    """Take a deleted portfolio's site off Vercel."""
    with VercelClient() as client:
        client.delete_project(project)


def _deploy_failed(portfolio: Portfolio, message: str) -> Portfolio:
    logger.warning("vercel deployment failed", extra={"portfolio": str(portfolio.pk), "reason": message})
    Portfolio.objects.filter(pk=portfolio.pk).update(deploy_status=Portfolio.DeployStatus.FAILED,
                                                     deploy_error=message[:500], updated_at=timezone.now())
    progress_event_record(stream=portfolio.stream, type="error", step="deploy_failed", message=message)
    portfolio.refresh_from_db()
    return portfolio
