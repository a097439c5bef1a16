"""JSON Resume (jsonresume.org schema v1.0.0) import and export of the CV document.

Export writes every value JSON Resume has a standard place for in that place. What it has
no place for (courses, talks, credential ids, a date that is not ISO 8601, ...) travels in
`meta["x-resume2website"]` as a patch over what the standard fields give back, so an export
followed by an import returns the same document. Import reads any third-party JSON Resume:
unknown keys are ignored, missing ones are empty, and a value of the wrong kind is a
ValueError naming where it is.
"""
from __future__ import annotations

import re
from typing import Any

from .schema import DATE_RE, cv_document_dump, cv_document_validate

SCHEMA_URL = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
EXTENSION = "x-resume2website"
_LEGACY_EXTENSION = "resume2website"
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-\d{2}(?:[T ].*)?)?)?$")


# ---------------------------------------------------------------------------- reading
def _where(path: str, key: str | int) -> str:
    return f"{path}[{key}]" if isinstance(key, int) else (f"{path}.{key}" if path else key)


def _obj(parent: dict, key: str, path: str) -> dict:
    value = parent.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValueError(f"{_where(path, key)} must be an object")
    return value


def _items(parent: dict, key: str, path: str = "") -> list[dict]:
    value = parent.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError(f"{_where(path, key)} must be a list")
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            raise ValueError(f"{_where(_where(path, key), i)} must be an object")
    return value


def _text(obj: dict, key: str, path: str, *, numbers: bool = False) -> str | None:
    value = obj.get(key)
    if value is None or isinstance(value, str):
        return value or None
    if numbers and isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise ValueError(f"{_where(path, key)} must be a string")


def _texts(obj: dict, key: str, path: str) -> list[str]:
    value = obj.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{_where(path, key)} must be a list of strings")
    return list(value)


def _date(obj: dict, key: str, path: str) -> str | None:
    """JSON Resume dates are ISO 8601 (YYYY-MM-DD, YYYY-MM or YYYY); ours stop at the month."""
    value = _text(obj, key, path)
    if value is None:
        return None
    match = _ISO_DATE.match(value.strip())
    if not match:
        raise ValueError(f"{_where(path, key)} is not an ISO 8601 date: {value[:40]!r}")
    return f"{match[1]}-{match[2]}" if match[2] else match[1]


def _range(obj: dict, path: str, *, ongoing: bool) -> dict | None:
    """A date range; with `ongoing`, a start without an end means "to present"."""
    start, end = _date(obj, "startDate", path), _date(obj, "endDate", path)
    if not (start or end):
        return None
    return {"startDate": start, "endDate": end, "isCurrent": True if ongoing and start and not end else None}


def _from_standard(data: dict) -> dict:
    """The CV document the standard JSON Resume fields describe (not yet validated)."""
    basics = _obj(data, "basics", "")
    loc = _obj(basics, "location", "basics")
    cv: dict[str, Any] = {}
    hero = {"fullName": _text(basics, "name", "basics"), "professionalTitle": _text(basics, "label", "basics"),
            "profilePhotoUrl": _text(basics, "image", "basics") or _text(basics, "picture", "basics")}
    if any(hero.values()):
        cv["hero"] = hero
    location = {"city": _text(loc, "city", "basics.location"), "state": _text(loc, "region", "basics.location"),
                "country": _text(loc, "countryCode", "basics.location")}
    links = []
    for i, p in enumerate(_items(basics, "profiles", "basics")):
        where = f"basics.profiles[{i}]"
        url, network = _text(p, "url", where), _text(p, "network", where)
        if url or network:
            links.append({"platform": network, "url": url})
    site = _text(basics, "url", "basics") or _text(basics, "website", "basics")
    if site and not any(link["url"] == site for link in links):
        links.insert(0, {"platform": "Website", "url": site})
    contact = {"email": _text(basics, "email", "basics"), "phone": _text(basics, "phone", "basics"),
               "location": location if any(location.values()) else None, "professionalLinks": links}
    if any(contact.values()):
        cv["contact"] = contact
    if summary := _text(basics, "summary", "basics"):
        cv["summary"] = {"summaryText": summary}

    def section(name: str, items_key: str, source: str, build) -> None:
        items = [build(item, f"{source}[{i}]") for i, item in enumerate(_items(data, source))]
        if items:
            cv[name] = {items_key: items}

    section("experience", "experienceItems", "work", lambda w, at: {
        "jobTitle": _text(w, "position", at), "companyName": _text(w, "name", at) or _text(w, "company", at),
        "location": _text(w, "location", at), "dateRange": _range(w, at, ongoing=True),
        "responsibilitiesAndAchievements": _texts(w, "highlights", at) or _texts(w, "summary", at),
    })
    section("education", "educationItems", "education", lambda e, at: {
        "institution": _text(e, "institution", at), "degree": _text(e, "studyType", at),
        "fieldOfStudy": _text(e, "area", at), "dateRange": _range(e, at, ongoing=False),
        "gpa": _text(e, "score", at, numbers=True), "relevantCoursework": _texts(e, "courses", at),
    })
    skills = _items(data, "skills")
    if skills:
        cats = [{"categoryName": _text(s, "name", f"skills[{i}]"), "skills": _texts(s, "keywords", f"skills[{i}]")}
                for i, s in enumerate(skills)]
        cv["skills"] = {"skillCategories": [c for c in cats if c["categoryName"]],
                        "ungroupedSkills": [k for c in cats if not c["categoryName"] for k in c["skills"]]}
    section("projects", "projectItems", "projects", lambda p, at: {
        "title": _text(p, "name", at), "description": _text(p, "description", at), "projectUrl": _text(p, "url", at),
        "technologiesUsed": _texts(p, "keywords", at), "dateRange": _range(p, at, ongoing=True),
    })
    section("achievements", "achievements", "awards", lambda a, at: {
        "label": _text(a, "title", at), "timeframe": _text(a, "date", at), "contextOrDetail": _text(a, "awarder", at),
        "value": _text(a, "summary", at),
    })
    section("certifications", "certificationItems", "certificates", lambda c, at: {
        "title": _text(c, "name", at), "issuingOrganization": _text(c, "issuer", at), "issueDate": _date(c, "date", at),
        "verificationUrl": _text(c, "url", at),
    })
    section("languages", "languageItems", "languages", lambda x, at: {
        "language": _text(x, "language", at), "proficiency": _text(x, "fluency", at),
    })
    section("volunteer", "volunteerItems", "volunteer", lambda v, at: {
        "role": _text(v, "position", at), "organization": _text(v, "organization", at),
        "dateRange": _range(v, at, ongoing=True), "description": _text(v, "summary", at),
    })
    section("publications", "publications", "publications", lambda p, at: {
        "title": _text(p, "name", at), "journalName": _text(p, "publisher", at),
        "publicationDate": _date(p, "releaseDate", at), "publicationUrl": _text(p, "url", at),
    })
    section("hobbies", "hobbyItems", "interests", lambda h, at: {
        "name": _text(h, "name", at), "description": "; ".join(_texts(h, "keywords", at)) or None,
    })
    return cv


# ---------------------------------------------------------------------------- the patch
def _diff(old, new):
    """How to turn `old` into `new`, or None when they are equal."""
    if old == new:
        return None
    if isinstance(old, dict) and isinstance(new, dict):
        return {"fields": {k: d for k in new if (d := _diff(old.get(k), new[k])) is not None}}
    if (isinstance(old, list) and isinstance(new, list) and len(old) == len(new)
            and all(isinstance(v, dict) for v in old + new)):
        return {"items": [_diff(o, n) for o, n in zip(old, new)]}
    return {"set": new}


def _apply(value, patch):
    if patch is None:
        return value
    if not isinstance(patch, dict):
        raise ValueError(f"meta.{EXTENSION} is damaged")
    if "set" in patch:
        return patch["set"]
    if isinstance(patch.get("fields"), dict):
        out = dict(value) if isinstance(value, dict) else {}
        for key, sub in patch["fields"].items():
            out[key] = _apply(out.get(key), sub)
        return out
    if isinstance(patch.get("items"), list):
        # An item added or removed by hand since the export: the patch no longer lines up.
        if not isinstance(value, list) or len(value) != len(patch["items"]):
            return value
        return [_apply(v, p) for v, p in zip(value, patch["items"])]
    raise ValueError(f"meta.{EXTENSION} is damaged")


def _canonical(cv: dict) -> dict:
    return cv_document_dump(cv_document_validate(cv))


# ---------------------------------------------------------------------------- export / import
def _dates(item: dict) -> dict:
    dr = item.get("dateRange") or {}
    return {k: dr[k] for k in ("startDate", "endDate") if dr.get(k)}


def _iso(value: str | None) -> str | None:
    return value if value and DATE_RE.match(value) else None


def _to_standard(cv: dict) -> dict:
    hero, contact, summary = cv["hero"] or {}, cv["contact"] or {}, cv["summary"] or {}
    loc = contact.get("location") or {}

    def items(section: str, key: str) -> list[dict]:
        return (cv[section] or {}).get(key) or []

    skills_section = cv["skills"] or {}
    skills = [{"name": c["categoryName"], "keywords": c["skills"]} for c in skills_section.get("skillCategories") or []]
    if skills_section.get("ungroupedSkills"):
        skills.append({"keywords": skills_section["ungroupedSkills"]})
    resume = {
        "basics": {
            "name": hero.get("fullName"), "label": hero.get("professionalTitle"), "image": hero.get("profilePhotoUrl"),
            "email": contact.get("email"), "phone": contact.get("phone"), "summary": summary.get("summaryText"),
            "location": {"city": loc.get("city"), "region": loc.get("state"), "countryCode": loc.get("country")},
            "profiles": [{"network": link["platform"], "url": link["url"]} for link in contact.get("professionalLinks") or []],
        },
        "work": [{"name": w["companyName"], "position": w["jobTitle"], "location": w["location"], **_dates(w),
                  "highlights": w["responsibilitiesAndAchievements"]} for w in items("experience", "experienceItems")],
        "volunteer": [{"organization": v["organization"], "position": v["role"], "summary": v["description"], **_dates(v)}
                      for v in items("volunteer", "volunteerItems")],
        "education": [{"institution": e["institution"], "studyType": e["degree"], "area": e["fieldOfStudy"], **_dates(e),
                       "score": e["gpa"], "courses": e["relevantCoursework"]} for e in items("education", "educationItems")],
        "awards": [{"title": a["label"], "date": _iso(a["timeframe"]), "awarder": a["contextOrDetail"], "summary": a["value"]}
                   for a in items("achievements", "achievements")],
        "certificates": [{"name": c["title"], "issuer": c["issuingOrganization"], "date": c["issueDate"],
                          "url": c["verificationUrl"]} for c in items("certifications", "certificationItems")],
        "publications": [{"name": p["title"], "publisher": p["journalName"], "releaseDate": p["publicationDate"],
                          "url": p["publicationUrl"]} for p in items("publications", "publications")],
        "skills": skills,
        "languages": [{"language": x["language"], "fluency": x["proficiency"]} for x in items("languages", "languageItems")],
        "interests": [{"name": h["name"], "keywords": [h["description"]] if h["description"] else []}
                      for h in items("hobbies", "hobbyItems")],
        "projects": [{"name": p["title"], "description": p["description"], "url": p["projectUrl"],
                      "keywords": p["technologiesUsed"], **_dates(p)} for p in items("projects", "projectItems")],
    }
    return _clean(resume)


def _clean(data):
    """No null or empty values; list entries stay (even when empty) so they keep their places."""
    if isinstance(data, dict):
        out = {k: _clean(v) for k, v in data.items()}
        return {k: v for k, v in out.items() if v not in (None, "", [], {})}
    if isinstance(data, list):
        return [_clean(v) for v in data]
    return data


def to_json_resume(cv: dict) -> dict:
    """A JSON Resume v1.0.0 document for a CV document (raises ValueError on an invalid one)."""
    cv = _canonical(cv)
    resume = _to_standard(cv)
    try:
        back = _canonical(_from_standard(resume))
    except ValueError:
        back = _canonical({})
    resume["$schema"] = SCHEMA_URL
    resume["meta"] = {"version": "v1.0.0"}
    patch = _diff(back, cv)
    if patch is not None:
        resume["meta"][EXTENSION] = {"format": 1, "patch": patch}
    return resume


def from_json_resume(data: dict) -> dict:
    """A CV document from a JSON Resume, validated through the CV schema.

    Raises ValueError (with where and why) for anything that is not a JSON Resume.
    """
    if not isinstance(data, dict):
        raise ValueError("a JSON Resume document must be a JSON object")
    cv = _canonical(_from_standard(data))
    meta = _obj(data, "meta", "")
    extension = _obj(meta, EXTENSION, "meta")
    if extension:
        cv = _canonical(_apply(cv, extension.get("patch")))
    else:
        legacy = _obj(meta, _LEGACY_EXTENSION, "meta")
        for section in ("courses", "speaking"):
            if legacy.get(section):
                cv = _canonical({**cv, section: legacy[section]})
    return cv
