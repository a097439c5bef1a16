import uuid

from django.conf import settings
from django.db import models


class ProgressEvent(models.Model):
    """One step of real work on a stream (an extraction job, a portfolio build, a workflow).

    Rows are the source of truth: streams replay them by `seq` (the SSE `id:`), and a
    channel-layer message after commit only wakes listeners up.
    """

    class Type(models.TextChoices):
        PROGRESS = "progress"
        STEP = "step"
        COMPLETE = "complete"
        ERROR = "error"
        WARNING = "warning"
        HEARTBEAT = "heartbeat"

    stream = models.CharField(max_length=80, help_text='e.g. "cv:<uuid>", "portfolio:<uuid>"')
    seq = models.PositiveIntegerField()
    type = models.CharField(max_length=16, choices=Type.choices)
    step = models.CharField(max_length=64, blank=True)
    percent = models.PositiveSmallIntegerField(null=True, blank=True)
    message = models.CharField(max_length=500, blank=True)
    data = models.JSONField(default=dict, blank=True)
    request_id = models.CharField(max_length=128, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["stream", "seq"]
        constraints = [models.UniqueConstraint(fields=["stream", "seq"], name="progress_event_stream_seq")]

    def __str__(self):
        return f"{self.stream}#{self.seq} {self.type} {self.step}"

    def as_dict(self) -> dict:
        return {
            "id": self.seq,
            "type": self.type,
            "step": self.step,
            "percent": self.percent,
            "message": self.message,
            "data": self.data,
            "timestamp": self.created_at.isoformat() if self.created_at else None,
        }


def stream_name(kind: str, obj_id: uuid.UUID | str) -> str:
    return f"{kind}:{obj_id}"


class Workflow(models.Model):
    """One run of a multi-step operation on a stream, derived from its progress events.

    A run opens with the first event after the previous run ended (or when started through
    the workflows API) and closes with a `complete` or `error` event; its steps, timings
    and logs are the events between `start_seq` and `end_seq`.
    """

    class Status(models.TextChoices):
        PENDING = "pending"
        RUNNING = "running"
        COMPLETED = "completed"
        FAILED = "failed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=32, help_text="extraction, portfolio_build, deploy, ...")
    stream = models.CharField(max_length=80)
    start_seq = models.PositiveIntegerField()
    end_seq = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    request_id = models.CharField(max_length=128, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True, db_index=True)
    duration_ms = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["stream", "-start_seq"]), models.Index(fields=["name", "finished_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["stream"],
                condition=models.Q(finished_at__isnull=True),
                name="workflow_one_open_run_per_stream",
            )
        ]

    def __str__(self):
        return f"{self.name} {self.stream} ({self.status})"


class Alert(models.Model):
    """An operations rule that held: opened once, open while the rule holds, then resolved."""

    class Status(models.TextChoices):
        OPEN = "open"
        RESOLVED = "resolved"

    class Resolution(models.TextChoices):
        RECOVERED = "recovered"
        STAFF = "staff"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    rule = models.CharField(max_length=32)
    severity = models.CharField(max_length=16, default="warning")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    message = models.CharField(max_length=500)
    data = models.JSONField(default=dict, blank=True)
    opened_at = models.DateTimeField(auto_now_add=True)
    last_seen_at = models.DateTimeField()
    cleared_at = models.DateTimeField(null=True, blank=True, help_text="when the rule stopped holding")
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution = models.CharField(max_length=16, choices=Resolution.choices, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-opened_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule"], condition=models.Q(cleared_at__isnull=True), name="alert_one_live_per_rule"
            )
        ]

    def __str__(self):
        return f"{self.rule} ({self.status})"


class LogGroup(models.Model):
    """Warnings and errors that share a normalised message (numbers, uuids and hex stripped)."""

    fingerprint = models.CharField(max_length=40, unique=True)
    logger = models.CharField(max_length=200)
    level = models.CharField(max_length=16)
    pattern = models.CharField(max_length=500)
    count = models.PositiveBigIntegerField(default=0)
    first_seen = models.DateTimeField()
    last_seen = models.DateTimeField(db_index=True)
    example = models.TextField(blank=True)

    class Meta:
        ordering = ["-last_seen"]

    def __str__(self):
        return f"[{self.level}] {self.pattern} x{self.count}"


class LogEntry(models.Model):
    """One stored warning or error, kept for LOG_RETENTION_DAYS."""

    group = models.ForeignKey(LogGroup, on_delete=models.CASCADE, related_name="entries")
    level = models.CharField(max_length=16)
    logger = models.CharField(max_length=200)
    message = models.TextField()
    request_id = models.CharField(max_length=128, blank=True, db_index=True)
    exception = models.TextField(blank=True)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "log entries"

    def __str__(self):
        return f"[{self.level}] {self.message[:80]}"
