"""Shared object storage: with a bucket configured, uploads and built sites live in S3
(moto's server on 127.0.0.1), so web and worker processes on different machines see the
same files."""
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cvs.models import ExtractionJob
from tests.cvs.files import make_pdf
from tests.fakes.s3 import S3Server

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def s3_server():
    server = S3Server().start()
    yield server
    server.stop()


@pytest.fixture
def s3(s3_server, settings):
    """The app's default storage switched to a fresh bucket, as base.py does from the environment."""
    bucket = s3_server.create_bucket()
    for name, value in s3_server.env(bucket).items():
        setattr(settings, name, value)
    settings.AWS_DEFAULT_ACL = None
    settings.AWS_QUERYSTRING_AUTH = True
    settings.AWS_S3_FILE_OVERWRITE = False
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "storages.backends.s3.S3Storage"}}
    s3_server.bucket = bucket
    return s3_server


def _keys(s3) -> set[str]:
    listing = s3.client().list_objects_v2(Bucket=s3.bucket)
    return {item["Key"] for item in listing.get("Contents", [])}


def _other_process(s3, code: str, tmp_path) -> str:
    """Run `code` in a new Python process configured only through the environment."""
    env = {**os.environ, **s3.env(s3.bucket), "DJANGO_SETTINGS_MODULE": "resume2website.settings.test",
           "R2W_VAR_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    program = "import django; django.setup()\nfrom django.core.files.storage import default_storage\n" + code
    done = subprocess.run([sys.executable, "-c", program], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip()


def test_web_and_worker_processes_share_files_through_the_bucket(s3, alice_client, settings,
                                                                django_capture_on_commit_callbacks, tmp_path):
    pdf = make_pdf()
    with django_capture_on_commit_callbacks(execute=True):  # the extraction reads the file back from S3
        response = alice_client.post(reverse("cv-upload"), {"file": SimpleUploadedFile("cv.pdf", pdf)},
                                     format="multipart")
    assert response.status_code == 201, response.json()
    job = ExtractionJob.objects.get(pk=response.json()["job_id"])
    assert job.status == ExtractionJob.Status.DONE, job.error
    assert job.file.name in _keys(s3)
    assert s3.client().get_object(Bucket=s3.bucket, Key=job.file.name)["Body"].read() == pdf
    assert not (Path(settings.MEDIA_ROOT) / job.file.name).exists()

    # Another process, configured only by the environment, reads the upload and writes a site file.
    out = _other_process(s3, (
        "import hashlib, json\n"
        "from django.core.files.base import ContentFile\n"
        f"data = default_storage.open({job.file.name!r}, 'rb').read()\n"
        "default_storage.save('sites/shared/index.html', ContentFile(b'<h1>from the worker</h1>'))\n"
        "print(json.dumps([type(default_storage._wrapped).__name__, hashlib.sha256(data).hexdigest()]))"
    ), tmp_path)
    assert json.loads(out) == ["S3Storage", hashlib.sha256(pdf).hexdigest()]
    with default_storage.open("sites/shared/index.html", "rb") as fh:
        assert fh.read() == b"<h1>from the worker</h1>"


def test_downloads_work_from_the_bucket(s3, alice_client, django_capture_on_commit_callbacks):
    pdf = make_pdf()
    with django_capture_on_commit_callbacks(execute=True):
        job_id = alice_client.post(reverse("cv-upload"), {"file": SimpleUploadedFile("cv.pdf", pdf)},
                                   format="multipart").json()["job_id"]
    response = alice_client.get(reverse("cv-download", args=[job_id]))
    assert response.status_code == 200
    assert (b"".join(response.streaming_content) if response.streaming else response.content) == pdf


def test_built_sites_are_stored_in_the_bucket_and_served(s3, alice, alice_client, django_capture_on_commit_callbacks):
    from portfolios.models import Portfolio
    from tests.portfolios.conftest import make_job

    job = make_job(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(reverse("portfolio-generate", args=[job.id]), {"theme": "minimal"},
                                     format="json")
    assert response.status_code == 202, response.content
    portfolio = Portfolio.objects.get(pk=response.json()["id"])
    assert portfolio.status == Portfolio.Status.READY, portfolio.error
    assert f"{portfolio.site_prefix}/index.html" in _keys(s3)
    page = alice_client.get(reverse("portfolio-preview", args=[portfolio.id]))
    assert page.status_code == 200
    content = b"".join(page.streaming_content) if page.streaming else page.content
    assert job.cv_data["hero"]["fullName"].encode() in content


def test_the_orphan_scan_works_on_the_bucket(s3):
    from datetime import timedelta

    from django.core.files.base import ContentFile

    from operations.services import stored_files_reconcile

    name = default_storage.save("uploads/zz/orphan.pdf", ContentFile(b"nobody's"))
    orphans, _ = stored_files_reconcile(orphan_min_age=timedelta(0))
    assert orphans == [name]
    assert name not in _keys(s3)


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_of_files_in_the_bucket(s3, tmp_path):
    from django.core.files.base import ContentFile

    from operations.backup import backup_create, backup_restore

    kept = default_storage.save("uploads/aa/cv.pdf", ContentFile(b"%PDF-1.4 original"))
    result = backup_create(output_dir=tmp_path)
    assert result.files == 1
    default_storage.delete(kept)
    later = default_storage.save("uploads/bb/later.pdf", ContentFile(b"after the backup"))
    backup_restore(archive=result.path)
    assert _keys(s3) == {kept}
    assert s3.client().get_object(Bucket=s3.bucket, Key=kept)["Body"].read() == b"%PDF-1.4 original"
    assert later not in _keys(s3)
