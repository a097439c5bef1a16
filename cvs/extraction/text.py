"""Text extraction: a CV file becomes lines of text in reading order, with layout hints.

Every reader returns a `TextDocument` whose `lines` carry the page, position, font size and
boldness the section extractor uses to find headings. Limits on pages, decompressed size,
characters and time make a bomb fail that one call with `TextExtractionError`.
"""
from __future__ import annotations

import ctypes
import io
import math
import re
import shutil
import statistics
import subprocess
import time
import zipfile
from dataclasses import dataclass, field

from resume2website.errors import ApplicationError

from .vocabulary import heading_section

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


# --------------------------------------------------------------------------- PDF


def _open_pdf(data: bytes):
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise TextExtractionError("This PDF is password-protected. Remove the password and upload it again.", code="encrypted") from exc
        raise TextExtractionError("This PDF is damaged and cannot be read.", code="corrupt") from exc
    n_pages = len(pdf)
    if n_pages == 0:
        pdf.close()
        raise TextExtractionError("This PDF has no pages.", code="empty")
    if n_pages > MAX_PAGES:
        pdf.close()
        raise TextExtractionError(f"This PDF has {n_pages} pages; a CV may have at most {MAX_PAGES}.", code="too_large")
    return pdf


@dataclass
class _Seg:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


def _page_segments(page, clock: _Clock) -> tuple[list[_Seg], float]:
    """Characters of one page grouped into horizontal runs (words joined by normal spacing)."""
    import pypdfium2.raw as raw

    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        handle = textpage.raw
        n = raw.FPDFText_CountChars(handle)
        if n > MAX_CHARS_PER_PAGE:
            raise TextExtractionError("A page of this PDF holds far more text than a CV could.", code="too_large")
        rect = raw.FS_RECTF()
        rect_ref = ctypes.byref(rect)
        fontbuf = ctypes.create_string_buffer(128)
        flags = ctypes.c_int()
        font_bold: dict[bytes, bool] = {}
        chars = []
        space_before = False
        for i in range(n):
            if i % 2000 == 0:
                clock.check()
            code = raw.FPDFText_GetUnicode(handle, i)
            if code == 2:  # a hyphen pdfium marks as the end of a broken line
                code = 0x2D
            if code in (0, 0xFFFE) or chr(code).isspace():
                space_before = True
                continue
            if not raw.FPDFText_GetLooseCharBox(handle, i, rect_ref):
                continue
            weight = raw.FPDFText_GetFontWeight(handle, i)
            if weight <= 0:
                raw.FPDFText_GetFontInfo(handle, i, fontbuf, 128, ctypes.byref(flags))
                name = fontbuf.value
                bold = font_bold.get(name)
                if bold is None:
                    bold = font_bold[name] = bool(re.search(rb"bold|black|heavy|semibold|demi", name, re.I))
            else:
                bold = weight >= 600
            size = (rect.top - rect.bottom) * 0.85
            chars.append((chr(code), rect.left, rect.right, height - rect.top, height - rect.bottom, size, bold, space_before))
            space_before = False
    finally:
        textpage.close()
    return _chars_to_segments(chars), width


def _chars_to_segments(chars) -> list[_Seg]:
    """Group characters into lines by baseline, then split each line where a wide gap separates columns."""
    visible = [c for c in chars if c[2] >= c[1]]
    if not visible:
        return []
    rows: list[list] = []
    for c in sorted(visible, key=lambda c: c[4]):
        height = max(c[4] - c[3], 1.0)
        if rows and abs(rows[-1][0] - c[4]) <= max(1.5, height * 0.35):
            rows[-1][1].append(c)
        else:
            rows.append([c[4], [c]])
    segments: list[_Seg] = []
    for _, row in rows:
        row.sort(key=lambda c: c[1])
        size = statistics.median(c[5] for c in row) or max(c[4] - c[3] for c in row)
        run = [row[0]]
        for prev, cur in zip(row, row[1:]):
            gap = cur[1] - prev[2]
            if gap > max(size, 4.0) * 1.6:
                segments.append(_make_segment(run))
                run = [cur]
            else:
                run.append(cur)
        segments.append(_make_segment(run))
    return segments


def _make_segment(run) -> _Seg:
    parts = [run[0][0]]
    for prev, cur in zip(run, run[1:]):
        size = max(prev[5], cur[5], 1.0)
        if cur[7] or cur[1] - prev[2] > size * 0.15:
            parts.append(" ")
        parts.append(cur[0])
    sizes = [c[5] for c in run]
    return _Seg(
        text="".join(parts),
        x0=run[0][1],
        x1=max(c[2] for c in run),
        # the run's typical box, not its extremes: one odd glyph (an icon) must not move the row
        top=statistics.median_low([c[3] for c in run]),
        bottom=statistics.median_low([c[4] for c in run]),
        size=round(max(sizes, key=sizes.count), 1),
        bold=sum(1 for c in run if c[6]) * 2 > len(run),
    )


def _same_row(a: _Seg, b: _Seg) -> bool:
    return abs(a.bottom - b.bottom) <= max(2.0, min(a.size, b.size) * 0.3)


def _column_blocks(segments: list[_Seg], x: float) -> tuple[int, list]:
    """Split the page at x: full-width runs separate blocks; a block with text flowing
    independently on both sides (not row-aligned, unlike right-aligned dates) is two columns."""
    blocks: list = []
    current: list[_Seg] = []
    for seg in segments:
        if seg.x0 < x < seg.x1:
            if current:
                blocks.append(current)
            blocks.append(seg)
            current = []
        else:
            current.append(seg)
    if current:
        blocks.append(current)
    score = 0
    out = []
    for block in blocks:
        if isinstance(block, _Seg):
            out.append(block)
            continue
        left = [s for s in block if s.x1 <= x]
        right = [s for s in block if s.x0 >= x]
        if len(left) >= 2 and len(right) >= 2:
            # a right-hand run on the same row as text to its left is a table cell or a date, not a column
            aligned = sum(1 for r in right if any(o.x1 <= r.x0 and _same_row(r, o) for o in segments))
            # section headings on both sides ("Education" | "Interests") mark columns even when their
            # lines happen to share rows
            if aligned * 2 < len(right) or (
                any(heading_section(x.text) for x in right) and any(heading_section(x.text) for x in left)
            ):
                score += min(len(left), len(right))
                out.append((left, right))
                continue
        out.append(block)
    return score, out


def _order_page(segments: list[_Seg], width: float, page_no: int) -> list[Line]:
    segments = sorted(segments, key=lambda s: (s.top, s.x0))
    best_x, best_score, run_start = None, 2, None
    if len(segments) >= 6:
        x = width * 0.15
        limit = len(segments) * 0.5
        while x <= width * 0.85:
            if sum(1 for s in segments if s.x0 < x < s.x1) > limit:
                x += 4.0  # most rows cross here: no gutter
                continue
            score, _ = _column_blocks(segments, x)
            if score > best_score:
                best_x, best_score, run_start = x, score, x
            elif score == best_score and run_start is not None and best_x is not None and x - best_x <= 4.5:
                best_x = x  # extend the run of equally good positions; its middle is the gutter
            x += 4.0
    ordered: list[_Seg] = []
    if best_x is None:
        ordered = _merge_rows(segments)
    else:
        _, blocks = _column_blocks(segments, (run_start + best_x) / 2)
        for block in blocks:
            if isinstance(block, _Seg):
                ordered.append(block)
            elif isinstance(block, tuple):
                ordered.extend(_merge_rows(block[0]) + _merge_rows(block[1]))
            else:
                ordered.extend(_merge_rows(block))
    return [Line(text=s.text, page=page_no, x0=round(s.x0, 1), top=round(s.top, 1), size=s.size, bold=s.bold, x1=round(s.x1, 1))
            for s in ordered]


def _merge_rows(segments: list[_Seg]) -> list[_Seg]:
    """Top-to-bottom order; runs on the same row are joined left to right with a wide gap."""
    rows: list[list[_Seg]] = []
    for seg in sorted(segments, key=lambda s: (s.bottom, s.x0)):
        if rows and _same_row(rows[-1][0], seg):
            rows[-1].append(seg)
        else:
            rows.append([seg])
    out: list[_Seg] = []
    for row in rows:
        row.sort(key=lambda s: s.x0)
        current = row[0]
        for seg in row[1:]:
            if seg.x0 >= current.x1 - 1:
                current = _Seg(
                    text=f"{current.text}  {seg.text}", x0=current.x0, x1=seg.x1, top=min(current.top, seg.top),
                    bottom=max(current.bottom, seg.bottom), size=max(current.size, seg.size), bold=current.bold and seg.bold,
                )
            else:
                out.append(current)
                current = seg
        out.append(current)
    return out


def _pdf(data: bytes, clock: _Clock) -> TextDocument:
    pdf = _open_pdf(data)
    lines: list[Line] = []
    try:
        for index in range(len(pdf)):
            clock.check()
            page = pdf[index]
            try:
                segments, width = _page_segments(page, clock)
            finally:
                page.close()
            lines.extend(_order_page(segments, width, index + 1))
        pages = len(pdf)
    finally:
        pdf.close()
    if not any(line.text.strip() for line in lines):
        if _looks_scanned(data):
            return _pdf_ocr(data, clock, pages)
        raise TextExtractionError("This PDF contains no readable text.", code="empty")
    return _document(lines, pages)


def _looks_scanned(data: bytes) -> bool:
    return b"/Image" in data


def _pdf_ocr(data: bytes, clock: _Clock, pages: int) -> TextDocument:
    clock = _Clock(OCR_TIME_LIMIT_SECONDS)
    pdf = _open_pdf(data)
    lines: list[Line] = []
    try:
        for index in range(min(pages, 5)):
            clock.check()
            image = pdf[index].render(scale=2).to_pil()
            lines.extend(_ocr_lines(image, index + 1, clock))
    finally:
        pdf.close()
    return _document(lines, pages, ocr_used=True, warnings=["The PDF holds scanned pages; its text was read by OCR."])


def quick_text(data: bytes, file_type: str) -> str:
    """Plain text fast (no layout), for the upload-time gate. "" for images and unreadable files."""
    try:
        if file_type == "pdf":
            pdf = _open_pdf(data)
            try:
                parts = []
                for index in range(len(pdf)):
                    page = pdf[index]
                    textpage = page.get_textpage()
                    parts.append(textpage.get_text_range())
                    textpage.close()
                    page.close()
                return "\n".join(parts).replace("\r\n", "\n")
            finally:
                pdf.close()
        if file_type in IMAGE_TYPES:
            return ""
        return extract_text(data, file_type).text
    except TextExtractionError:
        return ""


# --------------------------------------------------------------------------- DOCX

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _check_zip(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise TextExtractionError("This Word file is damaged and cannot be read.", code="corrupt") from exc
    total = 0
    for info in archive.infolist():
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > MAX_DECOMPRESSED_BYTES or (info.file_size > 1_000_000 and ratio > MAX_COMPRESSION_RATIO):
            raise TextExtractionError("This Word file unpacks to far more data than a CV could hold.", code="too_large")
    if "word/document.xml" not in archive.namelist():
        if "EncryptedPackage" in archive.namelist():
            raise TextExtractionError("This Word file is password-protected.", code="encrypted")
        raise TextExtractionError("This is not a Word document.", code="corrupt")
    return archive


def _docx(data: bytes, clock: _Clock) -> TextDocument:
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise TextExtractionError("This Word file is password-protected.", code="encrypted")
    _check_zip(data)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise TextExtractionError("This Word file is damaged and cannot be read.", code="corrupt") from exc
    except Exception as exc:  # lxml.etree.XMLSyntaxError and friends from a broken package
        raise TextExtractionError("This Word file is damaged and cannot be read.", code="corrupt") from exc
    styles = {}
    default_size = 11.0
    lines: list[Line] = []
    for section in document.sections[:1]:
        for para in section.header.paragraphs:
            lines.append(Line(text=para.text, top=len(lines), size=default_size))
    body = document.element.body
    for index, p in enumerate(body.iter(f"{_W}p")):
        if index % 500 == 0:
            clock.check()
        if any(a.tag == _MC_FALLBACK for a in p.iterancestors()):
            continue
        text, size, bold = _docx_paragraph(p, styles, document, default_size)
        if text.strip() and _docx_is_list(p, document):
            text = "\u2022 " + text
        if text.strip():
            lines.append(Line(text=text, top=float(len(lines)), size=size, bold=bold))
    return _document(lines, 1)


def _docx_paragraph(p, styles: dict, document, default_size: float) -> tuple[str, float, bool]:
    parts, sizes, bold_chars, total = [], [], 0, 0
    style_id = p.find(f"{_W}pPr/{_W}pStyle")
    style_id = style_id.get(f"{_W}val") if style_id is not None else None
    style_size, style_bold = styles.get(style_id) or styles.setdefault(style_id, _style_font(document, style_id, default_size))
    for run in _direct_runs(p):
        text = "".join(
            (t.text or "") if t.tag == f"{_W}t" else ("\t" if t.tag == f"{_W}tab" else " ")
            for t in run
            if t.tag in (f"{_W}t", f"{_W}tab", f"{_W}br")
        )
        if not text:
            continue
        rpr = run.find(f"{_W}rPr")
        size, bold = style_size, style_bold
        if rpr is not None:
            sz = rpr.find(f"{_W}sz")
            if sz is not None and (sz.get(f"{_W}val") or "").isdigit():
                size = int(sz.get(f"{_W}val")) / 2
            b = rpr.find(f"{_W}b")
            if b is not None:
                bold = b.get(f"{_W}val") not in ("0", "false")
        parts.append(text)
        sizes.append((size, len(text)))
        total += len(text)
        bold_chars += len(text) if bold else 0
    text = "".join(parts).replace("\t", "  ")
    size = max(sizes, key=lambda s: s[1])[0] if sizes else style_size
    return text, size, bool(total) and bold_chars * 2 > total


def _docx_is_list(p, document) -> bool:
    """Bullets in Word are numbering, not text: a numbered or list-styled paragraph is a list item."""
    ppr = p.find(f"{_W}pPr")
    if ppr is None:
        return False
    if ppr.find(f"{_W}numPr") is not None:
        return True
    style = ppr.find(f"{_W}pStyle")
    return style is not None and "list" in (style.get(f"{_W}val") or "").lower()


def _direct_runs(p):
    for child in p:
        if child.tag == f"{_W}r":
            yield child
        elif child.tag in (f"{_W}hyperlink", f"{_W}smartTag", f"{_W}ins", f"{_W}fldSimple"):
            yield from (r for r in child.iter(f"{_W}r"))


def _style_font(document, style_id: str | None, default_size: float) -> tuple[float, bool]:
    if not style_id:
        return default_size, False
    try:
        style = document.styles.get_by_id(style_id, 1)  # WD_STYLE_TYPE.PARAGRAPH
    except Exception:
        return default_size, False
    size, bold = None, None
    while style is not None and (size is None or bold is None):
        font = style.font
        if size is None and font.size is not None:
            size = font.size.pt
        if bold is None and font.bold is not None:
            bold = font.bold
        style = style.base_style
    name = (document.styles.get_by_id(style_id, 1).name or "").lower()
    if name.startswith(("heading", "title")):
        size = size or default_size + 2
        bold = True if bold is None else bold
    return size or default_size, bool(bold)


# --------------------------------------------------------------------------- DOC, TXT, RTF


def _doc(data: bytes, clock: _Clock) -> TextDocument:
    if data[:4] == b"PK\x03\x04":
        return _docx(data, clock)
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


# --------------------------------------------------------------------------- images (OCR)

_ocr_engine = None


def _ocr():
    global _ocr_engine
    if _ocr_engine is None:
        from rapidocr_onnxruntime import RapidOCR

        _ocr_engine = RapidOCR()
    return _ocr_engine


def _image(data: bytes, clock: _Clock) -> TextDocument:
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        if image.width * image.height > MAX_IMAGE_PIXELS:
            raise TextExtractionError("This image is far too large.", code="too_large")
        image.load()
    except Image.DecompressionBombError as exc:
        raise TextExtractionError("This image is far too large.", code="too_large") from exc
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise TextExtractionError("This image is damaged and cannot be read.", code="corrupt") from exc
    return _document(_ocr_lines(image.convert("RGB"), 1, clock), 1, ocr_used=True, warnings=["Text was read from an image by OCR; check it."])


_CAMEL = re.compile(r"(?<=[a-z\u00e0-\u00ff])(?=[A-Z\u00c0-\u00de])")
_PUNCT_GLUE = re.compile(r"(?<=[,;:|)])(?=[^\W\d_])|(?<=[^\W\d_])(?=[(|])")
_ALPHA_RUN = re.compile(r"[^\W\d_]{5,}")
_DIGIT_GLUE = re.compile(r"(?<=[^\W\d_]{3})(?=\d)|(?<=\d)(?=[^\W\d_]{3})")


def _split_run(run: str) -> str:
    import wordninja

    parts = wordninja.split(run)
    if len(parts) < 2 or "".join(parts) != run:
        return run
    if any(len(p) == 1 and p.lower() not in ("a", "i") and not p.isdigit() for p in parts) or len(parts[-1]) == 1 or len(parts[0]) == 1:
        return run
    return " ".join(parts)


def _repair_ocr(text: str) -> str:
    """OCR drops spaces between words: restore them at case changes and punctuation, and split
    long glued runs of letters with a word-frequency model. Emails and URLs are left alone."""
    words = []
    text = re.sub(r"^([·•●▪*])(?=\S)", r"\1 ", text)  # a list bullet glued to its first word
    for word in re.sub(r"\s*\|\s*", " | ", text).split(" "):
        if "@" in word or "://" in word or word.lower().startswith("www.") or re.search(r"\.[a-z]{2,4}/", word):
            words.append(word)
            continue
        word = _DIGIT_GLUE.sub(" ", _PUNCT_GLUE.sub(" ", _CAMEL.sub(" ", word)))
        words.append(_ALPHA_RUN.sub(lambda m: _split_run(m.group(0)), word))
    return " ".join(words)


def _ocr_lines(image, page_no: int, clock: _Clock) -> list[Line]:
    import numpy

    width, height = image.size
    scale = 1.0
    if max(width, height) > 2600:
        scale = 2600 / max(width, height)
        image = image.resize((int(width * scale), int(height * scale)))
    clock.check()
    result, _ = _ocr()(numpy.asarray(image), use_cls=False)
    clock.check()
    found = [(box, text) for box, text, score in result or [] if float(score) >= 0.5]
    # a scan is rarely straight: turn the boxes back by the page's skew so rows line up again
    angles = sorted(
        math.atan2(box[1][1] - box[0][1], box[1][0] - box[0][0])
        for box, _ in found
        if math.dist(box[0], box[1]) > 4 * math.dist(box[0], box[3])
    )
    skew = angles[len(angles) // 2] if angles else 0.0
    cos, sin = math.cos(-skew), math.sin(-skew)
    boxes = []
    for box, text in found:
        xs = [x * cos - y * sin for x, y in box]
        ys = [x * sin + y * cos for x, y in box]
        boxes.append(_Seg(text=_repair_ocr(text), x0=min(xs), x1=max(xs), top=min(ys), bottom=max(ys),
                          size=round(math.dist(box[0], box[3]) / scale * 0.75, 1), bold=False))
    if not boxes:
        return []
    sizes = sorted(b.size for b in boxes)
    body = sizes[len(sizes) // 2]
    for b in boxes:
        b.bold = b.size > body * 1.15
    return _order_page(boxes, image.size[0], page_no)


# --------------------------------------------------------------------------- entry point

_READERS = {"pdf": _pdf, "docx": _docx, "doc": _doc, "txt": _txt, "rtf": _rtf, "png": _image, "jpg": _image, "jpeg": _image, "webp": _image}


def extract_text(data: bytes, file_type: str) -> TextDocument:
    """Read a CV file into lines in reading order. Raises TextExtractionError for files it cannot read."""
    reader = _READERS.get((file_type or "").lower())
    if reader is None:
        raise TextExtractionError(f"Files of type '{file_type}' are not supported.", code="unsupported")
    if not data:
        raise TextExtractionError("The file is empty.", code="empty")
    return reader(data, _Clock(OCR_TIME_LIMIT_SECONDS if file_type in IMAGE_TYPES + ("jpeg",) else None))
