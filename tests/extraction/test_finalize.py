"""finalize(): normalise, ground every value in the source text, score confidence."""
from cvs.extraction.postprocess import finalize
from cvs.extraction.schema import SECTION_NAMES, cv_document_validate

SOURCE = """Jane Doe
Staff Engineer
jane.doe@Example.ORG | 0044 20 7946 0958 | London, United Kingdom | linkedin.com/in/janedoe
EXPERIENCE
Staff Engineer, Monzo   Jan 2020 – Present
- Led the payments platform team of eight engineers
Senior Engineer, Deliveroo   Sept. 2016 to Dec 2019
EDUCATION
BSc in Computer Science, University of Leeds   2012 – 2016
SKILLS
Python, Go, Kubernetes
"""


def _cv(**overrides):
    cv = {
        "hero": {"fullName": "Jane Doe", "professionalTitle": "Staff Engineer"},
        "contact": {"email": "jane.doe@Example.ORG", "phone": "0044 20 7946 0958",
                    "professionalLinks": [{"platform": "LinkedIn", "url": "linkedin.com/in/janedoe"}]},
        "experience": {"experienceItems": [
            {"jobTitle": "Staff Engineer", "companyName": "Monzo", "dateRange": {"startDate": "Jan 2020", "isCurrent": True},
             "responsibilitiesAndAchievements": ["Led the payments platform team of eight engineers"]},
            {"jobTitle": "Senior Engineer", "companyName": "Deliveroo",
             "dateRange": {"startDate": "Sept. 2016", "endDate": "Dec 2019"}},
        ]},
        "education": {"educationItems": [{"institution": "University of Leeds", "degree": "BSc", "fieldOfStudy": "Computer Science",
                                          "dateRange": {"startDate": "2012", "endDate": "2016"}}]},
        "skills": {"ungroupedSkills": ["Python", "Go", "Kubernetes", "python"]},
    }
    cv.update(overrides)
    return cv


def test_it_normalises_dates_phones_emails_and_urls():
    result = finalize(_cv(), SOURCE)
    cv = result.cv
    assert set(cv) == set(SECTION_NAMES)
    cv_document_validate(cv)
    assert cv["contact"]["email"] == "jane.doe@example.org"
    assert cv["contact"]["phone"] == "+44 20 7946 0958"
    assert cv["contact"]["professionalLinks"] == [{"platform": "LinkedIn", "url": "https://linkedin.com/in/janedoe"}]
    first, second = cv["experience"]["experienceItems"]
    assert first["dateRange"] == {"startDate": "2020-01", "endDate": None, "isCurrent": True}
    assert second["dateRange"] == {"startDate": "2016-09", "endDate": "2019-12", "isCurrent": None}
    assert cv["skills"]["ungroupedSkills"] == ["Python", "Go", "Kubernetes"]  # deduplicated
    assert result.dropped == []
    assert cv["summary"] is None and cv["projects"] is None


def test_grounding_drops_values_that_are_not_in_the_cv():
    invented = _cv(summary={"summaryText": "A visionary leader passionate about synergy and innovation.", "yearsOfExperience": 15})
    invented["experience"]["experienceItems"].append(
        {"jobTitle": "Chief Technology Officer", "companyName": "Google", "dateRange": {"startDate": "2010-01"}})
    invented["contact"]["phone"] = "+1 555 010 9999"
    invented["skills"]["ungroupedSkills"].append("Quantum Computing")
    result = finalize(invented, SOURCE)
    cv = result.cv
    assert cv["summary"] is None  # never a generated summary
    assert [item["companyName"] for item in cv["experience"]["experienceItems"]] == ["Monzo", "Deliveroo"]
    assert cv["contact"]["phone"] is None
    assert "Quantum Computing" not in cv["skills"]["ungroupedSkills"]
    dropped = {d["value"] for d in result.dropped}
    assert {"Chief Technology Officer", "Google", "2010-01", "+1 555 010 9999", "Quantum Computing", 15} <= dropped
    assert result.stats["values_dropped"] == len(result.dropped)


def test_grounding_tolerates_line_breaks_and_small_ocr_slips():
    source = SOURCE.replace("payments platform team", "pay-\nments platfonn team")
    result = finalize(_cv(), source)
    bullets = result.cv["experience"]["experienceItems"][0]["responsibilitiesAndAchievements"]
    assert bullets == ["Led the payments platform team of eight engineers"]


def test_unsafe_urls_are_never_kept():
    cv = _cv()
    cv["contact"]["professionalLinks"] = [{"platform": "Website", "url": "javascript:alert(document.cookie)"}]
    result = finalize(cv, SOURCE + "\njavascript:alert(document.cookie)")
    assert result.cv["contact"]["professionalLinks"] == []
    assert result.dropped[0]["reason"] == "not a valid value"


def test_confidence_reflects_grounding_and_completeness():
    good = finalize(_cv(), SOURCE)
    bad_cv = _cv()
    bad_cv["experience"]["experienceItems"] = [
        {"jobTitle": "Invented Title", "companyName": "Nowhere Inc"}, {"jobTitle": "Staff Engineer"}]
    bad = finalize(bad_cv, SOURCE)
    assert 0 < bad.confidence < good.confidence <= 1
    assert good.section_confidence["hero"] == 1.0
    assert bad.section_confidence["experience"] < good.section_confidence["experience"]


def test_malformed_input_gives_an_empty_valid_document():
    for junk in (None, [], {"hero": "nope", "experience": {"experienceItems": "x"}}, {"unknown": 1}):
        result = finalize(junk, SOURCE)
        cv_document_validate(result.cv)
        assert result.cv["hero"] is None


def test_a_section_that_fails_the_schema_is_dropped_not_the_document():
    cv = _cv(certifications={"certificationItems": [{"title": "CKA", "issueDate": "sometime", "extra": 1}]})
    result = finalize(cv, SOURCE + "\nCKA")
    assert result.cv["certifications"] is None
    assert result.cv["hero"]["fullName"] == "Jane Doe"
    assert any(d["path"] == "certifications" for d in result.dropped)


def test_a_value_wrapped_over_two_lines_is_grounded_but_far_apart_words_are_not():
    source = "Professor of Marine Ecology, University of  September\nSouthampton | Southampton, United Kingdom  2017 – Present\n" + \
        "x" * 400 + "\nGoogle\n"
    cv = {"experience": {"experienceItems": [
        {"jobTitle": "Professor of Marine Ecology", "companyName": "University of Southampton"},
        {"jobTitle": "Professor at Google", "companyName": "Marine Google"},
    ]}}
    result = finalize(cv, source)
    items = result.cv["experience"]["experienceItems"]
    assert items == [{**items[0], "jobTitle": "Professor of Marine Ecology", "companyName": "University of Southampton"}]
    assert {d["value"] for d in result.dropped} == {"Professor at Google", "Marine Google"}


def test_a_reading_that_misses_most_of_the_cv_is_less_confident():
    full = finalize(_cv(), SOURCE)
    partial = finalize({"hero": _cv()["hero"], "contact": _cv()["contact"]}, SOURCE)
    assert full.stats["coverage"] > 2 * partial.stats["coverage"]
    assert partial.confidence < full.confidence
