"""System checks for what the operators' tools need."""
import shutil

from django.core.checks import Warning, register
from django.db import connection


@register()
def backup_tools_check(app_configs, **kwargs):
    if connection.vendor == "postgresql" and not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        return [Warning(
            "pg_dump / pg_restore are not installed: `manage.py backup` and `restore` cannot run on PostgreSQL.",
            hint="Install the PostgreSQL client tools (Debian: postgresql-client) of the server's version.",
            id="operations.W001",
        )]
    return []
