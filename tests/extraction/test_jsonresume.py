"""JSON Resume import and export."""
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cvs.extraction.jsonresume import EXTENSION, from_json_resume, to_json_resume
from cvs.extraction.schema import cv_document_dump, cv_document_validate
from tests.extraction.makers import CORPUS
from tests.fuzz.strategies import cv_documents, json_values

PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))

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


def test_an_empty_json_resume_gives_an_empty_document_and_junk_is_a_clear_error():
    empty = cv_document_dump(cv_document_validate({}))
    assert from_json_resume({}) == empty
    assert from_json_resume({"basics": None, "work": [], "unknown": {"x": 1}}) == empty
    for junk, where in [("not a resume", "JSON object"), ({"work": "x"}, "work must be a list"),
                        ({"work": ["x"]}, "work[0] must be an object"), ({"basics": {"name": 42}}, "basics.name"),
                        ({"basics": {"location": []}}, "basics.location"),
                        ({"education": [{"startDate": "Spring 2019"}]}, "education[0].startDate"),
                        ({"meta": {EXTENSION: {"patch": "x"}}}, EXTENSION)]:
        with pytest.raises(ValueError, match=re.escape(where)):
            from_json_resume(junk)


@PROPERTY
@given(cv_documents)
def test_every_cv_document_survives_export_then_import(doc):
    canonical = cv_document_dump(cv_document_validate(doc))
    exported = json.loads(json.dumps(to_json_resume(canonical)))
    assert from_json_resume(exported) == canonical


@PROPERTY
@given(cv_documents)
def test_without_the_extension_every_standard_value_still_comes_back(doc):
    """A tool that drops `meta` keeps what JSON Resume has a place for: names, dates, certificates."""
    canonical = cv_document_dump(cv_document_validate(doc))
    resume = to_json_resume(canonical)
    resume.pop("meta")
    plain = from_json_resume(resume)
    for key, ours in [("work", "experience"), ("education", "education"), ("projects", "projects"),
                      ("certificates", "certifications"), ("volunteer", "volunteer")]:
        items_key = {"experience": "experienceItems", "education": "educationItems", "projects": "projectItems",
                     "certifications": "certificationItems", "volunteer": "volunteerItems"}[ours]
        assert len((plain[ours] or {}).get(items_key) or []) == len(resume.get(key) or [])
        assert len(resume.get(key) or []) == len((canonical[ours] or {}).get(items_key) or [])
    for before, after in zip((canonical["projects"] or {}).get("projectItems") or [],
                             (plain["projects"] or {}).get("projectItems") or []):
        start = (before["dateRange"] or {}).get("startDate")
        assert (after["dateRange"] or {}).get("startDate") == (start or None)
    for before, after in zip((canonical["certifications"] or {}).get("certificationItems") or [],
                             (plain["certifications"] or {}).get("certificationItems") or []):
        fields = ("title", "issuingOrganization", "issueDate", "verificationUrl")
        assert [after[f] for f in fields] == [before[f] or None for f in fields]  # "" and null say the same


@PROPERTY
@given(st.one_of(json_values, st.dictionaries(st.sampled_from(
    ["basics", "work", "education", "skills", "projects", "awards", "certificates", "languages", "volunteer",
     "publications", "interests", "meta", "references"]), json_values, max_size=6)))
def test_junk_is_a_value_error_or_a_valid_document(junk):
    try:
        cv = from_json_resume(junk)
    except ValueError:
        return
    cv_document_validate(cv)


def test_items_without_names_and_dates_keep_their_places():
    cv = cv_document_dump(cv_document_validate({
        "experience": {"experienceItems": [{"jobTitle": None, "technologiesUsed": ["Go"]}, {"companyName": "Acme"}]},
        "certifications": {"certificationItems": [{"issuingOrganization": "AWS", "credentialId": "X-1",
                                                    "expirationDate": "2027-01"}]},
        "projects": {"projectItems": [{"dateRange": {"startDate": "2020-01", "endDate": "2021"}}]},
        "education": {"educationItems": [{"institution": "MIT", "dateRange": {"startDate": "2018"}}]},
        "skills": {"skillCategories": [{"categoryName": None, "skills": ["SQL"]}], "ungroupedSkills": ["Git"]},
        "achievements": {"achievements": [{"label": "Prize", "timeframe": "Spring 2020"}]},
        "courses": {"courseItems": [{"title": "Kubernetes"}]},
        "speaking": {"speakingEngagements": [{"event": "PyCon"}]},
    }))
    resume = to_json_resume(cv)
    assert resume["certificates"] == [{"issuer": "AWS"}]
    assert resume["projects"] == [{"startDate": "2020-01", "endDate": "2021"}]
    assert resume["education"][0] == {"institution": "MIT", "startDate": "2018"}
    assert "date" not in resume["awards"][0]  # not an ISO 8601 date: it travels in the extension
    assert from_json_resume(resume) == cv
    assert from_json_resume(resume)["education"]["educationItems"][0]["dateRange"]["isCurrent"] is None


def test_an_exported_file_edited_by_hand_keeps_the_edit_and_the_extension():
    cv = cv_document_dump(cv_document_validate({
        "experience": {"experienceItems": [{"jobTitle": "Dev", "companyName": "Acme", "technologiesUsed": ["Go"]}]},
        "courses": {"courseItems": [{"title": "Kubernetes"}]},
    }))
    resume = to_json_resume(cv)
    resume["work"][0]["position"] = "Lead Dev"
    back = from_json_resume(resume)
    assert back["experience"]["experienceItems"][0]["jobTitle"] == "Lead Dev"
    assert back["experience"]["experienceItems"][0]["technologiesUsed"] == ["Go"]
    assert back["courses"] == cv["courses"]
    resume["work"].append({"name": "Initech", "position": "Intern"})  # the patch no longer lines up: standard values win
    back = from_json_resume(resume)
    assert [w["companyName"] for w in back["experience"]["experienceItems"]] == ["Acme", "Initech"]


# The sample resume published with the JSON Resume schema (jsonresume/resume-schema, sample.resume.json).
REAL_WORLD = {
    "$schema": "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json",
    "basics": {
        "name": "Richard Hendriks", "label": "Programmer", "image": "", "email": "richard.hendriks@mail.com",
        "phone": "(912) 555-4321", "url": "http://richardhendricks.example.com",
        "summary": "Richard hails from Tulsa. He has earned degrees from the University of Oklahoma and Stanford.",
        "location": {"address": "2712 Broadway St", "postalCode": "CA 94115", "city": "San Francisco",
                     "countryCode": "US", "region": "California"},
        "profiles": [{"network": "Twitter", "username": "neutralthoughts", "url": ""},
                     {"network": "SoundCloud", "username": "dandymusicnl", "url": "https://soundcloud.example.com/dandymusicnl"}],
    },
    "work": [{"name": "Pied Piper", "location": "Palo Alto, CA", "description": "Awesome compression company",
              "position": "CEO/President", "url": "http://piedpiper.example.com", "startDate": "2013-12-01",
              "endDate": "2014-12-01", "summary": "Pied Piper is a multi-platform technology.",
              "highlights": ["Build an algorithm for artist to detect if their music was violating copy right infringement laws"]}],
    "volunteer": [{"organization": "CoderDojo", "position": "Teacher", "url": "http://coderdojo.example.com/",
                   "startDate": "2012-01-01", "endDate": "2013-01-01", "summary": "Global movement of free coding clubs.",
                   "highlights": ["Awarded 'Teacher of the Month'"]}],
    "education": [{"institution": "University of Oklahoma", "url": "https://www.ou.edu/", "area": "Information Technology",
                   "studyType": "Bachelor", "startDate": "2011-06-01", "endDate": "2014-01-01", "score": "4.0",
                   "courses": ["DB1101 - Basic SQL", "CS2011 - Java Introduction"]}],
    "awards": [{"title": "Digital Compression Pioneer Award", "date": "2014-11-01", "awarder": "Techcrunch",
                "summary": "There is no spoon."}],
    "certificates": [{"name": "Certified Kubernetes Administrator", "date": "2018-01-01", "url": "https://example.com",
                      "issuer": "CNCF"}],
    "publications": [{"name": "Video compression for 3d media", "publisher": "Hooli", "releaseDate": "2014-10-01",
                      "url": "http://en.wikipedia.org/wiki/Silicon_Valley_(TV_series)", "summary": "Innovative middle-out."}],
    "skills": [{"name": "Web Development", "level": "Master", "keywords": ["HTML", "CSS", "Javascript"]},
               {"name": "Compression", "level": "Master", "keywords": ["Mpeg", "MP4", "GIF"]}],
    "languages": [{"language": "English", "fluency": "Native speaker"}],
    "interests": [{"name": "Wildlife", "keywords": ["Ferrets", "Unicorns"]}],
    "references": [{"name": "Erlich Bachman", "reference": "It is my pleasure to recommend Richard."}],
    "projects": [{"name": "Miss Direction", "description": "A mapping engine that misguides you",
                  "highlights": ["Won award at AIHacks 2016"], "keywords": ["GoogleMaps", "Chrome Extension"],
                  "startDate": "2016-08-24", "endDate": "2016-08-24", "url": "missdirection.example.com",
                  "roles": ["Team lead", "Designer"], "entity": "Smoogle", "type": "application"}],
    "meta": {"canonical": "https://raw.githubusercontent.com/jsonresume/resume-schema/master/resume.json",
             "version": "v1.0.0", "lastModified": "2017-12-24T15:53:00"},
}


def test_the_json_resume_sample_is_imported():
    cv = from_json_resume(json.loads(json.dumps(REAL_WORLD)))
    assert cv["hero"] == {"fullName": "Richard Hendriks", "professionalTitle": "Programmer", "profilePhotoUrl": None}
    assert cv["contact"]["location"] == {"city": "San Francisco", "state": "California", "country": "US"}
    assert cv["contact"]["professionalLinks"] == [
        {"platform": "Website", "url": "http://richardhendricks.example.com"},
        {"platform": "Twitter", "url": None},
        {"platform": "SoundCloud", "url": "https://soundcloud.example.com/dandymusicnl"}]
    job = cv["experience"]["experienceItems"][0]
    assert (job["companyName"], job["jobTitle"], job["location"]) == ("Pied Piper", "CEO/President", "Palo Alto, CA")
    assert job["dateRange"] == {"startDate": "2013-12", "endDate": "2014-12", "isCurrent": None}
    school = cv["education"]["educationItems"][0]
    assert (school["degree"], school["fieldOfStudy"], school["gpa"]) == ("Bachelor", "Information Technology", "4.0")
    assert school["relevantCoursework"] == ["DB1101 - Basic SQL", "CS2011 - Java Introduction"]
    assert cv["certifications"]["certificationItems"] == [{
        "title": "Certified Kubernetes Administrator", "issuingOrganization": "CNCF", "issueDate": "2018-01",
        "expirationDate": None, "credentialId": None, "verificationUrl": "https://example.com"}]
    assert cv["publications"]["publications"][0]["publicationDate"] == "2014-10"
    assert cv["achievements"]["achievements"][0] == {"value": "There is no spoon.", "label": "Digital Compression Pioneer Award",
                                                     "contextOrDetail": "Techcrunch", "timeframe": "2014-11-01"}
    assert [c["categoryName"] for c in cv["skills"]["skillCategories"]] == ["Web Development", "Compression"]
    assert cv["projects"]["projectItems"][0]["dateRange"] == {"startDate": "2016-08", "endDate": "2016-08", "isCurrent": None}
    assert cv["volunteer"]["volunteerItems"][0]["role"] == "Teacher"
    assert cv["hobbies"]["hobbyItems"] == [{"name": "Wildlife", "description": "Ferrets; Unicorns"}]
    # and what was imported survives our own export and import
    assert from_json_resume(to_json_resume(cv)) == cv


def test_a_json_resume_with_numbers_for_scores_and_a_string_of_highlights_is_read():
    cv = from_json_resume({"education": [{"institution": "ETH", "score": 5.5}],
                           "work": [{"name": "Acme", "summary": "Built things", "startDate": "2020"}]})
    assert cv["education"]["educationItems"][0]["gpa"] == "5.5"
    item = cv["experience"]["experienceItems"][0]
    assert item["responsibilitiesAndAchievements"] == ["Built things"]
    assert item["dateRange"] == {"startDate": "2020", "endDate": None, "isCurrent": True}
