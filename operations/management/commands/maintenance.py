from django.core.management.base import BaseCommand

from operations.services import maintenance_set
from resume2website.maintenance import maintenance_state


class Command(BaseCommand):
    help = (
        "Switch maintenance mode on or off for every web and worker process, or show it. "
        "While on, new uploads and builds answer 503; reads and jobs already running go on."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["on", "off", "status"])
        parser.add_argument("--message", default="", help="Message shown to users while maintenance is on.")

    def handle(self, *args, action, message, **options):
        if action != "status":
            maintenance_set(enabled=action == "on", message=message)
        self.stdout.write(self.describe(maintenance_state()))

    @staticmethod
    def describe(state: dict) -> str:
        if not state["enabled"]:
            return "Maintenance mode: off"
        if state["source"] == "setting":
            return "Maintenance mode: on (MAINTENANCE_MODE setting; unset it and restart to switch off)"
        return f"Maintenance mode: on ({state['message']})"
