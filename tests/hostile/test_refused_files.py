"""Damaged and oversized files are refused with a clear code and message, never a 500."""
from pathlib import Path

import pytest

from cvs.extraction.pdf import pdf_quick_text
from cvs.extraction.text import TextExtractionError, extract_text
from tests.hostile import corpus
from tests.hostile.test_hostile_uploads import post  # noqa: F401

DAMAGED = Path(__file__).parent / "files" / "damaged_page.pdf"


def test_a_damaged_pdf_is_refused_as_corrupt_at_upload(post):
    resp, job = post("cv.pdf", DAMAGED.read_bytes())
    assert job is None and resp.status_code == 422, resp.json()
    assert resp.json()["error"] == "corrupt"
    assert "damaged" in resp.json()["detail"]


@pytest.mark.parametrize("read", [lambda d: extract_text(d, "pdf"), pdf_quick_text])
def test_a_damaged_pdf_is_refused_as_corrupt_by_the_readers(read):
    with pytest.raises(TextExtractionError) as caught:
        read(DAMAGED.read_bytes())
    assert caught.value.code == "corrupt" and "damaged" in caught.value.detail


def test_a_pixel_bomb_image_is_refused_as_too_large(post):
    resp, job = post("cv.png", corpus.png_huge())
    assert job is None and resp.status_code == 422 and resp.json()["error"] == "too_large"
    assert "too large" in resp.json()["detail"] and "Scale it down" in resp.json()["detail"]


def test_a_pdf_deflate_bomb_is_refused_as_too_large_quickly(post):
    resp, job = post("cv.pdf", corpus.pdf_deflate_bomb())
    assert job is None and resp.status_code == 422 and resp.json()["error"] == "too_large"
    assert "expands to far more data" in resp.json()["detail"]


def test_a_pdf_deflate_bomb_is_refused_by_extraction():
    with pytest.raises(TextExtractionError) as caught:
        extract_text(corpus.pdf_deflate_bomb(), "pdf")
    assert caught.value.code == "too_large"
