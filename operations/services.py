import logging
from dataclasses import asdict, dataclass, field
from datetime import timedelta

from django.apps import apps
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from operations.models import MaintenanceState
from operations.selectors import stored_file_references, storage_walk
from resume2website import maintenance
from resume2website.errors import ApplicationError

logger = logging.getLogger(__name__)


@transaction.atomic
def maintenance_set(*, enabled: bool, message: str = "", user=None) -> MaintenanceState:
    """Switch maintenance mode on or off for every process; idempotent."""
    state, _ = MaintenanceState.objects.select_for_update().get_or_create(pk=MaintenanceState.SINGLETON_ID)
    state.enabled = enabled
    state.message = message.strip() if enabled else ""
    state.changed_by = user if user is not None and user.is_authenticated else None
    state.full_clean()
    state.save()
    # Cleared now for this process and again after commit, so no process keeps the old value.
    cache.delete(maintenance.CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(maintenance.CACHE_KEY))
    logger.warning("maintenance mode %s", "on" if enabled else "off", extra={"changed_by": str(user or "")})
    return state


# --- cleanup ---------------------------------------------------------------------------------
@dataclass
class CleanupReport:
    dry_run: bool = False
    sessions: int = 0
    cvs: dict = field(default_factory=dict)
    previews: int = 0
    preview_files: int = 0
    orphan_files: list[str] = field(default_factory=list)
    missing_files: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def sessions_clear_expired(*, dry_run: bool = False) -> int:
    """Sessions past their expiry (SESSION_COOKIE_AGE, 7 days): the rows stay until removed."""
    from accounts.authentication import session_store_class

    store = session_store_class()
    if not hasattr(store, "get_model_class"):  # cache-backed sessions expire by themselves
        return 0
    expired = store.get_model_class().objects.filter(expire_date__lt=timezone.now())
    if dry_run:
        return expired.count()
    deleted, _ = expired.delete()
    return deleted


def _older_than(name: str, cutoff) -> bool:
    try:
        return default_storage.get_modified_time(name) < cutoff
    except (OSError, NotImplementedError):
        return False


def stored_files_reconcile(*, dry_run: bool = False, orphan_min_age: timedelta = timedelta(hours=1)) -> tuple[
        list[str], list[dict]]:
    """Delete stored files no row points at, and repair rows whose file is gone.

    Files younger than `orphan_min_age` are left alone: an upload or build may be writing them
    before its row is committed. A CV whose original file is gone keeps its row when it has
    extracted data (only the download is lost) and is deleted when it has none; a portfolio
    whose built files are gone is rebuilt.
    """
    existing = set(storage_walk())
    references = stored_file_references()
    cutoff = timezone.now() - orphan_min_age
    orphans = sorted(name for name in existing - references.keys() if _older_than(name, cutoff))
    if not dry_run:
        for name in orphans:
            default_storage.delete(name)
    rows: dict[tuple[str, object], list[str]] = {}
    for name, row in references.items():
        # Checked again: a file saved after the listing above belongs to a row committed since.
        if name not in existing and not default_storage.exists(name):
            rows.setdefault(row, []).append(name)
    missing = [_missing_file_repair(label, pk, sorted(names), dry_run=dry_run)
               for (label, pk), names in sorted(rows.items(), key=lambda item: str(item[0]))]
    return orphans, missing


def _missing_file_repair(label: str, pk, names: list[str], *, dry_run: bool) -> dict:
    entry = {"model": label, "id": str(pk), "files": names, "action": "reported"}
    model = apps.get_model(label)
    row = model._default_manager.filter(pk=pk).first()
    if row is None:
        entry["action"] = "gone"
    elif label == "cvs.ExtractionJob":
        if row.cv_data is None:
            entry["action"] = "deleted"
            if not dry_run:
                row.delete()
        else:
            entry["action"] = "kept (CV data remains; the original file cannot be downloaded)"
    elif label == "portfolios.Portfolio":
        entry["action"] = "rebuild queued"
        if not dry_run:
            from portfolios.services import portfolio_rebuild

            if row.photo in names:
                model._default_manager.filter(pk=pk).update(photo="")
                row.photo = ""
            try:
                portfolio_rebuild(portfolio=row)
            except ApplicationError as exc:
                entry["action"] = f"rebuild refused: {exc.detail}"
    return entry


def cleanup_run(*, dry_run: bool = False, orphan_min_age: timedelta = timedelta(hours=1)) -> CleanupReport:
    """Everything `manage.py cleanup` does; each owning app's own service does its part."""
    from cvs.services.cleanup import cv_cleanup
    from portfolios.services import portfolio_expire_due

    report = CleanupReport(dry_run=dry_run)
    report.sessions = sessions_clear_expired(dry_run=dry_run)
    report.cvs = cv_cleanup(dry_run=dry_run).as_dict()
    sweep = portfolio_expire_due(dry_run=dry_run)
    report.previews, report.preview_files = len(sweep.expired), sweep.files_deleted
    report.orphan_files, report.missing_files = stored_files_reconcile(dry_run=dry_run, orphan_min_age=orphan_min_age)
    return report
