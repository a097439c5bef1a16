from django.conf import settings
from django.db import models


class MaintenanceState(models.Model):
    """The one row that says whether the site is in maintenance, shared by every process."""

    SINGLETON_ID = 1

    enabled = models.BooleanField(default=False)
    message = models.CharField(
        max_length=300, blank=True, help_text="Shown to users instead of the default maintenance message."
    )
    changed_at = models.DateTimeField(auto_now=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "maintenance mode"
        verbose_name_plural = "maintenance mode"

    def __str__(self):
        return "Maintenance on" if self.enabled else "Maintenance off"
