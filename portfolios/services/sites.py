"""Preview lifecycle: create, build, rebuild, photo, export, delete, expire."""
from __future__ import annotations

import io
import logging
import time
import uuid
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageOps, UnidentifiedImageError

from monitoring.services import progress_event_record
from portfolios.builder import HIDEABLE_SECTIONS, HEX_COLOR_RE, site_render
from portfolios.models import Portfolio, PortfolioBuild
from portfolios.selectors import active_previews, preview_url, public_url
from portfolios.themes import THEMES
from resume2website.errors import ApplicationError, Conflict
from resume2website.maintenance import maintenance_guard

logger = logging.getLogger(__name__)

PHOTO_SIZE = 480
PHOTO_FORMATS = {"JPEG", "PNG", "WEBP"}


def _queue_build(portfolio: Portfolio) -> None:
    from portfolios.tasks import portfolio_build_task

    pk = str(portfolio.id)
    transaction.on_commit(lambda: portfolio_build_task.delay(pk))


def portfolio_options_clean(*, theme: str, options: dict | None) -> dict:
    """Check a theme name and the site options; the cleaned options or a 400 naming what is wrong."""
    if theme not in THEMES:
        raise ApplicationError(
            f"Unknown theme '{theme}'. Choose one of: {', '.join(THEMES)}.", code="unknown_theme"
        )
    options = options or {}
    unknown = set(options) - {"accent", "hiddenSections"}
    if unknown:
        raise ApplicationError(f"Unknown options: {', '.join(sorted(unknown))}.", code="invalid_options")
    clean: dict = {}
    if options.get("accent"):
        if not isinstance(options["accent"], str) or not HEX_COLOR_RE.match(options["accent"]):
            raise ApplicationError("accent must be a colour like #2563eb.", code="invalid_options")
        clean["accent"] = options["accent"].lower()
    hidden = options.get("hiddenSections") or []
    if not isinstance(hidden, list) or any(s not in HIDEABLE_SECTIONS for s in hidden):
        raise ApplicationError(
            f"hiddenSections must list sections among: {', '.join(HIDEABLE_SECTIONS)}.", code="invalid_options"
        )
    if hidden:
        clean["hiddenSections"] = sorted(set(hidden))
    return clean


def _preview_slot_check(user) -> None:
    """Refuse a new active preview past the per-user limit (the caller holds the user's row lock)."""
    limit = settings.PREVIEW_MAX_ACTIVE_PER_USER
    active = active_previews(user=user).count()
    if active >= limit:
        raise Conflict(
            f"You already have {active} active previews, the most you can keep at once is {limit}. "
            "Delete a preview you no longer need (or wait for one to expire) and try again.",
            code="preview_limit",
            limit=limit,
            active=active,
        )


def _lock_user(user) -> None:
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()


@transaction.atomic
def portfolio_create(*, user, job, theme: str, options: dict | None = None) -> Portfolio:
    """Create a preview of `job`'s CV in `theme` and queue its build."""
    maintenance_guard()
    clean = portfolio_options_clean(theme=theme, options=options)
    if not job.cv_data:
        raise Conflict(
            "This CV has no data yet: wait for its extraction to finish, then generate the site.",
            code="cv_not_ready",
        )
    _lock_user(user)
    _preview_slot_check(user)
    now = timezone.now()
    portfolio = Portfolio(owner=user, job=job, theme=theme, options=clean, expires_at=now + settings.PREVIEW_TTL)
    portfolio.full_clean()
    portfolio.save()
    progress_event_record(stream=portfolio.stream, type="step", step="queued", percent=0,
                          message=f"Preview queued ({THEMES[theme].label} theme)")
    _queue_build(portfolio)
    return portfolio


@transaction.atomic
def portfolio_rebuild(*, portfolio: Portfolio, theme: str | None = None, options: dict | None = None) -> Portfolio:
    """Queue a new build (restart); an expired preview comes back if the user has room for it."""
    maintenance_guard()
    portfolio = Portfolio.objects.select_for_update().get(pk=portfolio.pk)
    if theme is not None or options is not None:
        portfolio.options = portfolio_options_clean(
            theme=theme or portfolio.theme, options=portfolio.options if options is None else options
        )
        portfolio.theme = theme or portfolio.theme
    if not portfolio.is_published and portfolio.status not in (Portfolio.Status.QUEUED, Portfolio.Status.BUILDING,
                                                               Portfolio.Status.READY):
        _lock_user(portfolio.owner)
        _preview_slot_check(portfolio.owner)
    portfolio.status = Portfolio.Status.QUEUED
    portfolio.error = ""
    portfolio.save(update_fields=["theme", "options", "status", "error", "updated_at"])
    progress_event_record(stream=portfolio.stream, type="step", step="queued", percent=0, message="Rebuild queued")
    _queue_build(portfolio)
    return portfolio


def portfolio_rebuild_for_job(*, job) -> int:
    """Queue a rebuild of every live portfolio of this CV (after it was edited); returns how many."""
    count = 0
    with transaction.atomic():
        for portfolio in Portfolio.objects.select_for_update().filter(job=job).exclude(status=Portfolio.Status.EXPIRED):
            portfolio.status = Portfolio.Status.QUEUED
            portfolio.save(update_fields=["status", "updated_at"])
            progress_event_record(stream=portfolio.stream, type="step", step="queued", percent=0,
                                  message="The CV changed: rebuild queued")
            _queue_build(portfolio)
            count += 1
    return count


def _files_write(prefix: str, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        default_storage.save(f"{prefix}/{name}", ContentFile(data))


def _files_delete(prefix: str, names) -> None:
    for name in names:
        try:
            default_storage.delete(f"{prefix}/{name}")
        except OSError:
            logger.warning("could not delete site file", extra={"path": f"{prefix}/{name}"}, exc_info=True)


def _photo_bytes(portfolio: Portfolio) -> bytes | None:
    if not portfolio.photo:
        return None
    with default_storage.open(portfolio.photo, "rb") as fh:
        return fh.read()


def _build_failed(portfolio: Portfolio, started: float, message: str) -> Portfolio:
    duration = (time.perf_counter() - started) * 1000
    with transaction.atomic():
        updated = Portfolio.objects.filter(pk=portfolio.pk).update(
            status=Portfolio.Status.FAILED, error=message[:500], updated_at=timezone.now()
        )
        PortfolioBuild.objects.create(portfolio_id=portfolio.pk if updated else None, owner_id=portfolio.owner_id,
                                      theme=portfolio.theme, ok=False, duration_ms=duration, error=message[:500])
        progress_event_record(stream=portfolio.stream, type="error", step="failed", message=message)
    portfolio.status, portfolio.error = Portfolio.Status.FAILED, message[:500]
    return portfolio


def portfolio_build(*, portfolio_id) -> Portfolio | None:
    """Render the site and store its files; the new build replaces the old one in one row update."""
    portfolio = Portfolio.objects.select_related("job").filter(pk=portfolio_id).first()
    if portfolio is None or portfolio.status == Portfolio.Status.EXPIRED:
        return portfolio
    started = time.perf_counter()
    with transaction.atomic():
        Portfolio.objects.filter(pk=portfolio.pk).update(status=Portfolio.Status.BUILDING, updated_at=timezone.now())
        progress_event_record(stream=portfolio.stream, type="step", step="building", percent=10,
                              message="Rendering your site")
    try:
        files = site_render(cv=portfolio.job.cv_data or {}, theme=portfolio.theme, options=portfolio.options,
                            photo=_photo_bytes(portfolio), site_url=public_url(portfolio))
    except Exception as exc:  # noqa: BLE001 - any render failure is shown to the owner, not lost
        logger.exception("portfolio render failed", extra={"portfolio": str(portfolio.pk)})
        return _build_failed(portfolio, started, f"The site could not be rendered: {exc}")
    prefix = f"sites/{portfolio.pk}/{uuid.uuid4().hex}"
    try:
        _files_write(prefix, files)
    except OSError as exc:
        _files_delete(prefix, files)
        logger.exception("portfolio files could not be stored", extra={"portfolio": str(portfolio.pk)})
        return _build_failed(portfolio, started, f"The site files could not be stored: {exc}")

    with transaction.atomic():
        locked = Portfolio.objects.select_for_update().filter(pk=portfolio.pk).first()
        if locked is None:  # deleted while building
            transaction.on_commit(lambda: _files_delete(prefix, files))
            return None
        old_prefix, old_files = locked.site_prefix, list(locked.site_files)
        now = timezone.now()
        duration = (time.perf_counter() - started) * 1000
        locked.site_prefix, locked.site_files = prefix, sorted(files)
        locked.status, locked.error = Portfolio.Status.READY, ""
        locked.build_count += 1
        locked.last_built_at = now
        locked.expires_at = now + settings.PREVIEW_TTL
        locked.save()
        PortfolioBuild.objects.create(portfolio=locked, owner_id=locked.owner_id, theme=locked.theme, ok=True,
                                      duration_ms=duration)
        progress_event_record(stream=locked.stream, type="complete", step="ready", percent=100,
                              message="Your site is ready",
                              data={"preview_url": preview_url(locked), "build_ms": round(duration, 1)})
        if old_prefix:
            transaction.on_commit(lambda: _files_delete(old_prefix, old_files))
    if locked.deploy_target == Portfolio.DeployTarget.VERCEL and locked.deploy_status in (
        Portfolio.DeployStatus.DEPLOYING, Portfolio.DeployStatus.LIVE
    ):
        from portfolios.services.publishing import portfolio_vercel_redeploy

        portfolio_vercel_redeploy(portfolio=locked)
    return locked


def portfolio_site_files(portfolio: Portfolio) -> dict[str, bytes]:
    """The files of the current build, read back from storage."""
    files = {}
    for name in portfolio.site_files:
        with default_storage.open(f"{portfolio.site_prefix}/{name}", "rb") as fh:
            files[name] = fh.read()
    return files


def portfolio_export_zip(*, portfolio: Portfolio) -> bytes:
    """The built site as a ZIP that works opened from disk or dropped on any static host."""
    if not portfolio.site_files:
        raise Conflict("This site has no build to export yet: restart it and export once it is ready.",
                       code="not_built")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in portfolio_site_files(portfolio).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def portfolio_photo_set(*, portfolio: Portfolio, file) -> Portfolio:
    """Store a profile photo (checked by Pillow, square-cropped, EXIF dropped) and rebuild the site."""
    maintenance_guard()
    if file.size > settings.UPLOAD_MAX_BYTES:
        raise ApplicationError(f"The photo is larger than {settings.UPLOAD_MAX_BYTES // (1024 * 1024)} MB.",
                               code="too_large", status_code=413)
    try:
        with Image.open(file) as probe:
            fmt = probe.format
            probe.verify()
        file.seek(0)
        with Image.open(file) as img:
            if fmt not in PHOTO_FORMATS:
                raise ApplicationError("The photo must be a JPEG, PNG or WebP image.", code="unsupported_image",
                                       status_code=415)
            img = ImageOps.exif_transpose(img)
            img = ImageOps.fit(img.convert("RGB"), (PHOTO_SIZE, PHOTO_SIZE), Image.Resampling.LANCZOS)
            out = io.BytesIO()
            img.save(out, "JPEG", quality=85, optimize=True, progressive=True)
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError) as exc:
        raise ApplicationError("This file is not an image we can read (JPEG, PNG or WebP).",
                               code="unsupported_image", status_code=415) from exc
    path = default_storage.save(f"portfolios/{portfolio.pk}/photo-{uuid.uuid4().hex}.jpg", ContentFile(out.getvalue()))
    old = portfolio.photo
    with transaction.atomic():
        Portfolio.objects.filter(pk=portfolio.pk).update(photo=path)
        portfolio.photo = path
        if old:
            transaction.on_commit(lambda: default_storage.delete(old))
        portfolio = portfolio_rebuild(portfolio=portfolio)
    return portfolio


def portfolio_delete(*, portfolio: Portfolio) -> None:
    """Delete the portfolio, its built files, its photo and its Vercel project."""
    prefix, names, photo = portfolio.site_prefix, list(portfolio.site_files), portfolio.photo
    with transaction.atomic():
        if portfolio.deploy_target == Portfolio.DeployTarget.VERCEL:
            from portfolios.services.publishing import vercel_project_name
            from portfolios.tasks import portfolio_vercel_remove_task

            project = vercel_project_name(portfolio)
            transaction.on_commit(lambda: portfolio_vercel_remove_task.delay(project))
        portfolio.delete()

        def _cleanup():
            if prefix:
                _files_delete(prefix, names)
            if photo:
                default_storage.delete(photo)

        transaction.on_commit(_cleanup)


@dataclass
class SweepReport:
    expired: list[str] = field(default_factory=list)
    files_deleted: int = 0


def portfolio_expire_due(*, now=None, dry_run: bool = False) -> SweepReport:
    """Expire unpublished previews whose time is up and delete their built files."""
    now = now or timezone.now()
    report = SweepReport()
    due = Portfolio.objects.filter(published_at__isnull=True, expires_at__lte=now).exclude(
        status=Portfolio.Status.EXPIRED
    )
    for portfolio in due.only("id", "site_prefix", "site_files"):
        report.expired.append(str(portfolio.id))
        report.files_deleted += len(portfolio.site_files)
        if dry_run:
            continue
        with transaction.atomic():
            locked = Portfolio.objects.select_for_update().filter(pk=portfolio.pk, published_at__isnull=True).first()
            if locked is None:
                continue
            prefix, names = locked.site_prefix, list(locked.site_files)
            locked.status, locked.site_prefix, locked.site_files = Portfolio.Status.EXPIRED, "", []
            locked.save(update_fields=["status", "site_prefix", "site_files", "updated_at"])
            progress_event_record(stream=locked.stream, type="warning", step="expired",
                                  message="This preview expired; restart it to build it again")
            if prefix:
                transaction.on_commit(lambda p=prefix, n=names: _files_delete(p, n))
    return report
