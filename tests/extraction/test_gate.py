"""Resume Gate: real CVs pass (any language where the structure is there), other documents do not."""
import pytest

from cvs.extraction.gate import resume_gate_score
from cvs.extraction.text import extract_text
from tests.extraction.makers import CORPUS, CV_LINES, NOT_CVS, SAMPLES, make_docx, make_pdf

CORPUS_FILES = sorted(p for p in (CORPUS / "files").iterdir() if p.suffix in (".pdf", ".docx", ".txt", ".rtf"))


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
def test_it_accepts_every_cv_of_the_corpus(path):
    doc = extract_text(path.read_bytes(), path.suffix.lstrip("."))
    result = resume_gate_score(doc.text)
    assert result.passed, (result.score, result.signals)


@pytest.mark.skipif(not SAMPLES.exists(), reason="shared samples are not beside the repository")
@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.pdf")), ids=lambda p: p.name)
def test_it_accepts_real_cvs(path):
    result = resume_gate_score(extract_text(path.read_bytes(), "pdf").text)
    assert result.passed, (result.score, result.signals)


@pytest.mark.parametrize("kind", sorted(NOT_CVS))
def test_it_refuses_documents_that_are_not_cvs(kind):
    data = make_pdf([NOT_CVS[kind]])
    try:
        text = extract_text(data, "pdf").text
    except Exception:  # a blank page has no text at all
        text = ""
    result = resume_gate_score(text)
    assert not result.passed, (result.score, result.signals)
    assert result.score < 40
    assert result.reason.startswith(("This file does not look like a CV", "We could find almost no text"))
    assert result.suggestion


def test_the_refusal_says_what_is_missing_and_what_was_found():
    result = resume_gate_score("\n".join(NOT_CVS["invoice"]))
    assert "prices or amounts" in result.reason
    assert "contact details" in result.reason
    assert "Experience, Education and Skills" in result.suggestion


def test_a_word_cv_passes_through_the_real_reader():
    result = resume_gate_score(extract_text(make_docx(CV_LINES), "docx").text)
    assert result.passed and result.score >= 80


@pytest.mark.parametrize(
    "lines",
    [
        ["Clara Rossi", "clara.rossi@libero.it | +39 347 123 4567", "ESPERIENZA PROFESSIONALE",
         "Responsabile marketing, Barilla   03/2018 - oggi", "- Gestione del budget digitale", "ISTRUZIONE",
         "Laurea in Economia, Università Bocconi   2012 - 2017", "COMPETENZE", "Google Ads, SEO, Excel", "LINGUE",
         "Italiano (madrelingua), Inglese (C1)"],
        ["Ana Souza", "ana.souza@gmail.com | +55 11 91234 5678", "EXPERIÊNCIA PROFISSIONAL",
         "Engenheira de software, Nubank   01/2020 - atual", "- Desenvolvimento de APIs em Clojure", "FORMAÇÃO",
         "Bacharelado em Ciência da Computação, USP   2014 - 2019", "HABILIDADES", "Clojure, Kafka, AWS"],
        ["Pieter de Vries", "pieter@devries.nl | +31 6 12345678", "WERKERVARING",
         "Verpleegkundige, UMC Utrecht   2016 - heden", "- Zorg op de intensive care", "OPLEIDING",
         "HBO Verpleegkunde, Hogeschool Utrecht   2012 - 2016", "VAARDIGHEDEN", "Intensive care, Triage"],
    ],
    ids=["italian", "portuguese", "dutch"],
)
def test_it_accepts_cvs_in_other_languages(lines):
    result = resume_gate_score("\n".join(lines))
    assert result.passed, (result.score, result.signals)


def test_the_threshold_comes_from_settings(settings):
    text = "\n".join(CV_LINES)
    score = resume_gate_score(text).score
    settings.RESUME_GATE_THRESHOLD = score + 1
    assert not resume_gate_score(text).passed
    settings.RESUME_GATE_THRESHOLD = score
    assert resume_gate_score(text).passed
