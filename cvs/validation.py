"""Upload validation: the file type is read from the content (magic bytes) and must agree
with the name's extension; size, emptiness and container sanity are checked before any
parser sees the bytes. Nothing here executes or fully decompresses user content.
"""
from __future__ import annotations

import io
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from rest_framework import status

from resume2website.errors import ApplicationError

EXTENSIONS = {
    "pdf": "pdf",
    "docx": "docx",
    "doc": "doc",
    "txt": "txt",
    "rtf": "rtf",
    "png": "png",
    "jpg": "jpg",
    "jpeg": "jpg",
    "webp": "webp",
}
IMAGE_TYPES = frozenset({"png", "jpg", "webp"})
IMAGE_MAX_PIXELS = 60_000_000
MAX_PDF_PAGES_CHECKED = 50  # extraction refuses longer PDFs anyway
LABELS = {
    "pdf": "a PDF",
    "docx": "a Word document (.docx)",
    "doc": "an old Word document (.doc)",
    "txt": "plain text",
    "rtf": "an RTF document",
    "png": "a PNG image",
    "jpg": "a JPEG image",
    "webp": "a WebP image",
    "zip": "a ZIP archive",
    "ole": "an Office file that is password-protected or not a .docx",
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "doc": "application/msword",
    "txt": "text/plain; charset=utf-8",
    "rtf": "application/rtf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "webp": "image/webp",
}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
DOCX_MAX_UNCOMPRESSED = 200 * 1024 * 1024
DOCX_MAX_ENTRIES = 2000


class UploadRejected(ApplicationError):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    code = "invalid_file"


@dataclass(frozen=True)
class ValidatedUpload:
    name: str
    file_type: str
    data: bytes
    text: str | None = None  # a PDF's text layer, read while its pages were checked (None: not read)

    @property
    def is_image(self) -> bool:
        return self.file_type in IMAGE_TYPES


def sniff(data: bytes) -> str | None:
    """The type the bytes really are, by their signature (None when nothing matches)."""
    head = data[:1024]
    if head.lstrip(b"\x00\t\r\n \xef\xbb\xbf").startswith(b"%PDF-") or b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data.startswith(b"{\\rtf"):
        return "rtf"
    if data.startswith(OLE_MAGIC):
        return "doc" if b"W\x00o\x00r\x00d\x00D\x00o\x00c\x00u\x00m\x00e\x00n\x00t" in data else "ole"
    if data.startswith(b"PK\x03\x04"):
        return "zip"
    if _looks_like_text(data):
        return "txt"
    return None


def _looks_like_text(data: bytes) -> bool:
    sample = data[:65536]
    if b"\x00" in sample and not (sample.startswith(b"\xff\xfe") or sample.startswith(b"\xfe\xff")):
        return False
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    return best is not None and best.chaos < 0.3


def _check_docx(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise UploadRejected("This .docx file is damaged: its ZIP container cannot be read.",
                             code="corrupt") from exc
    names = {info.filename for info in infos}
    if "word/document.xml" not in names:
        raise UploadRejected("This file is a ZIP archive, not a Word document (.docx).", code="mislabelled",
                             status_code=status.HTTP_415_UNSUPPORTED_MEDIA_TYPE)
    if len(infos) > DOCX_MAX_ENTRIES or sum(i.file_size for i in infos) > DOCX_MAX_UNCOMPRESSED:
        raise UploadRejected("This .docx expands to far more data than any CV; it was refused.", code="too_large")


def _check_pdf(data: bytes) -> str | None:
    """Refuse a damaged, encrypted, empty or bomb PDF. Every page is loaded for the check, so its
    text layer is read on the way (for the gate); None when the PDF has more pages than extraction takes."""
    import pypdfium2 as pdfium

    from cvs.extraction.pdf import open_pdf
    from cvs.extraction.text import MAX_PAGES, TextExtractionError

    try:
        pdf = open_pdf(data, max_pages=None)  # longer PDFs are refused by extraction, with its own message
    except TextExtractionError as exc:
        raise UploadRejected(exc.detail, code=exc.code) from exc
    try:
        texts = [] if len(pdf) <= MAX_PAGES else None
        for index in range(min(len(pdf), MAX_PDF_PAGES_CHECKED)):
            try:
                page = pdf[index]
                if texts is not None:
                    textpage = page.get_textpage()
                    texts.append(textpage.get_text_range())
                    textpage.close()
                page.close()
            except pdfium.PdfiumError as exc:
                raise UploadRejected(f"This PDF is damaged: page {index + 1} cannot be read. Export it to PDF "
                                     "again and upload the new file.", code="corrupt") from exc
    finally:
        pdf.close()
    return None if texts is None else "\n".join(texts).replace("\r\n", "\n")


def _check_image(data: bytes) -> None:
    from PIL import Image

    too_large = UploadRejected(
        f"This image is too large to read (over {IMAGE_MAX_PIXELS // 1_000_000} megapixels). Scale it down or "
        "export the CV as a PDF, then upload it again.", code="too_large")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.width * image.height > IMAGE_MAX_PIXELS:
                    raise too_large
                image.verify()
    except UploadRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise too_large from exc
    except Exception as exc:  # noqa: BLE001 - Pillow raises many types for broken files
        raise UploadRejected("This image is damaged and cannot be opened.", code="corrupt") from exc


def check_size(size: int) -> None:
    if size > settings.UPLOAD_MAX_BYTES:
        limit_mb = settings.UPLOAD_MAX_BYTES / (1024 * 1024)
        raise UploadRejected(f"The file is larger than the {limit_mb:g} MB limit.", code="too_large",
                             status_code=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)


def validate_upload(*, name: str, data: bytes) -> ValidatedUpload:
    """Check one uploaded file; returns its normalised type or raises a clear 413/415/422."""
    clean_name = PurePath((name or "").replace("\\", "/")).name[:255] or "cv"
    check_size(len(data))
    if not data.strip(b"\x00\t\r\n \xef\xbb\xbf"):
        raise UploadRejected("The file is empty.", code="empty")
    ext = PurePath(clean_name).suffix.lower().lstrip(".")
    declared = EXTENSIONS.get(ext)
    if declared is None:
        allowed = ", ".join(sorted(EXTENSIONS))
        raise UploadRejected(f"Files of type .{ext or '?'} are not supported. Upload one of: {allowed}.",
                             code="unsupported", status_code=status.HTTP_415_UNSUPPORTED_MEDIA_TYPE)
    actual = sniff(data)
    if actual == "zip" and declared == "docx":
        _check_docx(data)
        actual = "docx"
    if actual == "ole" and declared in ("docx", "doc"):
        if ENCRYPTED_PACKAGE in data:
            raise UploadRejected("This Word document is password-protected. Remove the password and upload it "
                                 "again.", code="encrypted")
        raise UploadRejected(f"This file is not {LABELS[declared]}; save it again from Word as .docx.",
                             code="corrupt")
    if actual != declared:
        if actual is None or (declared == "txt" and actual not in EXTENSIONS.values()):
            raise UploadRejected(f"This file is named .{ext} but its content is not {LABELS[declared]}: "
                                 f"it looks damaged.", code="corrupt")
        raise UploadRejected(f"This file is named .{ext} but its content is {LABELS.get(actual, actual)}. "
                             f"Rename it or export it again.", code="mislabelled",
                             status_code=status.HTTP_415_UNSUPPORTED_MEDIA_TYPE)
    text = None
    if actual == "pdf":
        text = _check_pdf(data)
    elif actual in IMAGE_TYPES:
        _check_image(data)
    return ValidatedUpload(name=clean_name, file_type=actual, data=data, text=text)
