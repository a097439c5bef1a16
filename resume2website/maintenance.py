"""Maintenance mode: new uploads and builds are refused with 503 while reads keep working."""
from django.conf import settings
from django.core.cache import cache

from resume2website.errors import ServiceUnavailable

CACHE_KEY = "maintenance_mode"


def maintenance_active() -> bool:
    return bool(settings.MAINTENANCE_MODE or cache.get(CACHE_KEY))


def maintenance_guard() -> None:
    """Call at the start of any service that starts new work (upload, extraction, build, deploy)."""
    if maintenance_active():
        raise ServiceUnavailable(
            "Resume2Website is in maintenance: new uploads and builds are paused for a few minutes. "
            "Everything you already have stays readable; please try again shortly.",
            code="maintenance",
        )
