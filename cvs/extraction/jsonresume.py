"""JSON Resume (jsonresume.org schema v1) import and export of the CV document.

Fields JSON Resume has no place for (courses, talks, a few item details) travel in
`meta.resume2website`, so an export followed by an import gives the same document back.
"""
from __future__ import annotations

from .schema import cv_document_dump, cv_document_validate

_EXTRA = "resume2website"


def _dates(item: dict) -> dict:
    dr = item.get("dateRange") or {}
    out = {}
    if dr.get("startDate"):
        out["startDate"] = dr["startDate"]
    if dr.get("endDate"):
        out["endDate"] = dr["endDate"]
    return out


def _range(item: dict, current: bool | None) -> dict | None:
    start, end = item.get("startDate"), item.get("endDate")
    if not (start or end or current):
        return None
    return {"startDate": _month(start), "endDate": _month(end), "isCurrent": current}


def _month(value: str | None) -> str | None:
    """JSON Resume dates are ISO 8601 (YYYY-MM-DD, YYYY-MM or YYYY); ours stop at the month."""
    return value[:7] if value else None


def _clean(data):
    if isinstance(data, dict):
        out = {k: _clean(v) for k, v in data.items()}
        return {k: v for k, v in out.items() if v not in (None, "", [], {})}
    if isinstance(data, list):
        return [c for c in (_clean(v) for v in data) if c not in (None, "", [], {})]
    return data


def to_json_resume(cv: dict) -> dict:
    cv = cv_document_dump(cv_document_validate(cv))
    hero, contact, summary = cv["hero"] or {}, cv["contact"] or {}, cv["summary"] or {}
    loc = contact.get("location") or {}
    links = contact.get("professionalLinks") or []
    extra: dict = {"hero": {}, "contact": {}, "summary": {}, "items": {}}
    for key in ("availability", "nationality", "drivingLicense", "visaStatus"):
        extra["contact"][key] = contact.get(key)
    extra["summary"]["yearsOfExperience"] = summary.get("yearsOfExperience")
    extra["contact"]["hasLocation"] = bool(cv["contact"] and contact.get("location"))
    work = []
    for item in ((cv["experience"] or {}).get("experienceItems") or []):
        work.append({
            "name": item["companyName"], "position": item["jobTitle"], "location": item["location"],
            **_dates(item), "highlights": item["responsibilitiesAndAchievements"],
        })
        extra["items"].setdefault("work", []).append({
            "isCurrent": (item.get("dateRange") or {}).get("isCurrent"), "technologiesUsed": item["technologiesUsed"],
            "employmentType": item["employmentType"], "remoteWork": item["remoteWork"], "hasDates": item["dateRange"] is not None,
        })
    education = []
    for item in ((cv["education"] or {}).get("educationItems") or []):
        education.append({
            "institution": item["institution"], "studyType": item["degree"], "area": item["fieldOfStudy"],
            **_dates(item), "score": item["gpa"], "courses": item["relevantCoursework"],
        })
        extra["items"].setdefault("education", []).append({
            "isCurrent": (item.get("dateRange") or {}).get("isCurrent"), "honors": item["honors"],
            "location": item["location"], "hasDates": item["dateRange"] is not None,
        })
    skills_section = cv["skills"] or {}
    skills = [{"name": c["categoryName"], "keywords": c["skills"]} for c in skills_section.get("skillCategories") or []]
    if skills_section.get("ungroupedSkills"):
        skills.append({"keywords": skills_section["ungroupedSkills"]})
    projects = []
    for item in ((cv["projects"] or {}).get("projectItems") or []):
        projects.append({"name": item["title"], "description": item["description"], "url": item["projectUrl"],
                         "keywords": item["technologiesUsed"], **_dates(item)})
        extra["items"].setdefault("projects", []).append(
            {"isCurrent": (item.get("dateRange") or {}).get("isCurrent"), "hasDates": item["dateRange"] is not None})
    awards = [{"title": a["label"], "date": a["timeframe"], "awarder": a["contextOrDetail"], "summary": a["value"]}
              for a in ((cv["achievements"] or {}).get("achievements") or [])]
    certificates = [{"name": c["title"], "issuer": c["issuingOrganization"], "date": c["issueDate"], "url": c["verificationUrl"]}
                    for c in ((cv["certifications"] or {}).get("certificationItems") or [])]
    extra["items"]["certificates"] = [{"expirationDate": c["expirationDate"], "credentialId": c["credentialId"]}
                                      for c in ((cv["certifications"] or {}).get("certificationItems") or [])]
    languages = [{"language": x["language"], "fluency": x["proficiency"]} for x in ((cv["languages"] or {}).get("languageItems") or [])]
    extra["items"]["languages"] = [{"certification": x["certification"]} for x in ((cv["languages"] or {}).get("languageItems") or [])]
    volunteer = []
    for item in ((cv["volunteer"] or {}).get("volunteerItems") or []):
        volunteer.append({"organization": item["organization"], "position": item["role"], "summary": item["description"], **_dates(item)})
        extra["items"].setdefault("volunteer", []).append(
            {"isCurrent": (item.get("dateRange") or {}).get("isCurrent"), "hasDates": item["dateRange"] is not None})
    publications = [{"name": p["title"], "publisher": p["journalName"], "releaseDate": p["publicationDate"],
                     "url": p["publicationUrl"]} for p in ((cv["publications"] or {}).get("publications") or [])]
    extra["items"]["publications"] = [{"authors": p["authors"], "doi": p["doi"]} for p in ((cv["publications"] or {}).get("publications") or [])]
    interests = [{"name": h["name"], "keywords": [h["description"]] if h["description"] else []}
                 for h in ((cv["hobbies"] or {}).get("hobbyItems") or [])]
    extra["courses"] = cv["courses"]
    extra["speaking"] = cv["speaking"]
    extra["present"] = [name for name, value in cv.items() if value is not None]
    basics = {
        "name": hero.get("fullName"), "label": hero.get("professionalTitle"), "image": hero.get("profilePhotoUrl"),
        "email": contact.get("email"), "phone": contact.get("phone"), "summary": summary.get("summaryText"),
        "location": {"city": loc.get("city"), "region": loc.get("state"), "countryCode": loc.get("country")},
        "profiles": [{"network": link["platform"], "url": link["url"]} for link in links],
    }
    resume = _clean({
        "basics": basics, "work": work, "volunteer": volunteer, "education": education, "awards": awards,
        "certificates": certificates, "publications": publications, "skills": skills, "languages": languages,
        "interests": interests, "projects": projects,
    })
    resume["$schema"] = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
    resume["meta"] = {"version": "v1.0.0", _EXTRA: extra}
    return resume


def _pick(extras: list, index: int) -> dict:
    return extras[index] if index < len(extras) and isinstance(extras[index], dict) else {}


def from_json_resume(data: dict) -> dict:
    """A CV document from a JSON Resume; validated through the CV schema."""
    data = data if isinstance(data, dict) else {}
    extra = ((data.get("meta") or {}).get(_EXTRA)) or {}
    items_extra = extra.get("items") or {}
    basics = data.get("basics") or {}
    loc = basics.get("location") or {}
    cv: dict = {}
    if basics.get("name") or basics.get("label") or basics.get("image"):
        cv["hero"] = {"fullName": basics.get("name"), "professionalTitle": basics.get("label"), "profilePhotoUrl": basics.get("image")}
    location = None
    if any(loc.get(k) for k in ("city", "region", "countryCode")):
        location = {"city": loc.get("city"), "state": loc.get("region"), "country": loc.get("countryCode")}
    links = [{"platform": p.get("network"), "url": p.get("url")} for p in basics.get("profiles") or [] if p.get("url")]
    if basics.get("url") and not any(link["url"] == basics["url"] for link in links):
        links.insert(0, {"platform": "Website", "url": basics["url"]})
    contact_extra = extra.get("contact") or {}
    contact = {"email": basics.get("email"), "phone": basics.get("phone"), "location": location, "professionalLinks": links,
               **{k: contact_extra.get(k) for k in ("availability", "nationality", "drivingLicense", "visaStatus")}}
    if any(v for v in contact.values()):
        cv["contact"] = contact
    years = (extra.get("summary") or {}).get("yearsOfExperience")
    if basics.get("summary") or years is not None:
        cv["summary"] = {"summaryText": basics.get("summary"), "yearsOfExperience": years}

    def dated(item, ex):
        current = ex.get("isCurrent")
        if ex.get("hasDates") is False:
            return None
        return _range(item, current if current is not None else (bool(item.get("startDate")) and not item.get("endDate")) or None)

    work = data.get("work") or []
    if work:
        cv["experience"] = {"experienceItems": [{
            "jobTitle": w.get("position"), "companyName": w.get("name"), "location": w.get("location"),
            "dateRange": dated(w, _pick(items_extra.get("work") or [], i)),
            "responsibilitiesAndAchievements": list(w.get("highlights") or ([w["summary"]] if w.get("summary") else [])),
            "technologiesUsed": _pick(items_extra.get("work") or [], i).get("technologiesUsed") or [],
            "employmentType": _pick(items_extra.get("work") or [], i).get("employmentType"),
            "remoteWork": _pick(items_extra.get("work") or [], i).get("remoteWork"),
        } for i, w in enumerate(work)]}
    education = data.get("education") or []
    if education:
        cv["education"] = {"educationItems": [{
            "institution": e.get("institution"), "degree": e.get("studyType"), "fieldOfStudy": e.get("area"),
            "dateRange": dated(e, _pick(items_extra.get("education") or [], i)), "gpa": e.get("score"),
            "honors": _pick(items_extra.get("education") or [], i).get("honors") or [],
            "relevantCoursework": list(e.get("courses") or []),
            "location": _pick(items_extra.get("education") or [], i).get("location"),
        } for i, e in enumerate(education)]}
    skills = data.get("skills") or []
    if skills:
        cats = [{"categoryName": s.get("name"), "skills": list(s.get("keywords") or [])} for s in skills if s.get("name")]
        ungrouped = [k for s in skills if not s.get("name") for k in s.get("keywords") or []]
        cv["skills"] = {"skillCategories": cats, "ungroupedSkills": ungrouped}
    projects = data.get("projects") or []
    if projects:
        cv["projects"] = {"projectItems": [{
            "title": p.get("name"), "description": p.get("description"), "projectUrl": p.get("url"),
            "technologiesUsed": list(p.get("keywords") or []), "dateRange": dated(p, _pick(items_extra.get("projects") or [], i)),
        } for i, p in enumerate(projects)]}
    awards = data.get("awards") or []
    if awards:
        cv["achievements"] = {"achievements": [{"value": a.get("summary"), "label": a.get("title"),
                                                "contextOrDetail": a.get("awarder"), "timeframe": a.get("date")} for a in awards]}
    certs = data.get("certificates") or []
    if certs:
        cv["certifications"] = {"certificationItems": [{
            "title": c.get("name"), "issuingOrganization": c.get("issuer"), "issueDate": _month(c.get("date")),
            "expirationDate": _pick(items_extra.get("certificates") or [], i).get("expirationDate"),
            "credentialId": _pick(items_extra.get("certificates") or [], i).get("credentialId"), "verificationUrl": c.get("url"),
        } for i, c in enumerate(certs)]}
    languages = data.get("languages") or []
    if languages:
        cv["languages"] = {"languageItems": [{
            "language": x.get("language"), "proficiency": x.get("fluency"),
            "certification": _pick(items_extra.get("languages") or [], i).get("certification"),
        } for i, x in enumerate(languages)]}
    volunteer = data.get("volunteer") or []
    if volunteer:
        cv["volunteer"] = {"volunteerItems": [{
            "role": v.get("position"), "organization": v.get("organization"),
            "dateRange": dated(v, _pick(items_extra.get("volunteer") or [], i)), "description": v.get("summary"),
        } for i, v in enumerate(volunteer)]}
    publications = data.get("publications") or []
    if publications:
        cv["publications"] = {"publications": [{
            "title": p.get("name"), "authors": _pick(items_extra.get("publications") or [], i).get("authors") or [],
            "journalName": p.get("publisher"), "publicationDate": _month(p.get("releaseDate")),
            "doi": _pick(items_extra.get("publications") or [], i).get("doi"), "publicationUrl": p.get("url"),
        } for i, p in enumerate(publications)]}
    interests = data.get("interests") or []
    if interests:
        cv["hobbies"] = {"hobbyItems": [{"name": h.get("name"), "description": "; ".join(h.get("keywords") or []) or None} for h in interests]}
    if extra.get("courses"):
        cv["courses"] = extra["courses"]
    if extra.get("speaking"):
        cv["speaking"] = extra["speaking"]
    if "contact" in cv and not contact_extra.get("hasLocation", True):
        cv["contact"]["location"] = None
    return cv_document_dump(cv_document_validate(cv))
