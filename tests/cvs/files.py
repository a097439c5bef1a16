"""Small real CV files of every supported type, built in memory for the tests."""
from __future__ import annotations

import io
import zlib

CV_LINES = [
    ("Maria Jensen", 20, True),
    ("Senior Data Engineer", 12, False),
    ("maria.jensen@example.com | +45 31 22 44 55 | Copenhagen, Denmark", 10, False),
    ("linkedin.com/in/mariajensen | github.com/mjensen", 10, False),
    ("Summary", 14, True),
    ("Data engineer with eight years of experience building reliable pipelines.", 10, False),
    ("Experience", 14, True),
    ("Senior Data Engineer, Nordlys Analytics", 11, True),
    ("Jan 2020 - Present", 10, False),
    ("- Built a streaming platform processing 2 billion events per day", 10, False),
    ("- Cut warehouse costs by 35% by redesigning partitioning", 10, False),
    ("Data Engineer, Copenhagen Fintech ApS", 11, True),
    ("Mar 2016 - Dec 2019", 10, False),
    ("- Designed ETL jobs in Python and Airflow for payment data", 10, False),
    ("Education", 14, True),
    ("MSc Computer Science, Technical University of Denmark", 11, True),
    ("2014 - 2016", 10, False),
    ("BSc Software Engineering, Aarhus University", 11, True),
    ("2011 - 2014", 10, False),
    ("Skills", 14, True),
    ("Python, SQL, Apache Spark, Kafka, Airflow, PostgreSQL, Docker", 10, False),
    ("Languages", 14, True),
    ("Danish (native), English (fluent), German (intermediate)", 10, False),
]
SHORT_CV_LINES = [CV_LINES[i] for i in (0, 1, 2, 3, 6, 7, 8, 9, 14, 15, 16, 19, 20)]
CV_TEXT = "\n".join(text for text, _size, _bold in CV_LINES) + "\n"

INVOICE_TEXT = (
    "INVOICE #2024-0113\nAcme Supplies Ltd\nBill to: Example Corp\n"
    "Item Qty Unit price Total\nPaper A4 10 4.50 45.00\nToner 2 60.00 120.00\n"
    "Subtotal 165.00\nVAT 25% 41.25\nTotal due 206.25\nPayment within 30 days.\n"
)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(lines=CV_LINES, *, pages: int = 1) -> bytes:
    """A real text PDF (Helvetica, one text object per line) that pdfium and pdfplumber read."""
    objects: list[bytes] = []
    page_ids = []
    font_ids = (3, 4)
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(b"")  # pages tree, filled below
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    for _ in range(pages):
        y = 800
        ops = []
        for text, size, bold in lines:
            y -= size + 6
            font = "/F2" if bold else "/F1"
            ops.append(f"BT {font} {size} Tf 50 {y} Td ({_escape(text)}) Tj ET")
        stream = zlib.compress("\n".join(ops).encode("cp1252"))
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream")
        content_id = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> >>" % (content_id, *font_ids)
        )
        page_ids.append(len(objects))
    kids = " ".join(f"{i} 0 R" for i in page_ids).encode()
    objects[1] = b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(page_ids)
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def make_docx(lines=CV_LINES) -> bytes:
    import docx

    document = docx.Document()
    for text, size, bold in lines:
        if size >= 14:
            document.add_heading(text, level=1 if size == 14 else 0)
        else:
            run = document.add_paragraph().add_run(text)
            run.bold = bold
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_txt(text: str = CV_TEXT) -> bytes:
    return text.encode("utf-8")


def make_rtf(text: str = CV_TEXT) -> bytes:
    body = "\\par\n".join(line.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}")
                          for line in text.splitlines())
    return ("{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Helvetica;}}\n\\f0\\fs22 " + body + "\\par\n}").encode("ascii")


def make_image(fmt: str = "PNG", lines=SHORT_CV_LINES) -> bytes:
    """A clean rendering of the CV as an image, for the OCR path."""
    from PIL import Image, ImageDraw, ImageFont

    font_path = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    image = Image.new("RGB", (1400, 60 + 44 * len(lines)), "white")
    draw = ImageDraw.Draw(image)
    y = 30
    for text, size, bold in lines:
        font = ImageFont.truetype(font_path.replace("Sans.ttf", "Sans-Bold.ttf") if bold else font_path,
                                  int(size * 2.2))
        draw.text((40, y), text, fill="black", font=font)
        y += 44
    buffer = io.BytesIO()
    image.save(buffer, format=fmt)
    return buffer.getvalue()


def make_encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf())))
    writer.encrypt(user_password="secret", owner_password="owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
