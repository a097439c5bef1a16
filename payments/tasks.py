from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from payments.webhooks import webhook_events_sync

SYNC_WINDOW = timedelta(days=3)


@shared_task
def payment_events_sync_task() -> dict:
    """Beat, hourly: apply Stripe events of the last three days that the webhook did not receive."""
    return webhook_events_sync(since=timezone.now() - SYNC_WINDOW)
