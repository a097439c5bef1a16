from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from payments.webhooks import webhook_events_sync


class Command(BaseCommand):
    help = "Fetch recent Stripe events through the API and apply those the webhook missed (each applies once)."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=72, help="How far back to look (Stripe keeps 30 days).")

    def handle(self, *args, hours: int, **options):
        result = webhook_events_sync(since=timezone.now() - timedelta(hours=hours))
        if not result["configured"]:
            self.stderr.write("Payments are not configured (STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET).")
            return
        self.stdout.write(f"{result['fetched']} event(s) fetched, {result['applied']} newly applied.")
