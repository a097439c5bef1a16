"""backup → change data → restore → data back, on whichever database the suite runs on
(SQLite by default, PostgreSQL with DATABASE_URL): the real backup tools, committed data."""
import hashlib
import json
import tarfile
from io import BytesIO, StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from cvs.models import ExtractionJob
from operations.backup import backup_create, backup_describe, backup_restore
from tests.factories import UserFactory

User = get_user_model()


def _job(owner, content: bytes) -> ExtractionJob:
    job = ExtractionJob(owner=owner, original_name="cv.pdf", file_type="pdf", size=len(content),
                        sha256=hashlib.sha256(content).hexdigest(), status=ExtractionJob.Status.DONE,
                        cv_data={"hero": {"fullName": owner.name}})
    job.file.save("upload.pdf", ContentFile(content), save=False)
    job.save()
    return job


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_brings_the_data_back(tmp_path):
    alice = UserFactory(email="alice@example.com", name="Alice Example")
    job = _job(alice, b"%PDF-1.4 Alice's CV")
    out = StringIO()
    call_command("backup", "--output-dir", str(tmp_path / "backups"), stdout=out)
    archive = next((tmp_path / "backups").glob("resume2website-*.tar.gz"))
    assert f"Backup written: {archive}" in out.getvalue()
    manifest = backup_describe(archive=archive)
    assert manifest["engine"] == connection.vendor and manifest["files"] == 1

    # Things change after the backup.
    User.objects.filter(pk=alice.pk).update(name="Changed")
    job_id = job.pk
    default_storage.delete(job.file.name)
    job.delete()
    UserFactory(email="later@example.com")
    stray = default_storage.save("uploads/ff/after-backup.pdf", ContentFile(b"new"))

    out = StringIO()
    call_command("restore", str(archive), "--yes", stdout=out)
    assert "Restored the" in out.getvalue()

    assert User.objects.get(email="alice@example.com").name == "Alice Example"
    assert not User.objects.filter(email="later@example.com").exists()
    restored = ExtractionJob.objects.get(pk=job_id)
    assert restored.cv_data == {"hero": {"fullName": "Alice Example"}}
    with default_storage.open(restored.file.name, "rb") as fh:
        assert fh.read() == b"%PDF-1.4 Alice's CV"
    assert not default_storage.exists(stray)
    # The restored database takes new rows as usual (sequences restored too).
    assert UserFactory(email="after-restore@example.com").pk


@pytest.mark.django_db(transaction=True)
def test_the_maintenance_switch_stays_as_the_operator_set_it(tmp_path):
    from operations.services import maintenance_set
    from resume2website.maintenance import maintenance_state

    result = backup_create(output_dir=tmp_path)  # maintenance was off then
    maintenance_set(enabled=True, message="Restoring last night's backup")
    backup_restore(archive=result.path)
    assert maintenance_state()["enabled"] is True
    assert maintenance_state()["message"] == "Restoring last night's backup"


@pytest.mark.django_db(transaction=True)
def test_a_database_only_backup_leaves_files_alone(tmp_path):
    UserFactory(email="alice@example.com")
    name = default_storage.save("uploads/aa/kept.pdf", ContentFile(b"x"))
    result = backup_create(output_dir=tmp_path, include_media=False)
    assert result.files == 0
    backup_restore(archive=result.path)
    assert default_storage.exists(name)


@pytest.mark.django_db(transaction=True)
def test_restore_asks_before_replacing_anything(tmp_path, monkeypatch):
    result = backup_create(output_dir=tmp_path)
    UserFactory(email="kept@example.com")
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    with pytest.raises(CommandError, match="cancelled"):
        call_command("restore", str(result.path), stdout=StringIO())
    assert User.objects.filter(email="kept@example.com").exists()


def _archive(tmp_path, members: dict[str, bytes]):
    path = tmp_path / "forged.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, BytesIO(data))
    return path


@pytest.mark.django_db
def test_it_refuses_what_is_not_a_backup(tmp_path):
    (tmp_path / "junk.tar.gz").write_bytes(b"not a tarball")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("restore", str(tmp_path / "junk.tar.gz"), "--yes")
    with pytest.raises(CommandError, match="not a Resume2Website backup"):
        call_command("restore", str(_archive(tmp_path, {"other.txt": b"hi"})), "--yes")


@pytest.mark.django_db
def test_it_refuses_a_backup_of_another_database_engine(tmp_path):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    manifest = {"format": 1, "engine": other, "database": "database/db", "created_at": "2026-01-01", "files": 0,
                "media": True}
    path = _archive(tmp_path, {"manifest.json": json.dumps(manifest).encode(), "database/db": b""})
    with pytest.raises(CommandError, match=f"backup is of a {other} database"):
        call_command("restore", str(path), "--yes")


@pytest.mark.django_db(transaction=True)
def test_it_refuses_file_names_that_escape_storage(tmp_path):
    good = backup_create(output_dir=tmp_path / "good")
    with tarfile.open(good.path, "r:gz") as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}
    members["media/../../etc/evil"] = b"x"
    with pytest.raises(CommandError, match="unsafe file name"):
        call_command("restore", str(_archive(tmp_path, members)), "--yes")
