"""PDF text with layout: characters from pdfium grouped into rows and runs, columns found by the
gaps between them, and the page read column by column. A PDF without text goes to OCR."""
from __future__ import annotations

import ctypes
import re
import statistics
import zlib
from contextlib import contextmanager
from dataclasses import dataclass

from . import text as limits
from .text import Line, TextDocument, TextExtractionError, _Clock, _document
from .vocabulary import heading_section



@contextmanager
def _pdfium_errors():
    """Any pdfium failure past opening (a page, its text or its image cannot be loaded) means a damaged file."""
    import pypdfium2 as pdfium

    try:
        yield
    except pdfium.PdfiumError as exc:
        raise TextExtractionError("This PDF is damaged and cannot be read: one of its pages is broken. "
                                  "Export it to PDF again and upload the new file.", code="corrupt") from exc


MAX_INFLATED_BYTES = 40 * 1024 * 1024  # the text, drawings and fonts of a CV inflate to a few MB
_STREAM_START = re.compile(rb"(?<!end)stream\r?\n")


def inflates_beyond(data: bytes, limit: int = MAX_INFLATED_BYTES) -> bool:
    """Whether the PDF's deflated streams (images aside) hold more than `limit` bytes: a deflate bomb
    pdfium would spend tens of seconds parsing in one uninterruptible call. Stops inflating at the limit."""
    total = 0
    for match in _STREAM_START.finditer(data):
        head = data[max(0, match.start() - 1024):match.start()]
        head = head[head.rfind(b"obj") + 1:]
        if b"/FlateDecode" not in head or b"/Image" in head:
            continue
        inflater = zlib.decompressobj()
        pos, pending = match.end(), b""
        while total <= limit and not inflater.eof:
            if not pending:
                pending = data[pos:pos + 65536]
                pos += 65536
                if not pending:
                    break
            try:
                total += len(inflater.decompress(pending, 1 << 20))
            except zlib.error:
                break
            pending = inflater.unconsumed_tail
        if total > limit:
            return True
    return False


def open_pdf(data: bytes, *, max_pages: int | None = limits.MAX_PAGES):
    """The pdfium document, or TextExtractionError: a deflate bomb or more than `max_pages` pages
    (too_large), a password (encrypted), a damaged file (corrupt), no pages (empty)."""
    import pypdfium2 as pdfium

    if inflates_beyond(data):
        raise TextExtractionError("This PDF expands to far more data than any CV (a compressed stream of hundreds "
                                  "of megabytes); it was refused. Export the CV to PDF again.", code="too_large")

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
    if max_pages is not None and n_pages > max_pages:
        pdf.close()
        raise TextExtractionError(f"This PDF has {n_pages} pages; a CV may have at most {max_pages}.", code="too_large")
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
        if n > limits.MAX_CHARS_PER_PAGE:
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
                labels = _side_headings(block[0], width)
                if labels is not None:
                    # a narrow left column of headings labels the text beside it: read row by row
                    body = _merge_rows(block[1])
                    ordered.extend(sorted(labels + body, key=lambda s: (s.top - (2.0 if s in labels else 0.0), s.x0)))
                else:
                    ordered.extend(_merge_rows(block[0]) + _merge_rows(block[1]))
            else:
                ordered.extend(_merge_rows(block))
    return [Line(text=s.text, page=page_no, x0=round(s.x0, 1), top=round(s.top, 1), size=s.size, bold=s.bold, x1=round(s.x1, 1))
            for s in ordered]


def _side_headings(left: list[_Seg], width: float) -> list[_Seg] | None:
    """The left column as a list of headings (lines stacked closely are one heading: "EDUCATION" /
    "AND AWARDS"), when it is narrow and holds only short capitalised labels, most naming a section."""
    if not left or max(s.x1 for s in left) > width * 0.3:
        return None
    if any(len(s.text.split()) > 3 or not s.text.isupper() for s in left):
        return None
    groups: list[list[_Seg]] = []
    for seg in sorted(left, key=lambda s: s.top):
        if groups and seg.top - groups[-1][-1].bottom <= seg.size * 0.9:
            groups[-1].append(seg)
        else:
            groups.append([seg])
    labels = []
    for group in groups:
        text = group[0].text
        for seg in group[1:]:
            text = f"{text}{seg.text}" if text.endswith("-") else f"{text} {seg.text}"
        labels.append(_Seg(text=text, x0=min(s.x0 for s in group), x1=max(s.x1 for s in group), top=group[0].top,
                           bottom=group[0].bottom, size=group[0].size, bold=all(s.bold for s in group)))
    if sum(1 for label in labels if heading_section(label.text)) * 2 < len(labels):
        return None
    return labels


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


def read_pdf(data: bytes, clock: _Clock) -> TextDocument:
    with _pdfium_errors():
        return _read_pdf(data, clock)


def _read_pdf(data: bytes, clock: _Clock) -> TextDocument:
    pdf = open_pdf(data)
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
    from .ocr import ocr_lines

    clock = _Clock(limits.OCR_TIME_LIMIT_SECONDS)
    pdf = open_pdf(data)
    lines: list[Line] = []
    try:
        for index in range(min(pages, 5)):
            clock.check()
            image = pdf[index].render(scale=2).to_pil()
            lines.extend(ocr_lines(image, index + 1, clock))
    finally:
        pdf.close()
    return _document(lines, pages, ocr_used=True, warnings=["The PDF holds scanned pages; its text was read by OCR."])


def pdf_quick_text(data: bytes) -> str:
    """The text layer as pdfium gives it, without layout: fast, for the upload-time gate.
    Raises TextExtractionError for a damaged file."""
    with _pdfium_errors():
        return _quick_text(data)


def _quick_text(data: bytes) -> str:
    pdf = open_pdf(data)
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
