import pytest
from django.core.cache import cache
from django.core.management import call_command

from operations.models import MaintenanceState
from operations.services import maintenance_set
from resume2website import maintenance
from resume2website.errors import ServiceUnavailable

pytestmark = pytest.mark.django_db


def _command(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("maintenance", *args, stdout=out)
    return out.getvalue().strip()


class TestMaintenanceCommand:
    def test_it_switches_maintenance_on_and_off(self, django_capture_on_commit_callbacks):
        assert _command("status") == "Maintenance mode: off"
        with django_capture_on_commit_callbacks(execute=True):
            assert _command("on", "--message", "Moving to a bigger database") == (
                "Maintenance mode: on (Moving to a bigger database)"
            )
        assert maintenance.maintenance_active()
        assert MaintenanceState.objects.get().enabled
        with django_capture_on_commit_callbacks(execute=True):
            assert _command("off") == "Maintenance mode: off"
        assert not maintenance.maintenance_active()

    def test_it_is_idempotent(self, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            _command("on")
            _command("on")
        assert MaintenanceState.objects.count() == 1
        assert maintenance.maintenance_active()

    def test_status_names_the_setting_when_it_forces_maintenance(self, settings):
        settings.MAINTENANCE_MODE = True
        assert "MAINTENANCE_MODE setting" in _command("status")


class TestMaintenanceGuard:
    def test_it_refuses_new_work_with_the_operators_message(self, django_capture_on_commit_callbacks):
        maintenance.maintenance_guard()
        with django_capture_on_commit_callbacks(execute=True):
            maintenance_set(enabled=True, message="Back at 16:00 UTC")
        with pytest.raises(ServiceUnavailable) as exc:
            maintenance.maintenance_guard()
        assert exc.value.code == "maintenance"
        assert exc.value.detail == "Back at 16:00 UTC"
        assert exc.value.status_code == 503

    def test_the_switch_is_read_from_the_shared_row_not_process_memory(self):
        # Another process switched maintenance on: only the database row changed.
        MaintenanceState.objects.create(pk=MaintenanceState.SINGLETON_ID, enabled=True)
        cache.delete(maintenance.CACHE_KEY)
        assert maintenance.maintenance_active()

    def test_switching_clears_the_cached_state_for_every_process(self, django_capture_on_commit_callbacks):
        assert not maintenance.maintenance_active()  # cached as off
        with django_capture_on_commit_callbacks(execute=True):
            maintenance_set(enabled=True)
        assert maintenance.maintenance_active()

    def test_the_setting_forces_maintenance(self, settings):
        settings.MAINTENANCE_MODE = True
        with pytest.raises(ServiceUnavailable):
            maintenance.maintenance_guard()
