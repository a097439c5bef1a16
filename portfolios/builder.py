"""CV document + theme → the static files of a website (no build step, no server per site).

`site_render()` is pure: it validates the CV with the one CV schema, turns it into a
display-ready context (dates formatted, links filtered to http/https/mailto/tel, empty
sections left out) and renders the theme's templates with autoescaping on.
"""
import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.template import Context
from django.utils.html import escape

from cvs.extraction.schema import SECTION_NAMES, cv_document_validate
from portfolios.themes import THEMES, theme_engine, theme_stylesheet

SITE_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; font-src 'self'; "
    "base-uri 'none'; form-action 'none'"
)
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
HEX_COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
BARE_HOST_RE = re.compile(r"^(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(/\S*)?$", re.I)
_TAB_NEWLINE_RE = re.compile(r"[\t\n\r]")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
HIDEABLE_SECTIONS = tuple(s for s in SECTION_NAMES if s != "hero")
PHOTO_NAME = "photo.jpg"
SECTION_LABELS = {
    "contact": "Contact",
    "details": "Details",
    "summary": "About",
    "experience": "Experience",
    "education": "Education",
    "skills": "Skills",
    "projects": "Projects",
    "achievements": "Achievements",
    "certifications": "Certifications",
    "languages": "Languages",
    "courses": "Courses",
    "volunteer": "Volunteering",
    "publications": "Publications",
    "speaking": "Speaking",
    "hobbies": "Interests",
}


@dataclass(frozen=True)
class SiteOptions:
    accent: str | None = None
    hidden_sections: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, options: dict | None) -> "SiteOptions":
        options = options or {}
        accent = options.get("accent")
        return cls(
            accent=accent if accent and HEX_COLOR_RE.match(accent) else None,
            hidden_sections=tuple(s for s in options.get("hiddenSections", ()) if s in HIDEABLE_SECTIONS),
        )


def safe_url(value: str | None) -> str | None:
    """The URL if its scheme is http, https, mailto or tel (bare hosts get https://), else None.

    It is read the way browsers read it (WHATWG URL): outer spaces and control characters
    stripped, tabs and newlines removed anywhere, so "java\tscript:" is caught.
    """
    url = _TAB_NEWLINE_RE.sub("", (value or "").strip("".join(map(chr, range(0x21)))))
    if not url:
        return None
    if BARE_HOST_RE.match(url):
        return "https://" + url
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in SAFE_SCHEMES or (scheme in ("http", "https") and not parts.netloc):
        return None
    return url


def _valid_email(value: str) -> bool:
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


def _host_label(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme in ("mailto", "tel"):
        return parts.path
    return (parts.netloc + parts.path).removeprefix("www.").rstrip("/")


def format_date(value: str | None) -> str:
    if not value:
        return ""
    year, _, month = value.partition("-")
    return f"{MONTHS[int(month) - 1]} {year}" if month else year


def format_range(dr) -> str:
    if dr is None:
        return ""
    start = format_date(dr.startDate)
    end = "Present" if dr.isCurrent else format_date(dr.endDate)
    if start and end and start != end:
        return f"{start} – {end}"
    return start or end


def _initials(name: str) -> str:
    words = [w for w in (re.sub(r"\W", "", part) for part in re.split(r"[\s\-]+", name)) if w]
    if not words:
        return "CV"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


def _paragraphs(text: str | None) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n|\n", text or "") if p.strip()]


def _clean(items):
    return [i for i in items if i]


def _date_pair(start: str | None, end: str | None) -> str:
    a, b = format_date(start), format_date(end)
    return f"{a} – {b}" if a and b else a or b


def site_context(cv: dict, *, options: SiteOptions, has_photo: bool = False, site_url: str = "") -> dict:
    """Everything the templates show, display-ready; empty sections are falsy.

    The portrait is only ever the uploaded photo, served with the site: a remote
    `hero.profilePhotoUrl` would be blocked by the site's CSP (img-src 'self') and would
    leak visitors to a third party, so it is not used.
    """
    doc = cv_document_validate(cv or {})
    for name in options.hidden_sections:
        setattr(doc, name, None)

    hero = doc.hero
    name = (hero and hero.fullName) or "Your Name"
    title = (hero and hero.professionalTitle) or ""
    c = doc.contact
    contact = {}
    if c:
        email = c.email if c.email and _valid_email(c.email) else None
        phone_digits = re.sub(r"[^\d+]", "", c.phone or "")
        loc = c.location
        links = []
        for link in c.professionalLinks:
            url = safe_url(link.url)
            if url:
                links.append({"label": link.platform or _host_label(url), "url": url, "host": _host_label(url)})
        facts = [
            (label, value)
            for label, value in (
                ("Availability", c.availability),
                ("Nationality", c.nationality),
                ("Driving licence", c.drivingLicense),
                ("Work authorisation", c.visaStatus),
            )
            if value
        ]
        contact = {
            "email": c.email,
            "email_href": f"mailto:{email}" if email else None,
            "phone": c.phone,
            "phone_href": f"tel:{phone_digits}" if len(phone_digits) >= 5 else None,
            "location": ", ".join(_clean([loc.city, loc.state, loc.country])) if loc else "",
            "links": links,
            "facts": facts,
        }
        if not any(contact.values()):
            contact = {}

    s = doc.summary
    summary = {}
    if s and (s.summaryText or s.yearsOfExperience):
        years = s.yearsOfExperience
        summary = {
            "paragraphs": _paragraphs(s.summaryText),
            "years": (int(years) if years == int(years) else years) if years else None,
        }

    experience = [
        {
            "title": e.jobTitle,
            "company": e.companyName,
            "location": e.location,
            "dates": format_range(e.dateRange),
            "current": bool(e.dateRange and e.dateRange.isCurrent),
            "bullets": _clean(e.responsibilitiesAndAchievements),
            "tech": _clean(e.technologiesUsed),
            "meta": _clean([e.employmentType, e.remoteWork]),
        }
        for e in (doc.experience.experienceItems if doc.experience else [])
    ]
    education = [
        {
            "degree": " in ".join(_clean([e.degree, e.fieldOfStudy])),
            "institution": e.institution,
            "location": e.location,
            "dates": format_range(e.dateRange),
            "gpa": e.gpa,
            "honors": _clean(e.honors),
            "coursework": _clean(e.relevantCoursework),
        }
        for e in (doc.education.educationItems if doc.education else [])
    ]
    skills = {}
    if doc.skills:
        cats = [
            {"name": cat.categoryName, "skills": _clean(cat.skills)}
            for cat in doc.skills.skillCategories
            if _clean(cat.skills)
        ]
        ungrouped = _clean(doc.skills.ungroupedSkills)
        if cats or ungrouped:
            skills = {"categories": cats, "ungrouped": ungrouped}
    projects = [
        {
            "title": p.title,
            "description": _paragraphs(p.description),
            "url": safe_url(p.projectUrl),
            "tech": _clean(p.technologiesUsed),
            "dates": format_range(p.dateRange),
        }
        for p in (doc.projects.projectItems if doc.projects else [])
    ]
    achievements = [
        {"value": a.value, "label": a.label, "detail": a.contextOrDetail, "timeframe": a.timeframe}
        for a in (doc.achievements.achievements if doc.achievements else [])
    ]
    certifications = [
        {
            "title": ci.title,
            "issuer": ci.issuingOrganization,
            "dates": _date_pair(ci.issueDate, ci.expirationDate),
            "credential": ci.credentialId,
            "url": safe_url(ci.verificationUrl),
        }
        for ci in (doc.certifications.certificationItems if doc.certifications else [])
    ]
    languages = [
        {"language": lang.language, "proficiency": lang.proficiency, "certification": lang.certification}
        for lang in (doc.languages.languageItems if doc.languages else [])
    ]
    courses = [
        {"title": co.title, "institution": co.institution, "date": format_date(co.date), "description": co.description}
        for co in (doc.courses.courseItems if doc.courses else [])
    ]
    volunteer = [
        {"role": v.role, "organization": v.organization, "dates": format_range(v.dateRange),
         "description": v.description}
        for v in (doc.volunteer.volunteerItems if doc.volunteer else [])
    ]
    publications = []
    for p in doc.publications.publications if doc.publications else []:
        url = safe_url(p.publicationUrl) or (safe_url(f"https://doi.org/{p.doi}") if p.doi else None)
        publications.append(
            {
                "title": p.title,
                "authors": ", ".join(_clean(p.authors)),
                "journal": p.journalName,
                "date": format_date(p.publicationDate),
                "doi": p.doi,
                "url": url,
            }
        )
    speaking = [
        {"title": t.title, "event": t.event, "date": format_date(t.date), "location": t.location,
         "url": safe_url(t.url)}
        for t in (doc.speaking.speakingEngagements if doc.speaking else [])
    ]
    hobbies = [{"name": h.name, "description": h.description} for h in (doc.hobbies.hobbyItems if doc.hobbies else [])]

    sections = {
        "contact": contact,
        "details": contact.get("facts", []) if contact else [],
        "summary": summary,
        "experience": [i for i in experience if i["title"] or i["company"]],
        "education": [i for i in education if i["degree"] or i["institution"]],
        "skills": skills,
        "projects": [i for i in projects if i["title"] or i["description"]],
        "achievements": [i for i in achievements if i["value"] or i["label"] or i["detail"]],
        "certifications": [i for i in certifications if i["title"]],
        "languages": [i for i in languages if i["language"]],
        "courses": [i for i in courses if i["title"]],
        "volunteer": [i for i in volunteer if i["role"] or i["organization"]],
        "publications": [i for i in publications if i["title"]],
        "speaking": [i for i in speaking if i["title"] or i["event"]],
        "hobbies": [i for i in hobbies if i["name"]],
    }
    first_paragraph = summary.get("paragraphs", [""])[0] if summary.get("paragraphs") else ""
    description = first_paragraph or " · ".join(_clean([title, contact.get("location") if contact else ""]))
    if len(description) > 160:
        description = description[:157].rsplit(" ", 1)[0] + "…"
    return {
        "name": name,
        "title": title,
        "initials": _initials(name),
        "description": description or f"{name} — portfolio",
        "photo": PHOTO_NAME if has_photo else None,
        **sections,
        "labels": SECTION_LABELS,
        "site_url": site_url,
        "csp": SITE_CSP,
        "year": date.today().year,
    }


def favicon_svg(initials: str, accent: str) -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
        f'<rect width="64" height="64" rx="14" fill="{accent}"/>'
        '<text x="32" y="41" font-family="system-ui,-apple-system,Segoe UI,Roboto,sans-serif" '
        f'font-size="26" font-weight="700" text-anchor="middle" fill="#fff">{escape(initials)}</text></svg>'
    )


def site_render(*, cv: dict, theme: str, options: dict | None = None, photo: bytes | None = None,
                site_url: str = "") -> dict[str, bytes]:
    """The files of the site: {relative path: bytes}. Raises KeyError for an unknown theme."""
    opts = SiteOptions.from_dict(options)
    spec = THEMES[theme]
    accent = opts.accent or spec.accent
    context = site_context(cv, options=opts, has_photo=photo is not None, site_url=site_url)
    context["theme"] = spec.name
    context["aside_sections"] = [f"sections/{name}.html" for name in spec.aside]
    context["main_sections"] = [f"sections/{name}.html" for name in spec.main]
    context["nav"] = [{"id": name, "label": context["labels"][name]} for name in spec.aside + spec.main
                      if context[name]]
    html = theme_engine(theme).get_template("index.html").render(Context(context))
    css = theme_stylesheet(theme) + f"\n:root{{--accent:{accent}}}\n"
    files = {
        "index.html": html.encode(),
        "style.css": css.encode(),
        "favicon.svg": favicon_svg(context["initials"], accent).encode(),
    }
    if photo is not None:
        files[PHOTO_NAME] = photo
    return files
