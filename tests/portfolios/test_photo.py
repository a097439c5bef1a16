import io

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image


def _jpeg_with_exif(size=(1200, 800)) -> bytes:
    img = Image.new("RGB", size, (200, 30, 60))
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x8825] = {2: (51.0, 30.0, 0.0)}  # GPS
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif)
    return out.getvalue()


def _upload(client, portfolio, data: bytes, name="me.jpg", content_type="image/jpeg"):
    return client.post(reverse("portfolio-photo", args=[portfolio.id]),
                       {"photo": SimpleUploadedFile(name, data, content_type=content_type)}, format="multipart")


def test_a_photo_is_resized_stripped_and_shown(built, alice_client, django_capture_on_commit_callbacks, client):
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(alice_client, built, _jpeg_with_exif())
    assert response.status_code == 202, response.content
    assert response.json()["has_photo"] is True
    built.refresh_from_db()
    assert "photo.jpg" in built.site_files and built.build_count == 2
    served = client.get(f"/p/{built.id}/photo.jpg")
    assert served["Content-Type"] == "image/jpeg"
    img = Image.open(io.BytesIO(served.content))
    assert img.size == (480, 480)
    assert not img.getexif() and "exif" not in img.info
    html = client.get(f"/p/{built.id}/").content.decode()
    assert '<img class="avatar" src="photo.jpg" alt="Portrait of Ada Lovelace-Byron"' in html


def test_a_new_photo_replaces_the_old_file(built, alice_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _upload(alice_client, built, _jpeg_with_exif())
    built.refresh_from_db()
    first = built.photo
    with django_capture_on_commit_callbacks(execute=True):
        _upload(alice_client, built, _jpeg_with_exif((300, 900)))
    built.refresh_from_db()
    assert built.photo != first and not default_storage.exists(first) and default_storage.exists(built.photo)


def test_files_that_are_not_images_are_refused(built, alice_client):
    response = _upload(alice_client, built, b"%PDF-1.7 not an image", name="me.jpg")
    assert response.status_code == 415 and response.json()["error"] == "unsupported_image"
    gif = io.BytesIO()
    Image.new("RGB", (10, 10)).save(gif, "GIF")
    assert _upload(alice_client, built, gif.getvalue(), name="me.gif", content_type="image/gif").status_code == 415
    built.refresh_from_db()
    assert built.photo == ""


def test_oversized_photos_are_refused(built, alice_client, settings):
    settings.UPLOAD_MAX_BYTES = 1000
    response = _upload(alice_client, built, _jpeg_with_exif())
    assert response.status_code == 413
