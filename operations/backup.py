"""Backups: one .tar.gz holding a consistent copy of the database and every stored file.

The database is copied first, consistently while the app keeps running: SQLite through its
online backup API (sqlite3.Connection.backup), PostgreSQL with `pg_dump --format=custom`.
Stored files (uploads, built sites, photos) are then read through Django's storage API, so
local disk and S3 are backed up alike. A restore puts both back exactly as they were: the
database through the same tools (backup API / `pg_restore --clean`), and storage made to
match the archive. Switch maintenance on before restoring a live site; the switch stays as
the operator set it, whatever it was in the backup.
"""
from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone

from operations.models import MaintenanceState
from operations.selectors import storage_walk
from operations.services import maintenance_set
from resume2website.errors import ApplicationError

FORMAT = 1
MANIFEST = "manifest.json"
DUMP_TIMEOUT_SECONDS = 3600


class BackupError(ApplicationError):
    code = "backup_failed"


@dataclass
class BackupResult:
    path: Path
    engine: str
    files: int
    size: int


@dataclass
class RestoreResult:
    engine: str
    created_at: str
    files: int
    removed_files: int


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


def _pg_env() -> dict:
    s = connection.settings_dict
    env = {**os.environ, "PGDATABASE": s["NAME"]}
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if s.get(key):
            env[var] = str(s[key])
    return env


def _run(command: list[str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed; install the PostgreSQL client tools.")
    done = subprocess.run(command, env=_pg_env(), capture_output=True, text=True, timeout=DUMP_TIMEOUT_SECONDS)
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[-1000:]}")


def _database_dump(folder: Path, engine: str) -> Path:
    if connection.in_atomic_block:
        raise BackupError("A backup copies committed data only: run it outside a transaction.")
    if engine == "sqlite":
        target = folder / "db.sqlite3"
        connection.ensure_connection()
        dest = sqlite3.connect(target)
        try:
            connection.connection.backup(dest)
        finally:
            dest.close()
        return target
    target = folder / "db.pgdump"
    _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"])
    return target


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    tar.addfile(info, io.BytesIO(data))


def backup_create(*, output_dir: Path | None = None, include_media: bool = True) -> BackupResult:
    """Write resume2website-<UTC time>.tar.gz into `output_dir` (default BACKUP_DIR)."""
    engine = _engine()
    output_dir = Path(output_dir or settings.BACKUP_DIR)
    output_dir.mkdir(parents=True, exist_ok=True)
    created = timezone.now()
    path = output_dir / f"resume2website-{created:%Y%m%d-%H%M%S-%f}.tar.gz"
    partial = path.with_name(path.name + ".partial")
    files = 0
    try:
        with tempfile.TemporaryDirectory() as tmp, tarfile.open(partial, "w:gz") as tar:
            dump = _database_dump(Path(tmp), engine)
            tar.add(dump, arcname=f"database/{dump.name}")
            if include_media:
                for name in storage_walk():
                    with default_storage.open(name, "rb") as fh:
                        _add_bytes(tar, f"media/{name}", fh.read())
                    files += 1
            manifest = {"format": FORMAT, "engine": engine, "database": f"database/{dump.name}",
                        "created_at": created.isoformat(), "files": files, "media": include_media}
            _add_bytes(tar, MANIFEST, json.dumps(manifest, indent=2).encode())
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return BackupResult(path=path, engine=engine, files=files, size=path.stat().st_size)


def _media_name(member: str) -> str:
    name = member.removeprefix("media/")
    parts = PurePosixPath(name).parts
    if not name or name.startswith("/") or ".." in parts or "\\" in name:
        raise BackupError(f"Refusing an unsafe file name in the backup: {member!r}.")
    return name


def _manifest(tar: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(tar.extractfile(MANIFEST))
    except (KeyError, ValueError, TypeError) as exc:
        raise BackupError("This is not a Resume2Website backup (no readable manifest.json).") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unsupported backup format {manifest.get('format')!r}.")
    return manifest


def backup_describe(*, archive: Path) -> dict:
    try:
        with tarfile.open(archive, "r:gz") as tar:
            return _manifest(tar)
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(f"Cannot read {archive}: {exc}") from exc


def _database_restore(tar: tarfile.TarFile, manifest: dict, engine: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / PurePosixPath(manifest["database"]).name
        source = tar.extractfile(manifest["database"])
        if source is None:
            raise BackupError("The backup has no database copy.")
        with open(dump, "wb") as out:
            shutil.copyfileobj(source, out)
        connection.close()
        if engine == "sqlite":
            src = sqlite3.connect(dump)
            try:
                connection.ensure_connection()
                src.backup(connection.connection)
            finally:
                src.close()
        else:
            _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
                  f"--dbname={connection.settings_dict['NAME']}", str(dump)])
    connection.close()


def _media_restore(tar: tarfile.TarFile) -> tuple[int, int]:
    wanted: set[str] = set()
    for member in tar.getmembers():
        if not member.name.startswith("media/") or not member.isfile():
            continue
        name = _media_name(member.name)
        wanted.add(name)
        data = tar.extractfile(member).read()
        if default_storage.exists(name):
            default_storage.delete(name)
        saved = default_storage.save(name, ContentFile(data))
        if saved != name:
            raise BackupError(f"Storage renamed {name} to {saved} while restoring.")
    extra = [name for name in storage_walk() if name not in wanted]
    for name in extra:
        default_storage.delete(name)
    return len(wanted), len(extra)


def backup_restore(*, archive: Path, include_media: bool = True) -> RestoreResult:
    """Put the database (and, unless told otherwise, stored files) back as in `archive`."""
    engine = _engine()
    try:
        with tarfile.open(archive, "r:gz") as tar:
            manifest = _manifest(tar)
            if manifest["engine"] != engine:
                raise BackupError(f"This backup is of a {manifest['engine']} database; this site runs on {engine}.")
            switch = MaintenanceState.objects.filter(pk=MaintenanceState.SINGLETON_ID).first()
            _database_restore(tar, manifest, engine)
            # The maintenance switch stays as the operator set it, not as it was in the backup.
            maintenance_set(enabled=bool(switch and switch.enabled), message=switch.message if switch else "")
            files, removed = _media_restore(tar) if include_media and manifest.get("media") else (0, 0)
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(f"Cannot read {archive}: {exc}") from exc
    cache.clear()  # cached rows and flags describe the database that was replaced
    return RestoreResult(engine=engine, created_at=manifest["created_at"], files=files, removed_files=removed)
