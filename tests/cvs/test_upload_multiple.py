from django.urls import reverse

from cvs.models import ExtractionJob
from cvs.services import UPLOAD_MULTIPLE_MAX_FILES
from tests.cvs import files
from tests.cvs.conftest import file_upload


def _post(client, named_files, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("cv-upload-multiple"),
                           {"files": [file_upload(name, data) for name, data in named_files]}, format="multipart")


def test_every_good_file_becomes_a_job_and_bad_ones_are_reported_alone(alice_client,
                                                                        django_capture_on_commit_callbacks):
    response = _post(alice_client, [("a.pdf", files.make_pdf()), ("b.docx", files.make_docx()),
                                    ("fake.pdf", files.make_txt()), ("invoice.txt", files.INVOICE_TEXT.encode() * 3),
                                    ("empty.txt", b"")], django_capture_on_commit_callbacks)

    assert response.status_code == 207
    body = response.json()
    assert (body["created"], body["failed"]) == (2, 3)
    by_name = {r["filename"]: r for r in body["results"]}
    assert by_name["a.pdf"]["ok"] and by_name["b.docx"]["ok"]
    assert (by_name["fake.pdf"]["status_code"], by_name["fake.pdf"]["error"]) == (415, "mislabelled")
    assert by_name["invoice.txt"]["error"] == "not_a_resume" and by_name["invoice.txt"]["score"] < 60
    assert (by_name["empty.txt"]["status_code"], by_name["empty.txt"]["error"]) == (422, "empty")
    jobs = ExtractionJob.objects.all()
    assert jobs.count() == 2 and all(j.status == ExtractionJob.Status.DONE for j in jobs)


def test_all_good_is_201_and_all_bad_is_400(alice_client, django_capture_on_commit_callbacks):
    good = _post(alice_client, [("a.txt", files.make_txt()), ("b.rtf", files.make_rtf())],
                 django_capture_on_commit_callbacks)
    bad = _post(alice_client, [("a.exe", b"MZ"), ("b.pdf", b"")], django_capture_on_commit_callbacks)

    assert good.status_code == 201 and good.json()["created"] == 2
    assert bad.status_code == 400 and bad.json()["failed"] == 2


def test_the_batch_size_is_limited(alice_client, django_capture_on_commit_callbacks):
    too_many = [(f"cv{i}.txt", files.make_txt()) for i in range(UPLOAD_MULTIPLE_MAX_FILES + 1)]

    response = _post(alice_client, too_many, django_capture_on_commit_callbacks)

    assert response.status_code == 400 and ExtractionJob.objects.count() == 0


def test_no_files_is_a_400_and_anonymous_is_refused(alice_client, anon_client):
    assert alice_client.post(reverse("cv-upload-multiple"), {}, format="multipart").status_code == 400
    assert anon_client.post(reverse("cv-upload-multiple"), {}, format="multipart").status_code in (401, 403)
