from django.core.management.base import BaseCommand

from monitoring.alerts import alerts_evaluate
from monitoring.logstore import log_buffer_flush


class Command(BaseCommand):
    help = "Evaluate the alert rules now (the scheduler does it every minute) and print each outcome."

    def handle(self, *args, **options):
        outcome = alerts_evaluate()
        log_buffer_flush()
        for rule, state in outcome.items():
            self.stdout.write(f"{rule}: {state}")
