"""JSON Resume import and export."""
import json

import pytest

from cvs.extraction.jsonresume import from_json_resume, to_json_resume
from cvs.extraction.schema import cv_document_dump, cv_document_validate
from tests.extraction.makers import CORPUS

EXPECTED = sorted((CORPUS / "expected").glob("*.json"))


@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: p.stem)
def test_export_then_import_gives_the_same_document(path):
    cv = json.loads(path.read_text(encoding="utf-8"))["cv"]
    assert from_json_resume(to_json_resume(cv)) == cv


def test_export_follows_the_json_resume_shape():
    cv = json.loads((CORPUS / "expected" / "data_scientist_docx.json").read_text(encoding="utf-8"))["cv"]
    resume = to_json_resume(cv)
    assert resume["basics"]["name"] == "Priya Raghavan"
    assert resume["basics"]["email"] == "priya.raghavan@proton.me"
    assert {p["network"] for p in resume["basics"]["profiles"]} >= {"GitHub", "LinkedIn"}
    work = resume["work"][0]
    assert (work["name"], work["position"], work["startDate"]) == ("Airbnb", "Senior Data Scientist", "2021")
    assert "endDate" not in work  # current job
    assert resume["education"][0]["studyType"] == "PhD" and resume["education"][0]["area"] == "Statistics"
    assert resume["publications"][0]["publisher"] == "Journal of Causal Inference"


def test_a_plain_json_resume_is_imported():
    resume = {
        "basics": {"name": "Sam Lee", "label": "Nurse", "email": "sam@example.org", "url": "https://sam.example.org",
                   "location": {"city": "Leeds", "countryCode": "GB"}, "profiles": [{"network": "LinkedIn", "url": "https://linkedin.com/in/sam"}]},
        "work": [{"name": "NHS", "position": "Staff Nurse", "startDate": "2019-04-01", "highlights": ["Night shifts"]}],
        "education": [{"institution": "University of Leeds", "studyType": "BSc", "area": "Nursing", "endDate": "2019"}],
        "skills": [{"name": "Clinical", "keywords": ["Triage"]}],
        "languages": [{"language": "English", "fluency": "Native"}],
        "interests": [{"name": "Running"}],
    }
    cv = from_json_resume(resume)
    cv_document_validate(cv)
    assert cv["hero"] == {"fullName": "Sam Lee", "professionalTitle": "Nurse", "profilePhotoUrl": None}
    assert cv["contact"]["professionalLinks"][0] == {"platform": "Website", "url": "https://sam.example.org"}
    assert cv["experience"]["experienceItems"][0]["dateRange"] == {"startDate": "2019-04", "endDate": None, "isCurrent": True}
    assert cv["education"]["educationItems"][0]["dateRange"]["endDate"] == "2019"
    assert cv["skills"]["skillCategories"] == [{"categoryName": "Clinical", "skills": ["Triage"]}]
    assert cv["hobbies"]["hobbyItems"] == [{"name": "Running", "description": None}]


def test_an_empty_or_junk_json_resume_gives_an_empty_document():
    empty = cv_document_dump(cv_document_validate({}))
    assert from_json_resume({}) == empty
    assert from_json_resume("not a resume") == empty
