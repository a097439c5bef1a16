from django.core.management.base import BaseCommand

from monitoring.cleanup import monitoring_cleanup


class Command(BaseCommand):
    help = "Delete progress events and workflow runs, stored logs and sessions past their retention; print counts."

    def handle(self, *args, **options):
        counts = monitoring_cleanup()
        for name, count in counts.items():
            self.stdout.write(f"{name}: {'unknown' if count is None else count} deleted")
