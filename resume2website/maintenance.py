"""Maintenance mode: new uploads and builds are refused with 503 while reads keep working.

It is on when settings.MAINTENANCE_MODE is set, or when an operator switches it on (the
admin toggle or `manage.py maintenance on`). The operator's switch is one database row
(operations.MaintenanceState) shared by every web and worker process; it is read through
the shared cache, which the switch clears, so every process sees a change at once.
Work that has already started (a queued extraction, a running build) is not interrupted.
"""
from django.conf import settings
from django.core.cache import cache as default_cache

from resume2website.cache import FailOpenCache
from resume2website.errors import ServiceUnavailable

cache = FailOpenCache(default_cache, consequence="maintenance state is read from the database")

CACHE_KEY = "operations:maintenance-state"
CACHE_SECONDS = 10
DEFAULT_MESSAGE = (
    "Resume2Website is in maintenance: new uploads and builds are paused for a few minutes. "
    "Everything you already have stays readable; please try again shortly."
)


def maintenance_state() -> dict:
    """{"enabled", "source" ("setting" | "switch" | None), "message"} as every process sees it."""
    if settings.MAINTENANCE_MODE:
        return {"enabled": True, "source": "setting", "message": DEFAULT_MESSAGE}
    state = cache.get(CACHE_KEY)
    if state is None:
        from operations.models import MaintenanceState

        row = MaintenanceState.objects.filter(pk=MaintenanceState.SINGLETON_ID).first()
        enabled = bool(row and row.enabled)
        state = {
            "enabled": enabled,
            "source": "switch" if enabled else None,
            "message": (row.message if row and row.message else DEFAULT_MESSAGE),
        }
        cache.set(CACHE_KEY, state, CACHE_SECONDS)
    return state


def maintenance_active() -> bool:
    return maintenance_state()["enabled"]


def maintenance_guard() -> None:
    """Call at the start of any service that starts new work (upload, extraction, build, deploy)."""
    state = maintenance_state()
    if state["enabled"]:
        raise ServiceUnavailable(state["message"], code="maintenance")
