"""Small files made on the fly for extraction tests: PDFs with text, an encrypted PDF, Word files
(with a text box, a header, a zip bomb), images with text, and documents that are not CVs."""
from __future__ import annotations

import ctypes
import hashlib
import io
import zipfile

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests" / "corpus"
SAMPLES = REPO.parent / "shared" / "samples" / "real-pdfs"


def make_pdf(pages: list[list[str]], size: float = 11.0) -> bytes:
    """A PDF whose pages hold the given lines in Helvetica, top to bottom."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument.new()
    for lines in pages:
        page = pdf.new_page(595, 842)
        y = 800.0
        for line in lines:
            obj = raw.FPDFPageObj_NewTextObj(pdf.raw, b"Helvetica", ctypes.c_float(size))
            text = ctypes.create_string_buffer((line + "\x00").encode("utf-16-le"))
            raw.FPDFText_SetText(obj, ctypes.cast(text, ctypes.POINTER(raw.FPDF_WCHAR)))
            raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, 50, y)
            raw.FPDFPage_InsertObject(page.raw, obj)
            y -= size * 1.6
        page.gen_content()
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    i = j = 0
    out = bytearray()
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def make_encrypted_pdf(user_password: bytes = b"secret") -> bytes:
    """A one-page PDF protected with the standard security handler (RC4, revision 2)."""
    pad = lambda pw: (pw + _PAD)[:32]  # noqa: E731
    owner_key = hashlib.md5(pad(b"owner")).digest()[:5]
    o_value = _rc4(owner_key, pad(user_password))
    file_id = hashlib.md5(b"r2w-test").digest()
    p_value = -44
    key = hashlib.md5(pad(user_password) + o_value + p_value.to_bytes(4, "little", signed=True) + file_id).digest()[:5]
    u_value = _rc4(key, _PAD)
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>",
        b"<</Filter/Standard/V 1/R 2/O<" + o_value.hex().encode() + b">/U<" + u_value.hex().encode() + b">/P -44>>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (f"trailer\n<</Size {len(objects) + 1}/Root 1 0 R/Encrypt 4 0 R/ID[<{file_id.hex()}><{file_id.hex()}>]>>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    return bytes(out)


def make_docx(paragraphs: list[str], *, header: str | None = None, textbox: str | None = None,
              table: list[list[str]] | None = None) -> bytes:
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    if header:
        document.sections[0].header.paragraphs[0].text = header
    for text in paragraphs:
        if text.startswith("# "):
            document.add_heading(text[2:], level=1)
        elif text.startswith("- "):
            document.add_paragraph(text[2:], style="List Bullet")
        else:
            document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=1, cols=len(table))
        for cell, lines in zip(grid.rows[0].cells, table):
            cell.paragraphs[0].text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
    if textbox:
        para = document.add_paragraph()
        para._p.append(parse_xml(
            '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape style="width:200pt;height:40pt"><v:textbox>'
            f'<w:txbxContent><w:p><w:r><w:t>{textbox}</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>'
        ))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_zip_bomb_docx(megabytes: int = 80) -> bytes:
    """A Word-shaped zip whose document.xml unpacks to `megabytes` MB of spaces."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b" " * (1024 * 1024)
            for _ in range(megabytes):
                member.write(chunk)
    return out.getvalue()


def make_text_image(lines: list[str], fmt: str = "PNG") -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 26)
    image = Image.new("RGB", (1100, 70 + 48 * len(lines)), "white")
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((40, 35 + 48 * i), line, fill="black", font=font)
    out = io.BytesIO()
    image.save(out, fmt)
    return out.getvalue()


def make_scanned_pdf(lines: list[str]) -> bytes:
    """A PDF whose only page is a picture of text, as a scanner makes it."""
    import pypdfium2 as pdfium
    from PIL import Image

    picture = Image.open(io.BytesIO(make_text_image(lines)))
    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(595, 842)
    image = pdfium.PdfImage.new(pdf)
    image.set_bitmap(pdfium.PdfBitmap.from_pil(picture))
    width = 540
    height = width * picture.height / picture.width
    image.set_matrix(pdfium.PdfMatrix().scale(width, height).translate(28, 842 - 40 - height))
    page.insert_obj(image)
    page.gen_content()
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


CV_LINES = [
    "Jordan Avery",
    "Product Designer",
    "jordan.avery@example.org | +1 206 555 0188 | Seattle, WA",
    "EXPERIENCE",
    "Senior Product Designer, Zillow   Mar 2019 - Present",
    "- Redesigned the home search flow used by 30 million people a month",
    "Product Designer, Expedia   Jun 2015 - Feb 2019",
    "- Led design of the mobile checkout",
    "EDUCATION",
    "BFA in Interaction Design, California College of the Arts   2011 - 2015",
    "SKILLS",
    "Design: Figma, Prototyping, User research",
    "LANGUAGES",
    "English (Native), Spanish (Intermediate)",
]

NOT_CVS = {
    "invoice": [
        "INVOICE", "Invoice number: INV-2024-0193", "Invoice date: 12 March 2024", "Due date: 11 April 2024",
        "Bill to: Northwind Traders, 12 Harbour Road, Bristol", "Description Qty Unit price Amount",
        "Website maintenance (March) 1 $1,200.00 $1,200.00", "Hosting, annual plan 1 $240.00 $240.00",
        "Subtotal $1,440.00", "VAT number GB123456789", "Total due $1,728.00", "Payment terms: 30 days",
    ],
    "receipt": [
        "GREENLEAF GROCERS", "14 Market Street", "Receipt 004512  2024-05-02 18:42", "Bananas 1.2 kg  $2.38",
        "Oat milk  $3.49", "Sourdough loaf  $5.20", "Subtotal  $11.07", "Tax  $0.89", "Total  $11.96",
        "Payment method: Visa card ending 4421", "Change due  $0.00", "Thank you for shopping with us!",
    ],
    "essay": [
        "The Quiet Revolution of Public Libraries",
        "Public libraries have changed more in the last twenty years than in the century before. Once places of silent "
        "reading, they now lend laptops, host coding clubs and help people file tax returns.",
        "Critics argue that the internet has made libraries obsolete, yet visits in many cities have risen. The reason is "
        "simple: a library is one of the few indoor public spaces where nobody is expected to buy anything.",
        "In conclusion, the library has survived by becoming a community centre that happens to hold books, and cities "
        "that invest in them reap benefits in literacy, employment and social cohesion.",
    ],
    "recipe": [
        "Lemon Drizzle Cake", "Prep time: 15 minutes  Cook time: 45 minutes  Servings: 8", "Ingredients",
        "225g unsalted butter", "225g caster sugar", "4 eggs", "2 tablespoons milk", "1 teaspoon baking powder",
        "Method", "Preheat the oven to 180C.", "Beat the butter and sugar until pale, then add the eggs one at a time.",
        "Bake for 45 minutes and pour the lemon syrup over the warm cake.",
    ],
    "blank": [" "],
}
