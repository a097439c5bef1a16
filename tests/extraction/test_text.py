"""Text extraction: every file type, layout order, and clean failures for bad files."""
import shutil

import pytest

from cvs.extraction import text as text_module
from cvs.extraction.ocr import _repair_ocr
from cvs.extraction.pdf import _order_page, _Seg
from cvs.extraction.text import TextExtractionError, extract_text, quick_text
from tests.extraction.makers import (
    CORPUS, CV_LINES, make_docx, make_encrypted_pdf, make_pdf, make_scanned_pdf, make_text_image, make_zip_bomb_docx,
)


def test_it_reads_a_pdf_with_positions_and_sizes():
    doc = extract_text((CORPUS / "files" / "software_engineer_classic.pdf").read_bytes(), "pdf")
    assert doc.lines[0].text == "Maya Lindqvist"
    assert doc.lines[0].size > max(line.size for line in doc.lines[5:]) + 5  # the name is the biggest text
    assert "Senior Backend Engineer, Klarna | Stockholm, Sweden  Mar 2020 – Present" in doc.text
    assert doc.pages == 2 and doc.lines[-1].page == 2 and not doc.ocr_used


def test_it_reads_a_two_column_pdf_column_by_column():
    doc = extract_text((CORPUS / "files" / "teacher_sidebar.pdf").read_bytes(), "pdf")
    lines = [line.text for line in doc.lines]
    # the sidebar (contact, skills) is read before the main column, and never interleaved with it
    assert lines.index("Swahili (Native)") < lines.index("Thomas Mwangi")
    assert lines.index("Head of Mathematics") + 1 == lines.index("Alliance High School · Kikuyu, Kenya")


def test_it_reads_every_page_of_a_long_pdf():
    doc = extract_text((CORPUS / "files" / "professor_long.pdf").read_bytes(), "pdf")
    assert doc.pages == 4
    assert doc.lines[-1].page == 4 and "Sea kayaking" in doc.text


def test_it_reads_docx_paragraphs_tables_headers_and_text_boxes():
    data = make_docx(
        ["# Experience", "- Built the billing system", "Plain paragraph"],
        header="Jordan Avery · jordan@example.org",
        table=[["Skills", "Python"], ["Languages", "English"]],
        textbox="Text inside a box",
    )
    doc = extract_text(data, "docx")
    texts = [line.text for line in doc.lines]
    assert texts[0] == "Jordan Avery · jordan@example.org"
    assert "• Built the billing system" in texts  # Word bullets are numbering, not text
    assert {"Skills", "Python", "Languages", "English", "Text inside a box"} <= set(texts)
    heading = next(line for line in doc.lines if line.text == "Experience")
    assert heading.bold and heading.size > 11


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252", "utf-16"])
def test_it_detects_the_encoding_of_text_files(encoding):
    content = "Élodie Fèvre\nIngénieure d'études – Lyon\nCompétences : mécanique, thermique, résistance des matériaux\n"
    doc = extract_text(content.encode(encoding), "txt")
    assert doc.text.splitlines()[0] == "Élodie Fèvre"
    assert "Ingénieure d'études – Lyon" in doc.text


def test_it_reads_rtf_with_unicode_escapes():
    data = rb"{\rtf1\ansi{\fonttbl{\f0 Arial;}}{\b J\u252?rgen M\'fcller}\par Entwicklungsingenieur\par}"
    doc = extract_text(data, "rtf")
    assert doc.text.splitlines() == ["Jürgen Müller", "Entwicklungsingenieur"]


def test_old_word_files_without_a_converter_are_refused_clearly(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(TextExtractionError) as err:
        extract_text(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "doc")
    assert err.value.code == "unsupported" and err.value.status_code == 415
    assert "PDF or DOCX" in err.value.detail


def test_it_reads_text_from_an_image_with_ocr():
    doc = extract_text(make_text_image(CV_LINES[:4]), "png")
    assert doc.ocr_used
    assert "Jordan Avery" in doc.text
    assert "jordan.avery@example.org" in doc.text
    assert "Product Designer" in doc.text  # the words are apart, not glued


def test_a_scanned_pdf_is_read_with_ocr():
    doc = extract_text(make_scanned_pdf(CV_LINES[:3]), "pdf")
    assert doc.ocr_used and doc.warnings
    assert "Jordan Avery" in doc.text and "jordan.avery@example.org" in doc.text


def test_ocr_repairs_dropped_spaces():
    assert _repair_ocr("Leadadepartmentofnineteachers") == "Lead a department of nine teachers"
    assert _repair_ocr("HeadofMathematics,AllianceHighSchool|Kikuyu") == "Head of Mathematics, Alliance High School | Kikuyu"
    assert _repair_ocr("t.mwangi@yahoo.com|Jan2018-Present") == "t.mwangi@yahoo.com | Jan 2018-Present"


def test_quick_text_reads_pdfs_and_skips_images():
    assert "Maya Lindqvist" in quick_text((CORPUS / "files" / "software_engineer_classic.pdf").read_bytes(), "pdf")
    assert quick_text(make_text_image(["Hello"]), "png") == ""
    assert quick_text(b"%PDF-1.4 broken", "pdf") == ""


@pytest.mark.parametrize(
    "data, file_type, code",
    [
        (b"", "pdf", "empty"),
        (b"%PDF-1.7\n1 0 obj <<>> garbage", "pdf", "corrupt"),
        (b"this is not a zip", "docx", "corrupt"),
        (b"\x89PNG\r\n\x1a\nnot really", "png", "corrupt"),
        (b"{\\rtf1 \\par }", "rtf", "empty"),
        (b"\x00\x01\x02binary\x00", "txt", "corrupt"),
        (b"anything", "exe", "unsupported"),
    ],
)
def test_bad_files_fail_with_a_clear_code(data, file_type, code):
    with pytest.raises(TextExtractionError) as err:
        extract_text(data, file_type)
    assert err.value.code == code
    assert err.value.status_code == (415 if code == "unsupported" else 422)
    assert err.value.detail


def test_an_encrypted_pdf_is_reported_as_encrypted():
    with pytest.raises(TextExtractionError) as err:
        extract_text(make_encrypted_pdf(), "pdf")
    assert err.value.code == "encrypted"
    assert "password" in err.value.detail


def test_a_pdf_without_text_is_empty():
    with pytest.raises(TextExtractionError) as err:
        extract_text(make_pdf([[]]), "pdf")
    assert err.value.code == "empty"


def test_a_pdf_with_too_many_pages_is_refused():
    with pytest.raises(TextExtractionError) as err:
        extract_text(make_pdf([["page"]] * (text_module.MAX_PAGES + 1)), "pdf")
    assert err.value.code == "too_large"


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    with pytest.raises(TextExtractionError) as err:
        extract_text(make_zip_bomb_docx(80), "docx")
    assert err.value.code == "too_large"


def test_a_slow_file_stops_at_the_time_limit(monkeypatch):
    monkeypatch.setattr(text_module, "TIME_LIMIT_SECONDS", 0.0)
    with pytest.raises(TextExtractionError) as err:
        extract_text(make_pdf([["Jordan Avery"]]), "pdf")
    assert err.value.code == "timeout"


def test_an_image_bomb_is_refused(monkeypatch):
    monkeypatch.setattr(text_module, "MAX_IMAGE_PIXELS", 1000)
    with pytest.raises(TextExtractionError) as err:
        extract_text(make_text_image(["Jordan Avery"]), "png")
    assert err.value.code == "too_large"


def test_a_contact_row_with_wide_gaps_is_one_row_not_two_columns():
    def seg(text, x0, x1, top):
        return _Seg(text=text, x0=x0, x1=x1, top=top, bottom=top + 12, size=11, bold=False)

    segments = [
        seg("hello@example.org", 76, 195, 72), seg("123-456-7890", 237, 305, 72), seg("NYC, NY", 347, 387, 72),
        seg("WORK EXPERIENCE", 100, 203, 100), seg("ABC Company", 60, 131, 119),
        seg("Software Engineer", 60, 149, 136), seg("May 2023 - Present", 457, 552, 136),
    ]
    lines = [line.text for line in _order_page(segments, 612, 1)]
    assert lines == ["hello@example.org  123-456-7890  NYC, NY", "WORK EXPERIENCE", "ABC Company",
                     "Software Engineer  May 2023 - Present"]
