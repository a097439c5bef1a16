"""Delete extraction cache entries."""
from django.core.management.base import BaseCommand

from cvs.services import cache_clear


class Command(BaseCommand):
    help = "Delete extraction cache entries (all, or those older than --older-than DAYS)."

    def add_arguments(self, parser):
        parser.add_argument("--older-than", type=int, metavar="DAYS", dest="older_than")
        parser.add_argument("--dry-run", action="store_true", help="Count what would be deleted; delete nothing.")

    def handle(self, *args, older_than=None, dry_run=False, **options):
        count = cache_clear(older_than_days=older_than, dry_run=dry_run)
        verb = "Would delete" if dry_run else "Deleted"
        scope = f" older than {older_than} days" if older_than is not None else ""
        self.stdout.write(f"{verb} {count} cache entr{'y' if count == 1 else 'ies'}{scope}.")
