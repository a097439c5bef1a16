"""The offline pipeline end to end, on real CVs from elsewhere and on the corpus."""
import pytest

from cvs.extraction.pipeline import extract_offline
from cvs.extraction.schema import cv_document_validate
from cvs.extraction.text import TextExtractionError
from tests.extraction.makers import CORPUS, CV_LINES, SAMPLES, make_docx, make_pdf


@pytest.mark.skipif(not SAMPLES.exists(), reason="shared samples are not beside the repository")
@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.pdf")), ids=lambda p: p.name)
def test_real_cvs_give_a_name_and_sections(path):
    result = extract_offline(path.read_bytes(), "pdf")
    cv_document_validate(result.cv)
    assert result.cv["hero"]["fullName"]
    sections = [name for name in ("experience", "education", "skills", "projects") if result.cv[name]]
    assert sections
    assert 0 < result.confidence <= 1
    assert set(result.timings_ms) == {"text", "gate", "sections", "finalize", "total"}


def test_the_pipeline_reads_a_whole_cv():
    result = extract_offline(make_docx(CV_LINES), "docx")
    cv = result.cv
    assert result.gate.passed
    assert cv["hero"] == {"fullName": "Jordan Avery", "professionalTitle": "Product Designer", "profilePhotoUrl": None}
    assert cv["contact"]["email"] == "jordan.avery@example.org"
    assert cv["contact"]["location"] == {"city": "Seattle", "state": "WA", "country": None}
    jobs = cv["experience"]["experienceItems"]
    assert [(j["jobTitle"], j["companyName"]) for j in jobs] == [("Senior Product Designer", "Zillow"), ("Product Designer", "Expedia")]
    assert jobs[0]["dateRange"] == {"startDate": "2019-03", "endDate": None, "isCurrent": True}
    assert jobs[1]["responsibilitiesAndAchievements"] == ["Led design of the mobile checkout"]
    school = cv["education"]["educationItems"][0]
    assert (school["degree"], school["fieldOfStudy"], school["institution"]) == ("BFA", "Interaction Design", "California College of the Arts")
    assert cv["skills"]["skillCategories"] == [{"categoryName": "Design", "skills": ["Figma", "Prototyping", "User research"]}]
    assert [x["language"] for x in cv["languages"]["languageItems"]] == ["English", "Spanish"]


def test_the_summary_is_the_persons_own_words():
    result = extract_offline((CORPUS / "files" / "nurse_docx.docx").read_bytes(), "docx")
    assert result.cv["summary"]["summaryText"] == (
        "Compassionate registered nurse with 7 years on acute medical and intensive care wards, "
        "calm under pressure and committed to patient dignity.")
    assert result.cv["summary"]["yearsOfExperience"] == 7


def test_a_document_that_is_not_a_cv_reports_its_gate_result():
    result = extract_offline(make_pdf([["Lemon Drizzle Cake", "Ingredients", "225g butter", "Preheat the oven to 180C."]]), "pdf")
    assert not result.gate.passed


def test_unreadable_files_raise_a_text_extraction_error():
    with pytest.raises(TextExtractionError):
        extract_offline(b"%PDF-1.4 nothing here", "pdf")


@pytest.mark.skipif(not (SAMPLES / "bjherger_SGresume-1.pdf").exists(), reason="shared samples are not beside the repository")
def test_a_cv_whose_lower_half_has_two_columns_is_read_column_by_column():
    result = extract_offline((SAMPLES / "bjherger_SGresume-1.pdf").read_bytes(), "pdf")
    text = result.document.text
    assert text.index("Bay Area Bike Share") < text.index("Education") < text.index("Skills") < text.index("Interests")
    school = result.cv["education"]["educationItems"][0]
    assert (school["institution"], school["degree"], school["fieldOfStudy"]) == ("Bucknell University", "B.S.", "Physics")
    assert [h["name"] for h in result.cv["hobbies"]["hobbyItems"]][:2] == ["Film and digital photography", "physics"]
