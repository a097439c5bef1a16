from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, backup_describe, backup_restore


class Command(BaseCommand):
    help = (
        "Put the database and stored files back exactly as in a backup made by `backup`. Everything "
        "written since is lost: switch `maintenance on` first on a live site."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument("--no-media", action="store_true", help="restore the database only")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, archive, no_media=False, yes=False, **options):
        try:
            manifest = backup_describe(archive=archive)
            self.stdout.write(f"Backup of {manifest['created_at']}: {manifest['engine']} database, "
                              f"{manifest['files']} stored file(s)")
            if not yes and input("Replace the current database and files with it? [y/N] ").strip().lower() != "y":
                raise CommandError("Restore cancelled; nothing was changed.")
            result = backup_restore(archive=archive, include_media=not no_media)
        except BackupError as exc:
            raise CommandError(exc.detail) from exc
        self.stdout.write(f"Restored the {result.engine} database and {result.files} stored file(s); "
                          f"removed {result.removed_files} file(s) written after the backup.")
