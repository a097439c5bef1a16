"""Offline section extractor: layout-aware heuristics over the lines of a TextDocument.

Headings are found by wording (many languages) and confirmed by style (size, bold, caps);
the block above the first heading holds the name, title and contact details; each section
has a small parser that splits it into entries. Nothing is generated: every value is a
piece of the source text.
"""
from __future__ import annotations

import re
from collections import Counter

from .dates import find_dates, is_mostly_date
from .entries import (
    parse_experience,
    parse_education,
    parse_projects,
    parse_volunteer,
    parse_certifications,
    parse_courses,
    parse_publications,
    parse_speaking,
    parse_achievements,
)
from .layout import strip_bullet
from .lists import parse_skills, parse_languages, parse_hobbies
from .contact import looks_like_address, looks_like_contact, parse_contact, parse_location, split_fields
from .text import Line, TextDocument
from .vocabulary import fold, heading_section

_HAS_WORD = re.compile(r"[^\W_]")
_PAGE_NUMBER = re.compile(r"(page\s*)?\d{1,2}(\s*(/|of)\s*\d{1,2})?", re.I)
_INLINE_HEADING = re.compile(r"^\s*([^\W\d][\w &/'’-]{1,40}?)\s*[:：|]\s+(\S.*)$")


def _body_size(lines: list[Line]) -> float:
    sizes = Counter()
    for line in lines:
        sizes[round(line.size, 0)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _is_styled(line: Line, body: float) -> bool:
    letters = [c for c in line.text if c.isalpha()]
    caps = bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8
    return line.bold or caps or (body and line.size >= body * 1.12)


def find_headings(lines: list[Line]) -> list[tuple[int, str, str | None]]:
    """(line index, section, inline content) for every heading line."""
    body = _body_size(lines)
    found = []
    for i, line in enumerate(lines):
        text = line.text.strip()
        if len(text) > 60:
            continue
        section = heading_section(text)
        cells = text.split("  ")
        if section and len(cells) > 1 and not heading_section(cells[0].strip()):
            section = None  # the header row of a table ("Computer   Languages"), not a heading
        if section:
            # a known wording used as a plain word in running text is not a heading
            if len(text.split()) > 1 or _is_styled(line, body) or text.endswith(":") or not body:
                found.append((i, section, None))
                continue
            if i + 1 < len(lines) and not heading_section(lines[i + 1].text):
                found.append((i, section, None))
            continue
        m = _INLINE_HEADING.match(line.text)
        if m and m.group(1).isupper():
            section = heading_section(m.group(1))
            if section and section not in ("contact",):
                found.append((i, section, m.group(2)))
    return found + _unnamed_headings(lines, found)


def _unnamed_headings(lines: list[Line], found: list) -> list[tuple[int, str, None]]:
    """Headings of sections no wording names ("INTER-COLLEGIATE ATHLETICS"), where the layout shows them:
    the known headings share a left edge well left of the body text, and this capitalised label sits there
    too. Their text is left out of the sections before them rather than read as part of them."""
    edges = {round(lines[i].x0) for i, _, inline in found if inline is None}
    if len([f for f in found if f[2] is None]) < 3 or len(edges) != 1 or not lines[0].x1:
        return []
    edge = edges.pop()
    body = sorted(ln.x0 for ln in lines)[len(lines) // 2]
    if body - edge < 30:
        return []
    known = {i for i, _, _ in found}
    out = []
    for i, line in enumerate(lines):
        text = line.text.strip()
        if (i not in known and abs(line.x0 - edge) <= 2 and text.isupper() and len(text.split()) <= 4
                and not any(c.isdigit() for c in text)):
            out.append((i, "other", None))
    return sorted(out)


def extract_sections(doc: TextDocument) -> dict:
    """The CV document (dict with the schema's keys) read from the text alone."""
    # rules ("=====") and page numbers carry no content
    lines = [line for line in doc.lines if _HAS_WORD.search(line.text) and not _PAGE_NUMBER.fullmatch(line.text.strip())]
    headings = sorted(find_headings(lines))
    hero, used = _hero(lines, headings)
    blocks: dict[str, list[Line]] = {}
    first = headings[0][0] if headings else len(lines)
    top = [ln for i, ln in enumerate(lines[:first]) if i not in used]
    for n, (index, section, inline) in enumerate(headings):
        end = headings[n + 1][0] if n + 1 < len(headings) else len(lines)
        body = [ln for i, ln in enumerate(lines[index + 1 : end], start=index + 1) if i not in used]
        if inline:
            body = [Line(text=inline, page=lines[index].page, x0=lines[index].x0, top=lines[index].top, size=lines[index].size)] + body
        blocks.setdefault(section, []).extend(body)
    cv: dict = {"hero": hero}
    contact_lines = top + blocks.get("contact", [])
    cv["contact"] = parse_contact(contact_lines, doc.text)
    summary_lines = list(blocks.get("summary", []))
    if "summary" not in blocks:
        summary_lines = [ln for ln in top if len(ln.text) > 80 and not looks_like_contact(ln.text)]
    cv["summary"] = _summary(summary_lines)
    for key, parser, wrap, item_key in (
        ("experience", parse_experience, "experience", "experienceItems"),
        ("education", parse_education, "education", "educationItems"),
        ("projects", parse_projects, "projects", "projectItems"),
        ("volunteer", parse_volunteer, "volunteer", "volunteerItems"),
        ("certifications", parse_certifications, "certifications", "certificationItems"),
        ("courses", parse_courses, "courses", "courseItems"),
        ("publications", parse_publications, "publications", "publications"),
        ("speaking", parse_speaking, "speaking", "speakingEngagements"),
        ("achievements", parse_achievements, "achievements", "achievements"),
    ):
        if key in blocks:
            items = parser(blocks[key])
            cv[wrap] = {item_key: items} if items else None
    if "skills" in blocks:
        cv["skills"] = parse_skills(blocks["skills"])
        if cv["skills"] and "languages" not in blocks:
            # "Languages: English, French" inside the skills section names languages, not skills
            spoken = [c for c in cv["skills"]["skillCategories"] if heading_section(c["categoryName"]) == "languages"]
            if spoken:
                cv["skills"]["skillCategories"] = [c for c in cv["skills"]["skillCategories"] if c not in spoken]
                items = parse_languages([Line(text=s) for c in spoken for s in c["skills"]])
                cv["languages"] = {"languageItems": items} if items else None
    if "languages" in blocks:
        items = parse_languages(blocks["languages"])
        cv["languages"] = {"languageItems": items} if items else None
    if "hobbies" in blocks:
        items = parse_hobbies(blocks["hobbies"])
        cv["hobbies"] = {"hobbyItems": items} if items else None
    return cv


_NAME_WORD = re.compile(r"^[A-ZÀ-ÞĀ-Ž][\w'’.-]*$|^(de|da|van|von|der|del|la|le|di|du|dos|bin|al)$")


def _looks_like_name(text: str) -> bool:
    text = text.strip()
    if any(ch in text for ch in "@/:|,0123456789") or len(text) > 50:
        return False
    words = text.split()
    if not 2 <= len(words) <= 5:
        return False
    if heading_section(text):
        return False
    folded = fold(text)
    if any(re.search(rf"\b{w}\b", folded) for w in ("curriculum", "resume", "cv", "vitae", "lebenslauf")):
        return False
    return all(_NAME_WORD.match(w) or w.isupper() for w in words)


def _hero(lines: list[Line], headings) -> tuple[dict | None, set[int]]:
    """Name: the largest name-like line near the top of page 1 (in a sidebar layout it may follow
    the sidebar); title: the short line just under it."""
    heading_rows = {h[0] for h in headings}
    first_heading = min(heading_rows) if heading_rows else len(lines)
    window = [i for i, ln in enumerate(lines[:60]) if ln.page == 1 and i not in heading_rows]
    candidates = []
    for i in window:
        line = lines[i]
        parts = split_fields(line.text)
        if parts and _looks_like_name(parts[0]):
            # a name is big, or it is the first thing on the page
            candidates.append((-(line.size or 0), 0 if i < first_heading else 1, i, parts[0]))
    if not candidates:
        return None, set()
    candidates.sort()
    _, _, index, name = candidates[0]
    if name.isupper():
        name = " ".join(w.capitalize() if len(w) > 1 else w for w in name.split())
    used = {index}
    title = None
    rest = [p for p in split_fields(lines[index].text)[1:] if not looks_like_contact(p)]
    if rest and len(rest[0].split()) <= 9 and not find_dates(rest[0]) and not looks_like_address(rest[0]) and not parse_location(rest[0]):
        title = rest[0]
    for j in range(index + 1, min(index + 3, len(lines))):
        if title or j in heading_rows:
            break
        text = lines[j].text.strip()
        first = split_fields(text)[0] if split_fields(text) else text
        if looks_like_contact(first) or find_dates(first) or len(first) > 70 or first.endswith(".") or looks_like_address(first) or parse_location(first):
            continue
        if 1 <= len(first.split()) <= 9:
            title = first
            if first == text:
                used.add(j)
            break
    return {"fullName": name, "professionalTitle": title, "profilePhotoUrl": None}, used


_YEARS = re.compile(r"(\d{1,2})\+?\s*(?:years|yrs|ans|jahre|años|anos|anni|jaar)", re.I)


def _summary(lines: list[Line]) -> dict | None:
    parts = [strip_bullet(ln.text) for ln in lines if not is_mostly_date(ln.text)]
    text = " ".join(p for p in parts if p).strip()
    if not text:
        return None
    years = _YEARS.search(text)
    return {"summaryText": text, "yearsOfExperience": float(years.group(1)) if years else None}
