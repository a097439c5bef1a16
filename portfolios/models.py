import uuid

from django.conf import settings
from django.db import models


class Portfolio(models.Model):
    """A website built from one CV with one theme: a preview first, then maybe published."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        BUILDING = "building", "Building"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"
        EXPIRED = "expired", "Expired"

    class DeployTarget(models.TextChoices):
        SELF = "self", "Self-hosted"
        VERCEL = "vercel", "Vercel"

    class DeployStatus(models.TextChoices):
        NONE = "", "Not published"
        DEPLOYING = "deploying", "Deploying"
        LIVE = "live", "Live"
        FAILED = "failed", "Failed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="portfolios")
    job = models.ForeignKey("cvs.ExtractionJob", on_delete=models.CASCADE, related_name="portfolios")
    theme = models.CharField(max_length=32)
    options = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED, db_index=True)
    error = models.CharField(max_length=500, blank=True)
    site_prefix = models.CharField(max_length=200, blank=True, help_text="storage folder of the current build")
    site_files = models.JSONField(default=list, blank=True, help_text="relative paths of the current build")
    photo = models.CharField(max_length=200, blank=True, help_text="storage path of the uploaded photo")
    build_count = models.PositiveIntegerField(default=0)
    last_built_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True, db_index=True)

    slug = models.SlugField(max_length=63, unique=True, null=True, blank=True)
    deploy_target = models.CharField(max_length=8, choices=DeployTarget.choices, blank=True)
    deploy_status = models.CharField(max_length=12, choices=DeployStatus.choices, blank=True, default="")
    deploy_url = models.URLField(max_length=300, blank=True)
    deploy_error = models.CharField(max_length=500, blank=True)
    vercel_deployment_id = models.CharField(max_length=100, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    domain = models.CharField(max_length=253, unique=True, null=True, blank=True)
    domain_token = models.CharField(max_length=64, blank=True)
    domain_verified_at = models.DateTimeField(null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "status"])]

    def __str__(self):
        return f"{self.theme} portfolio {self.id} ({self.status})"

    @property
    def stream(self) -> str:
        return f"portfolio:{self.id}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class PortfolioBuild(models.Model):
    """One build of a portfolio: kept after the portfolio is gone, for build-time metrics."""

    portfolio = models.ForeignKey(Portfolio, null=True, on_delete=models.SET_NULL, related_name="builds")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="portfolio_builds")
    theme = models.CharField(max_length=32)
    ok = models.BooleanField()
    duration_ms = models.FloatField()
    error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"build of {self.portfolio_id} ({'ok' if self.ok else 'failed'}, {self.duration_ms:.0f} ms)"
