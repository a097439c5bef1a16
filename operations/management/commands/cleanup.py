import json as _json
from datetime import timedelta

from django.core.management.base import BaseCommand

from operations.services import cleanup_run


class Command(BaseCommand):
    help = (
        "Remove what nobody can use any more: expired sessions (older than 7 days), extraction cache "
        "entries older than 30 days, unclaimed and old failed uploads, expired previews, stored files "
        "no row points at; and repair rows whose file is gone. Safe to run repeatedly."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="report what would be removed, change nothing")
        parser.add_argument("--orphan-min-age-hours", type=float, default=1.0,
                            help="leave stored files younger than this alone (default 1)")
        parser.add_argument("--json", action="store_true", help="print the report as JSON")

    def handle(self, *args, dry_run=False, orphan_min_age_hours=1.0, json=False, **options):
        report = cleanup_run(dry_run=dry_run, orphan_min_age=timedelta(hours=orphan_min_age_hours))
        if json:
            self.stdout.write(_json.dumps(report.as_dict(), indent=2))
            return
        self.stdout.write(self.summary(report))

    @staticmethod
    def summary(report) -> str:
        verb = "Would remove" if report.dry_run else "Removed"
        cvs = report.cvs
        lines = [
            f"{verb} {report.sessions} expired session(s)",
            f"{verb} {cvs.get('anonymous_jobs', 0)} unclaimed upload(s), {cvs.get('failed_jobs', 0)} old failed "
            f"job(s), {cvs.get('files', 0)} upload file(s), {cvs.get('cache_entries', 0)} cache entr(ies)",
            f"{'Would expire' if report.dry_run else 'Expired'} {report.previews} preview(s) "
            f"({report.preview_files} file(s))",
            f"{verb} {len(report.orphan_files)} orphan file(s)",
        ]
        lines += [f"  {name}" for name in report.orphan_files]
        lines.append(f"{len(report.missing_files)} row(s) whose file is gone")
        lines += [f"  {m['model']} {m['id']}: {m['action']} ({', '.join(m['files'])})" for m in report.missing_files]
        return "\n".join(lines)
