"""Text extraction: a CV file becomes lines of text in reading order, with layout hints.

PDF (pdf.py), Word (word.py), images (ocr.py), and here plain text, RTF and old Word files.
Every reader returns a `TextDocument` whose `lines` carry the page, position, font size and
boldness the section extractor uses to find headings. Limits on pages, decompressed size,
characters and time make a bomb fail that one call with `TextExtractionError`.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import time
from dataclasses import dataclass, field

from resume2website.errors import ApplicationError

MAX_PAGES = 30
MAX_CHARS_PER_PAGE = 60_000
MAX_DECOMPRESSED_BYTES = 60 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
TIME_LIMIT_SECONDS = 20.0
OCR_TIME_LIMIT_SECONDS = 90.0  # OCR of a page takes seconds, more on a busy machine
MAX_IMAGE_PIXELS = 40_000_000

FILE_TYPES = ("pdf", "docx", "doc", "txt", "rtf", "png", "jpg", "webp")
IMAGE_TYPES = ("png", "jpg", "webp")


class TextExtractionError(ApplicationError):
    """The file could not be read. `code`: corrupt, encrypted, too_large, unsupported, timeout, empty."""

    status_code = 422

    def __init__(self, detail: str, *, code: str):
        super().__init__(detail, code=code, status_code=415 if code == "unsupported" else 422)


@dataclass
class Line:
    text: str
    page: int = 1
    x0: float = 0.0
    top: float = 0.0
    size: float = 0.0
    bold: bool = False
    x1: float = 0.0  # right edge, where the layout is known (0 otherwise)


@dataclass
class TextDocument:
    text: str
    lines: list[Line]
    pages: int = 1
    ocr_used: bool = False
    warnings: list[str] = field(default_factory=list)


class _Clock:
    def __init__(self, limit: float | None = None):
        self.deadline = time.monotonic() + (TIME_LIMIT_SECONDS if limit is None else limit)

    def check(self) -> None:
        if time.monotonic() > self.deadline:
            raise TextExtractionError("Reading this file took too long; it may be damaged or far too big.", code="timeout")


_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
# symbol-font glyphs and icons (C1 codes, private use area) stand between fields: a wide gap
_ICON = re.compile(r"\s*[\x80-\x9f\ue000-\uf8ff]+\s*")


_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u00ad": None, "\ufb01": "fi", "\ufb02": "fl", "\ufb00": "ff"})


def _clean(text: str) -> str:
    """Normalise spaces but keep a wide gap (two spaces): it separates fields laid out in a row."""
    text = _ICON.sub("  ", _CONTROL.sub("", text.translate(_DASHES)))
    text = _SPACES.sub(lambda m: "  " if len(m.group(0)) > 1 or m.group(0) == "\t" else " ", text)
    return text.strip()


def _document(lines: list[Line], pages: int = 1, *, ocr_used: bool = False, warnings=None) -> TextDocument:
    kept = []
    for line in lines:
        line.text = _clean(line.text)
        if line.text:
            kept.append(line)
    doc = TextDocument(
        text="\n".join(line.text for line in kept), lines=kept, pages=pages, ocr_used=ocr_used, warnings=warnings or []
    )
    if not doc.text.strip():
        raise TextExtractionError(
            "No text could be read from this file. If it is a scan, upload a clearer image or a text PDF.", code="empty"
        )
    return doc


def _plain_lines(text: str) -> list[Line]:
    return [Line(text=raw, page=1, top=float(i)) for i, raw in enumerate(text.splitlines())]


# --------------------------------------------------------------------------- DOC, TXT, RTF


def _doc(data: bytes, clock: _Clock) -> TextDocument:
    if data[:4] == b"PK\x03\x04":
        from .word import read_docx

        return read_docx(data, clock)
    antiword = shutil.which("antiword")
    if not antiword:
        raise TextExtractionError(
            "Old Word (.doc) files cannot be read on this server. Save the CV as PDF or DOCX and upload it again.",
            code="unsupported",
        )
    try:
        result = subprocess.run(
            [antiword, "-w", "0", "-"], input=data, capture_output=True, timeout=max(1.0, clock.deadline - time.monotonic())
        )
    except subprocess.TimeoutExpired as exc:
        raise TextExtractionError("Reading this Word file took too long.", code="timeout") from exc
    if result.returncode != 0:
        raise TextExtractionError("This Word (.doc) file is damaged and cannot be read.", code="corrupt")
    return _document(_plain_lines(result.stdout.decode("utf-8", "replace")))


def _decode(data: bytes) -> str:
    from charset_normalizer import from_bytes

    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:200_000]).best()
    if best is None:
        raise TextExtractionError("This text file is not in a readable text encoding.", code="corrupt")
    encoding = best.encoding
    # short Western texts are often scored equally well as Central European or Baltic code pages;
    # Windows-1252 is by far the most common single-byte encoding of CVs, so it wins such ties
    if re.fullmatch(r"cp125[0-8]|latin_1|iso8859_\d+|mac_\w+", encoding):
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return data.decode(encoding, "replace")


def _txt(data: bytes, clock: _Clock) -> TextDocument:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise TextExtractionError("This file is not plain text.", code="corrupt")
    return _document(_plain_lines(_decode(data)))


def _rtf(data: bytes, clock: _Clock) -> TextDocument:
    from striprtf.striprtf import rtf_to_text

    if not data.lstrip().startswith(b"{\\rtf"):
        raise TextExtractionError("This RTF file is damaged and cannot be read.", code="corrupt")
    text = rtf_to_text(data.decode("latin-1"), errors="ignore")
    # striprtf decodes \'xx escapes with the declared code page; text outside them is ASCII.
    return _document(_plain_lines(text))


def quick_text(data: bytes, file_type: str) -> str:
    """Plain text fast (no layout), for the upload-time gate. "" for images and unreadable files."""
    try:
        if file_type == "pdf":
            from .pdf import pdf_quick_text

            return pdf_quick_text(data)
        if file_type in IMAGE_TYPES:
            return ""
        return extract_text(data, file_type).text
    except TextExtractionError:
        return ""


# --------------------------------------------------------------------------- entry point


def _reader(file_type: str):
    if file_type == "pdf":
        from .pdf import read_pdf

        return read_pdf
    if file_type == "docx":
        from .word import read_docx

        return read_docx
    if file_type in IMAGE_TYPES + ("jpeg",):
        from .ocr import read_image

        return read_image
    return {"doc": _doc, "txt": _txt, "rtf": _rtf}.get(file_type)


def extract_text(data: bytes, file_type: str) -> TextDocument:
    """Read a CV file into lines in reading order. Raises TextExtractionError for files it cannot read."""
    file_type = (file_type or "").lower()
    reader = _reader(file_type)
    if reader is None:
        raise TextExtractionError(f"Files of type '{file_type}' are not supported.", code="unsupported")
    if not data:
        raise TextExtractionError("The file is empty.", code="empty")
    return reader(data, _Clock(OCR_TIME_LIMIT_SECONDS if file_type in IMAGE_TYPES + ("jpeg",) else None))
