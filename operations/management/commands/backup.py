from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Write a consistent backup (database + stored files) to one .tar.gz while the site keeps "
        "running: SQLite's online backup API, or pg_dump on PostgreSQL. Restore it with `restore`."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", type=Path, help="folder for the archive (default BACKUP_DIR)")
        parser.add_argument("--no-media", action="store_true", help="database only, without stored files")

    def handle(self, *args, output_dir=None, no_media=False, **options):
        try:
            result = backup_create(output_dir=output_dir, include_media=not no_media)
        except BackupError as exc:
            raise CommandError(exc.detail) from exc
        self.stdout.write(f"Backup written: {result.path}")
        self.stdout.write(f"{result.engine} database, {result.files} stored file(s), {result.size:,} bytes")
