import io
import json
import zipfile

import pytest
from django.urls import reverse

from tests.cvs import files


def test_download_returns_the_original_bytes_under_the_original_name(alice_client, upload):
    data = files.make_docx()
    job_id = upload(alice_client, name="Maria Jensen CV.docx", data=data).json()["job_id"]

    response = alice_client.get(reverse("cv-download", args=[job_id]))

    assert response.status_code == 200
    assert response.content == data
    assert response["Content-Disposition"] == 'attachment; filename="Maria Jensen CV.docx"'
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_download_all_is_a_zip_of_original_json_and_json_resume(alice_client, done_job):
    response = alice_client.get(reverse("cv-download-all", args=[done_job.id]))

    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == 'attachment; filename="cv.zip"'
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert sorted(archive.namelist()) == ["cv.cv.json", "cv.json-resume.json", "cv.pdf"]
        assert archive.read("cv.pdf") == done_job.file.open("rb").read()
        assert json.loads(archive.read("cv.cv.json")) == done_job.cv_data
        assert json.loads(archive.read("cv.json-resume.json"))["basics"]["name"] == "Maria Jensen"


@pytest.mark.parametrize(("name", "content_type"), [("original", "application/pdf"), ("cv.json", "application/json"),
                                                    ("json-resume.json", "application/json")])
def test_download_by_name_serves_each_file_of_the_fixed_set(alice_client, done_job, name, content_type):
    response = alice_client.get(reverse("cv-download-file", args=[done_job.id, name]))

    assert response.status_code == 200 and response["Content-Type"] == content_type
    if name == "cv.json":
        assert json.loads(response.content) == done_job.cv_data


@pytest.mark.parametrize("name", ["..", "...", "cv.pdf", "settings.py", "%2e%2e", "..%2f..%2fsecret_key",
                                  "..%252fetc%252fpasswd", "%00", "CV.JSON"])
def test_any_other_name_is_404_and_traversal_is_impossible(alice_client, done_job, name):
    response = alice_client.get(f"/api/v1/download/{done_job.id}/{name}")

    assert response.status_code == 404
    assert b"SECRET" not in response.content and b"root:" not in response.content


@pytest.mark.parametrize("path", ["../../var/secret_key", "..%2F..%2Fvar%2Fsecret_key", "cv.json/../../x"])
def test_slashes_never_reach_a_file_name(alice_client, done_job, path):
    response = alice_client.get(f"/api/v1/download/{done_job.id}/{path}")

    assert response.status_code == 404


def test_extracted_files_are_409_until_extraction_finished(anon_client, upload):
    body = upload(anon_client, route="cv-upload-anonymous").json()

    assert anon_client.get(reverse("cv-download-file", args=[body["job_id"], "cv.json"])).status_code == 409
    archive = anon_client.get(reverse("cv-download-all", args=[body["job_id"]]))
    assert archive.status_code == 200  # the anonymous uploader gets the original back
    with zipfile.ZipFile(io.BytesIO(archive.content)) as zipped:
        assert zipped.namelist() == ["cv.pdf"]
