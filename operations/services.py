import logging

from django.core.cache import cache
from django.db import transaction

from operations.models import MaintenanceState
from resume2website import maintenance

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
