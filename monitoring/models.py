import uuid

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
