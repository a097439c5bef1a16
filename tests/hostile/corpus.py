"""Hostile files, generated on the fly: each one small on disk, nasty once opened."""
from __future__ import annotations

import io
import zipfile
import zlib

import pypdfium2 as pdfium
from PIL import Image
from pypdf import PdfWriter

CV_TEXT = (
    "Jane Hostile\nSenior Software Engineer\njane.hostile@example.com  +1 415 555 0100  linkedin.com/in/janehostile\n"
    "SUMMARY\nBackend engineer with eight years of experience building payment systems.\n"
    "EXPERIENCE\nSenior Software Engineer, Acme Corp, Jan 2019 - Present\n- Built the billing platform used by 2 million customers\n"
    "- Led a team of five engineers\nSoftware Engineer, Initech, Jun 2015 - Dec 2018\n- Wrote the reporting service\n"
    "- Cut page load time by 40%\n"
    "EDUCATION\nBSc Computer Science, State University, 2011 - 2015\nSKILLS\nPython, Django, SQL, PostgreSQL, Redis\n"
    "LANGUAGES\nEnglish (native), French (fluent)\n"
)


def _pdf_with_stream(content: bytes, *, filter_name: str | None = None, pages: int = 1, page_extra: str = "") -> bytes:
    """A hand-written PDF whose page(s) share one content stream (offsets computed, xref valid)."""
    objects: list[bytes] = []
    kids = " ".join(f"{4 + i} 0 R" for i in range(pages))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode())
    filt = f" /Filter /{filter_name}" if filter_name else ""
    objects.append(f"<< /Length {len(content)}{filt} >>\nstream\n".encode() + content + b"\nendstream")
    for _ in range(pages):
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R{page_extra} >>".encode())
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def text_pdf(text: str = CV_TEXT) -> bytes:
    """A small valid PDF showing `text` in Helvetica, one line per line."""
    ops = ["BT", "/F1 11 Tf", "14 TL", "72 740 Td"]
    for line in text.splitlines():
        safe = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({safe}) Tj T*")
    ops.append("ET")
    content = "\n".join(ops).encode("latin-1", "replace")
    font = " /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"
    return _pdf_with_stream(content, page_extra=font)


def pdf_many_pages(pages: int = 20_000) -> bytes:
    """A page-count bomb: thousands of pages sharing one tiny content stream (~1 MB file)."""
    return _pdf_with_stream(b"BT /F1 12 Tf 72 700 Td (page) Tj ET", pages=pages)


def pdf_deflate_bomb(megabytes: int = 200) -> bytes:
    """One content stream that inflates from ~400 KB to 200 MB of operators."""
    compressor = zlib.compressobj(9)
    chunk = b"0 0 m 1 1 l S\n" * 4096
    parts = [compressor.compress(chunk) for _ in range(megabytes * 1024 * 1024 // len(chunk))]
    parts.append(compressor.flush())
    return _pdf_with_stream(b"".join(parts), filter_name="FlateDecode")


def pdf_encrypted(password: str = "secret") -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(text_pdf()))
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_truncated() -> bytes:
    data = text_pdf()
    return data[: len(data) // 2]


def pdf_garbage_after_header() -> bytes:
    return b"%PDF-1.7\n" + bytes(range(256)) * 64


def pdf_html_polyglot() -> bytes:
    """Starts as a PDF, carries an HTML/JS payload a browser would run if served as HTML."""
    payload = b"<html><body><script>alert(document.cookie)</script></body></html>\n"
    return text_pdf().replace(b"%\xe2\xe3\xcf\xd3\n", b"%\xe2\xe3\xcf\xd3\n%" + payload, 1)


def html_as_pdf() -> bytes:
    return b"<!DOCTYPE html><html><body><script>alert(1)</script>" + CV_TEXT.encode() + b"</body></html>"


def exe_as_pdf() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 512 + b"This program cannot be run in DOS mode"


def zip_polyglot_pdf() -> bytes:
    """A valid PDF with a ZIP archive appended: some tools see a PDF, others a ZIP."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("evil.sh", "#!/bin/sh\nrm -rf /\n")
    return text_pdf() + buf.getvalue()


def _docx_files(document_xml: bytes) -> dict[str, bytes]:
    return {
        "[Content_Types].xml": (
            b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
            b'"/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
            b'document.main+xml"/></Types>'
        ),
        "_rels/.rels": (
            b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            b'2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            b'2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
        ),
        "word/document.xml": document_xml,
    }


def _document_xml(paragraphs: list[str]) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    return (
        '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
        f'wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>'
    ).encode()


def docx(text: str = CV_TEXT) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in _docx_files(_document_xml(text.splitlines())).items():
            zf.writestr(name, data)
    return buf.getvalue()


def docx_zip_bomb(megabytes: int = 300) -> bytes:
    """A DOCX whose document.xml inflates from ~300 KB to 300 MB (whitespace inside the body)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, data in _docx_files(b"").items():
            if name != "word/document.xml":
                zf.writestr(name, data)
        with zf.open("word/document.xml", "w", force_zip64=True) as entry:
            head, tail = _document_xml(CV_TEXT.splitlines()).split(b"<w:body>")
            entry.write(head + b"<w:body>")
            block = b" " * (1024 * 1024)
            for _ in range(megabytes):
                entry.write(block)
            entry.write(tail)
    return buf.getvalue()


def docx_billion_laughs() -> bytes:
    """XML entity expansion inside document.xml."""
    xml = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode() for i in range(1, 10)
        )
        + b']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        b"<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in _docx_files(xml).items():
            zf.writestr(name, data)
    return buf.getvalue()


def png_huge(side: int = 20_000) -> bytes:
    """A decompression bomb: 400 megapixels of one colour, a few hundred KB as PNG."""
    # Build the PNG by hand so the test never holds the pixels in memory.
    import struct

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    compressor = zlib.compressobj(9)
    row = b"\x00" + b"\x00" * side  # filter byte + one grey byte per pixel
    idat = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def png_blank(size: tuple[int, int] = (200, 100)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, "white").save(buf, "PNG")
    return buf.getvalue()


def pdf_valid_pdfium_check(data: bytes) -> int:
    """Page count as pdfium sees it (used to prove a generated file is what it claims)."""
    return len(pdfium.PdfDocument(data))


def long_cv_pdf(pages: int = 28) -> bytes:
    """A real CV repeated over many pages: valid, under the page limit, and slow to read."""
    ops = ["BT", "/F1 9 Tf", "11 TL", "40 760 Td"]
    for line in (CV_TEXT * 5).splitlines():
        safe = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({safe}) Tj T*")
    ops.append("ET")
    font = " /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"
    return _pdf_with_stream("\n".join(ops).encode("latin-1", "replace"), pages=pages, page_extra=font)
