"""Word (.docx) text: body paragraphs and tables in document order, text boxes, the first header;
list paragraphs marked as bullets; sizes and bold from runs and styles. The zip is checked
before it is opened, so a zip bomb is refused unread."""
from __future__ import annotations

import io
import zipfile

from . import text as limits
from .text import Line, TextDocument, TextExtractionError, _Clock, _document


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
        if total > limits.MAX_DECOMPRESSED_BYTES or (info.file_size > 1_000_000 and ratio > limits.MAX_COMPRESSION_RATIO):
            raise TextExtractionError("This Word file unpacks to far more data than a CV could hold.", code="too_large")
    if "word/document.xml" not in archive.namelist():
        if "EncryptedPackage" in archive.namelist():
            raise TextExtractionError("This Word file is password-protected.", code="encrypted")
        raise TextExtractionError("This is not a Word document.", code="corrupt")
    return archive


def read_docx(data: bytes, clock: _Clock) -> TextDocument:
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
