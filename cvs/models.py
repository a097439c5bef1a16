import uuid

from django.conf import settings
from django.db import models


def upload_path(instance, filename):
    """Uploads are stored under a random name; the original name is kept only as data."""
    ext = instance.file_type or "bin"
    return f"uploads/{instance.id.hex[:2]}/{uuid.uuid4().hex}.{ext}"


class ExtractionJob(models.Model):
    """One uploaded CV file and everything read from it."""

    class Status(models.TextChoices):
        UPLOADED = "uploaded", "Uploaded (waiting for sign-up)"
        QUEUED = "queued", "Queued"
        PROCESSING = "processing", "Processing"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="cv_jobs"
    )
    claim_token_hash = models.CharField(max_length=64, blank=True, help_text="SHA-256 of the anonymous claim token")
    file = models.FileField(upload_to=upload_path, max_length=255)
    original_name = models.CharField(max_length=255)
    file_type = models.CharField(max_length=8)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64, db_index=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED, db_index=True)
    gate_score = models.PositiveSmallIntegerField(null=True, blank=True)
    gate_reason = models.CharField(max_length=500, blank=True)
    cv_data = models.JSONField(null=True, blank=True)
    confidence = models.FloatField(null=True, blank=True)
    section_confidence = models.JSONField(default=dict, blank=True)
    extractor = models.CharField(max_length=16, blank=True)
    from_cache = models.BooleanField(default=False)
    error = models.CharField(max_length=500, blank=True)
    stats = models.JSONField(default=dict, blank=True, help_text="timings, grounding counts")
    attempts = models.PositiveSmallIntegerField(default=0)
    version = models.PositiveIntegerField(null=True, blank=True, editable=False,
                                          help_text="Number of the current CVVersion (None before the first)")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "-created_at"])]

    def __str__(self):
        return f"{self.original_name} ({self.status})"

    @property
    def stream(self) -> str:
        return f"cv:{self.id}"

    @property
    def is_anonymous(self) -> bool:
        return self.owner_id is None


class CVVersion(models.Model):
    """One saved state of a job's CV document: the extraction, then every edit or restore."""

    job = models.ForeignKey(ExtractionJob, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    data = models.JSONField()
    source = models.CharField(max_length=32, help_text='"extraction", "edit", "json-resume", "restore:<n>"')
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["job", "-number"]
        constraints = [models.UniqueConstraint(fields=["job", "number"], name="cv_version_job_number")]

    def __str__(self):
        return f"{self.job_id} v{self.number} ({self.source})"


class ExtractionCache(models.Model):
    """A confident extraction result, reused for identical file bytes (keyed by SHA-256)."""

    sha256 = models.CharField(max_length=64, unique=True)
    cv_data = models.JSONField()
    confidence = models.FloatField()
    section_confidence = models.JSONField(default=dict, blank=True)
    extractor = models.CharField(max_length=16)
    hits = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    last_hit_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "extraction cache entries"

    def __str__(self):
        return f"{self.sha256[:12]} ({self.extractor}, {self.confidence:.2f})"
