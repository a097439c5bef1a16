from django.contrib import admin, messages

from monitoring import alerts
from monitoring.models import Alert, LogEntry, LogGroup, ProgressEvent, Workflow


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    list_display = ("rule", "severity", "status", "message", "opened_at", "last_seen_at", "resolution")
    list_filter = ("status", "rule", "severity")
    readonly_fields = [f.name for f in Alert._meta.fields]
    actions = ["resolve"]

    @admin.action(description="Resolve the selected open alerts")
    def resolve(self, request, queryset):
        resolved = [alerts.alert_resolve(alert=alert, user=request.user) for alert in queryset.filter(status="open")]
        self.message_user(request, f"{len(resolved)} alert(s) resolved.", messages.SUCCESS)

    def has_add_permission(self, request):
        return False


@admin.register(Workflow)
class WorkflowAdmin(admin.ModelAdmin):
    list_display = ("name", "stream", "status", "started_at", "finished_at", "duration_ms")
    list_filter = ("status", "name")
    search_fields = ("stream", "request_id")
    readonly_fields = [f.name for f in Workflow._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(ProgressEvent)
class ProgressEventAdmin(admin.ModelAdmin):
    list_display = ("stream", "seq", "type", "step", "percent", "message", "created_at")
    list_filter = ("type",)
    search_fields = ("stream", "request_id")
    readonly_fields = [f.name for f in ProgressEvent._meta.fields]

    def has_add_permission(self, request):
        return False


class LogEntryInline(admin.TabularInline):
    model = LogEntry
    fields = ("created_at", "level", "request_id", "message")
    readonly_fields = fields
    extra = 0
    max_num = 0
    ordering = ("-created_at",)


@admin.register(LogGroup)
class LogGroupAdmin(admin.ModelAdmin):
    list_display = ("pattern", "level", "logger", "count", "first_seen", "last_seen")
    list_filter = ("level",)
    search_fields = ("pattern", "logger")
    readonly_fields = [f.name for f in LogGroup._meta.fields]
    inlines = [LogEntryInline]

    def has_add_permission(self, request):
        return False
