import json

from django.contrib import admin, messages
from django.utils.html import format_html

from cvs.models import CVVersion, ExtractionCache, ExtractionJob
from resume2website.errors import ApplicationError


def _pretty(data) -> str:
    if data in (None, {}, []):
        return "—"
    return format_html('<pre style="white-space: pre-wrap; max-height: 40em; overflow: auto">{}</pre>',
                       json.dumps(data, ensure_ascii=False, indent=2))


class CVVersionInline(admin.TabularInline):
    model = CVVersion
    extra = 0
    can_delete = False
    fields = ["number", "source", "created_by", "created_at"]
    readonly_fields = fields
    ordering = ["-number"]
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ExtractionJob)
class ExtractionJobAdmin(admin.ModelAdmin):
    list_display = ["original_name", "owner", "status", "file_type", "gate_score", "confidence", "extractor",
                    "from_cache", "attempts", "created_at"]
    list_filter = ["status", "file_type", "extractor", "from_cache", "created_at"]
    search_fields = ["id", "original_name", "owner__email", "sha256", "error"]
    list_select_related = ["owner"]
    date_hierarchy = "created_at"
    readonly_fields = ["id", "owner", "file", "original_name", "file_type", "size", "sha256", "status", "gate_score",
                       "gate_reason", "confidence", "extractor", "from_cache", "error", "attempts", "created_at",
                       "updated_at", "started_at", "finished_at", "cv_readable", "section_confidence_readable",
                       "stats_readable"]
    exclude = ["cv_data", "section_confidence", "stats", "claim_token_hash"]
    inlines = [CVVersionInline]
    actions = ["reextract"]

    @admin.display(description="CV document")
    def cv_readable(self, obj):
        return _pretty(obj.cv_data)

    @admin.display(description="Confidence per section")
    def section_confidence_readable(self, obj):
        return _pretty(obj.section_confidence)

    @admin.display(description="Timings and grounding")
    def stats_readable(self, obj):
        return _pretty(obj.stats)

    @admin.action(description="Re-extract the selected CVs (bypassing the cache)")
    def reextract(self, request, queryset):
        from cvs.services import cv_extraction_start

        started, skipped = 0, []
        for job in queryset:
            try:
                cv_extraction_start(job=job, force=True)
                started += 1
            except ApplicationError as exc:
                skipped.append(f"{job.original_name}: {exc.detail}")
        self.message_user(request, f"{started} CV(s) queued for extraction.", messages.SUCCESS)
        for line in skipped:
            self.message_user(request, line, messages.WARNING)


@admin.register(CVVersion)
class CVVersionAdmin(admin.ModelAdmin):
    list_display = ["job", "number", "source", "created_by", "created_at"]
    list_filter = ["source", "created_at"]
    search_fields = ["job__id", "job__original_name", "job__owner__email"]
    readonly_fields = ["job", "number", "source", "created_by", "created_at", "data_readable"]
    exclude = ["data"]

    @admin.display(description="CV document")
    def data_readable(self, obj):
        return _pretty(obj.data)


@admin.register(ExtractionCache)
class ExtractionCacheAdmin(admin.ModelAdmin):
    list_display = ["sha256", "extractor", "confidence", "hits", "created_at", "last_hit_at"]
    list_filter = ["extractor", "created_at"]
    search_fields = ["sha256"]
    readonly_fields = ["sha256", "extractor", "confidence", "hits", "created_at", "last_hit_at", "cv_readable"]
    exclude = ["cv_data", "section_confidence"]

    @admin.display(description="CV document")
    def cv_readable(self, obj):
        return _pretty(obj.cv_data)
