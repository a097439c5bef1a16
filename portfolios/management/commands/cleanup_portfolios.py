from django.core.management.base import BaseCommand

from portfolios.services import portfolio_expire_due


class Command(BaseCommand):
    help = "Expire previews whose time is up (PREVIEW_TTL after their last build) and delete their files."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="list what would expire, change nothing")

    def handle(self, *args, dry_run=False, **options):
        report = portfolio_expire_due(dry_run=dry_run)
        verb = "Would expire" if dry_run else "Expired"
        for portfolio_id in report.expired:
            self.stdout.write(f"{verb} {portfolio_id}")
        self.stdout.write(f"{verb} {len(report.expired)} preview(s), {report.files_deleted} file(s).")
