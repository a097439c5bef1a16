from django.contrib import admin
from django.http import HttpResponseRedirect
from django.urls import reverse

from operations.models import MaintenanceState
from operations.services import maintenance_set


@admin.register(MaintenanceState)
class MaintenanceStateAdmin(admin.ModelAdmin):
    """The maintenance switch: one row, edited in place; saving goes through the service so
    every process sees the change at once."""

    fields = ["enabled", "message", "changed_at", "changed_by"]
    readonly_fields = ["changed_at", "changed_by"]
    list_display = ["__str__", "message", "changed_at", "changed_by"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        state, _ = MaintenanceState.objects.get_or_create(pk=MaintenanceState.SINGLETON_ID)
        return HttpResponseRedirect(reverse("admin:operations_maintenancestate_change", args=[state.pk]))

    def save_model(self, request, obj, form, change):
        saved = maintenance_set(enabled=obj.enabled, message=obj.message, user=request.user)
        obj.changed_at, obj.changed_by = saved.changed_at, saved.changed_by
