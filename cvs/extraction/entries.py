"""Entry-shaped sections: experience, education, projects, volunteer, and one-line items
(certifications, courses, publications, talks, achievements).

An entry is a run of header lines (title, organisation, place, dates) followed by bullets or
description lines; wrapped lines (indented, or starting in lower case) join the line above.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .contact import EMAIL_RE, URL_RE, parse_location
from .dates import DateSpan, find_dates, is_mostly_date
from .layout import Column, is_bullet, join_rows, logical_lines, strip_bullet
from .lists import split_items
from .text import Line
from .vocabulary import JOB_TITLE_WORDS, fold

_FIELD_SEP = re.compile(r"\s*(?:\||•|·|◦|▪|●|\u2022|  +|\t| – | — | - | -- |: | at | @ | chez | bei | presso | na | en (?=[A-ZÀ-Þ]))\s*")
_EMPLOYMENT = re.compile(r"\b(full[- ]time|part[- ]time|contract|freelance|internship|temporary|permanent|cdi|cdd|teilzeit|vollzeit|werkstudent|prácticas|stage)\b", re.I)
_REMOTE = re.compile(r"\b(remote|hybrid|on[- ]site|télétravail|homeoffice|remoto|híbrido)\b", re.I)
DEGREE_RE = re.compile(
    r"\b(bachelor|master|b\.?\s?sc|m\.?\s?sc|b\.?\s?a\b|m\.?\s?a\b|b\.?\s?s\b|m\.?\s?s\b|b\.?eng|m\.?eng|ph\.?\s?d|doctor|doctorate|mba|"
    r"associate|diploma|diplôme|diplom|licence|license|licenciatura|licenciado|grado|máster|master's|bachelor's|laurea|"
    r"mestrado|bacharelado|doutorado|abitur|baccalauréat|bac\b|bts|dut|staatsexamen|magister|ingénieur|"
    r"engineering degree|high school|a-levels|gcse|certificate|hbo|bsc|msc|ba|ma|bs|ms|meng|beng|llb|llm|md|jd|bba|bcom|"
    r"btech|mtech|bfa|mfa|bed|med|dphil|hnd|cap|bep|fachabitur|ausbildung|técnico|tecnico|maestría|maestria|doctorado)\b"
    r"|\b[bm]\.\s?(?:e|tech|com|pharm|arch|ed)\.(?=[\s,]|$)",
    re.I,
)
INSTITUTION_RE = re.compile(
    r"(universit|universid|college|institut|school|académie|academy|polytechn|hochschule|fachhochschule|école|ecole|escuela|"
    r"escola|scuola|politecnico|lycée|lycee|gymnasium|conservato|faculty|facultad|faculdade|hogeschool|sorbonne|"
    r"\bmit\b|eth zürich|epfl|insead|hec\b|sciences po|tu [a-zäöü]+|\bkth\b|\bucl\b|\blse\b|\bnyu\b|ucla|campus)",
    re.I,
)
_FIELD_OF_STUDY_SEP = (
    re.compile(r"\s+(?:in|en|em|im|in der|di|en el|IN|EN|EM|IM)\s+(?=[A-ZÀ-Þ])"),
    re.compile(r",\s+|\s+[-–]\s+|\s*:\s+|\s+\((?=[A-ZÀ-Þ])"),
)
_GPA = re.compile(r"\(?\b(?:gpa|grade|note|nota|voto|cgpa|aggregate|percentage)\s*[:=]?\s*([\d.,]+(?:\s*/\s*[\d.,]+|%)?)\)?|\(?([\d.,]+(?:\s*/\s*[\d.,]+)?)\s*gpa\)?", re.I)
_MAJOR = re.compile(r"\b(?:major|specialization|specialisation|concentration|spécialité|schwerpunkt|especialidad)\s*[:：]\s*([^|;]+?)(?=\s{2,}|$|\|)", re.I)
_GRADUATION = re.compile(r"\b(?:expected\s+graduation|graduation(?:\s+date)?|graduated|expected|anticipated)\s*:?\s*", re.I)
_TECH = re.compile(r"^\s*(technologies|technology|tech stack|tech|stack|tools|built with|environment|technologies used|technos|technologien|tecnologías|tecnologias)\s*[:：]\s*(.+)$", re.I)
_COURSEWORK = re.compile(r"^\s*(relevant coursework|coursework|courses|cours|kurse|asignaturas|modules)\s*[:：]\s*(.+)$", re.I)
_HONORS = re.compile(r"^\s*(honou?rs|awards|distinctions|mention|auszeichnungen)\s*[:：]\s*(.+)$", re.I)
_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s,;]+[^\s,;.])", re.I)
_CREDENTIAL = re.compile(r"\b(?:credential id|credential|license|licence|id|no\.|number|nr\.?)\s*[:#]?\s*((?=[A-Z-]*\d)[A-Z0-9][A-Z0-9-]{3,})", re.I)


@dataclass
class Entry:
    header: list[Line] = field(default_factory=list)
    body: list[str] = field(default_factory=list)


def split_entries(lines: list[Line], *, needs_date: bool = True) -> list[Entry]:
    entries: list[Entry] = []
    current: Entry | None = None
    in_body = False
    prev: Line | None = None
    column = Column(lines)
    margin = column.margin
    for line in join_rows(lines):
        text = line.text.strip()
        if not text:
            continue
        # a list item: a bullet sign, or (where list markers are drawn, not written) an indent
        bullet = is_bullet(text) or (line.x0 > margin + 6 and not is_mostly_date(text) and current is not None
                                     and not _completes_header(current, text, needs_date))
        if prev is not None and in_body and current and current.body and column.continues(prev, line):
            current.body[-1] = f"{current.body[-1]} {text}"
            prev = line
            continue
        long_text = len(text) > 110 or (len(text) > 60 and text.endswith("."))
        if bullet or (long_text and current is not None):
            if current is None:
                current = Entry()
                entries.append(current)
            current.body.append(strip_bullet(text))
            in_body = True
        else:
            date_here = bool(find_dates(text))
            has_date = any(find_dates(h.text) for h in current.header) if current else False
            if current is None or in_body or (date_here and has_date and needs_date):
                current = Entry(header=[line])
                entries.append(current)
                in_body = False
            else:
                current.header.append(line)
        prev = line
    # a header run without a date and without body merged into the next entry's header
    merged: list[Entry] = []
    for entry in entries:
        if (
            merged
            and needs_date
            and not merged[-1].body
            and not any(find_dates(h.text) for h in merged[-1].header)
        ):
            merged[-1].header.extend(entry.header)
            merged[-1].body.extend(entry.body)
        else:
            merged.append(entry)
    return _fold_sub_headings(merged) if needs_date else merged


def _completes_header(entry: Entry, text: str, needs_date: bool) -> bool:
    """An indented line under a title that brings the entry its dates ("Company (City)  06/15 - Now")
    is part of the entry's header, not its description."""
    return needs_date and not entry.body and not _dated(entry) and bool(find_dates(text)) and len(text) <= 110


def _dated(entry: Entry) -> bool:
    return any(find_dates(h.text) for h in entry.header)


def _fold_sub_headings(entries: list[Entry]) -> list[Entry]:
    """Where every dated entry opens with the same style (a bold, larger title), an undated run that
    opens differently ("Responsibilities", "Technology/Tools used") belongs to the entry above."""
    styles = {(e.header[0].bold, round(e.header[0].size)) for e in entries if e.header and _dated(e)}
    if len(styles) != 1:
        return entries
    style = styles.pop()
    if style == (False, round(min(e.header[0].size for e in entries if e.header))):
        return entries  # the entry titles are not set apart by style: nothing to tell them by
    out: list[Entry] = []
    for entry in entries:
        if out and entry.header and not _dated(entry) and (entry.header[0].bold, round(entry.header[0].size)) != style:
            out[-1].body.extend(h.text.strip() for h in entry.header)
            out[-1].body.extend(entry.body)
        else:
            out.append(entry)
    return out


def _fields(lines: list[Line]) -> tuple[list[str], DateSpan | None, list[bool]]:
    """Header text split into fields, the entry's date span removed; plus each field's boldness."""
    fields, bolds, span = [], [], None
    for line in lines:
        text = line.text
        spans = find_dates(text)
        if spans and span is None:
            span = max(spans, key=lambda s: (s.end is not None or s.is_current, len(s.text)))
        for s in sorted(spans, key=lambda s: -s.begin):
            text = text[: s.begin] + "  " + text[s.finish :]
        text = re.sub(r"[()\[\]]\s*[()\[\]]", " ", text)
        for part in _FIELD_SEP.split(text):
            part = part.strip(" ,;:()|-–—")
            if part and re.search(r"\w", part):
                fields.append(part)
                bolds.append(line.bold)
    return fields, span, bolds


def _date_range(span: DateSpan | None, single_is_end: bool = False) -> dict | None:
    if span is None:
        return None
    if span.end is None and not span.is_current and single_is_end:
        return {"startDate": None, "endDate": span.start, "isCurrent": False}
    return {"startDate": span.start, "endDate": span.end, "isCurrent": span.is_current}


def _split_location(fields: list[str]) -> tuple[list[str], str | None]:
    """Take the place out of the fields: a whole field ("Paris, France") or the end of one
    ("Kent State University, Kent, Ohio")."""
    rest, location = [], None
    for f in fields:
        m = _PLACE_IN_PARENS.match(f)
        if location is None and m and not DEGREE_RE.search(m.group(2)):
            # "The Home Depot Pro (Colma, Ca.)": the place in brackets after the name
            rest.append(m.group(1))
            location = m.group(2).strip()
            continue
        if location is None and (("," in f and parse_location(f) and len(f.split(",")) <= 2) or _is_place(f)):
            location = f
            continue
        parts = [p.strip() for p in f.split(",")]
        if location is None and len(parts) >= 3:
            for k in (2, 3):
                suffix = ", ".join(parts[-k:])
                if k < len(parts) and parse_location(suffix):
                    location = suffix
                    f = ", ".join(parts[:-k])
                    break
        rest.append(f)
    return rest, location


_PLACE_WORDS = {"remote", "hybrid"}
_PLACE_IN_PARENS = re.compile(r"^(.*[^\W\d].*?)\s*\(([^()\d]{2,40},[^()\d]{2,30})\)?$")


def _is_place(text: str) -> bool:
    loc = parse_location(text)
    return bool(loc and (loc.get("country") or loc.get("state")) and len(text.split()) <= 4)


def _campus_name(text: str) -> bool:
    """"University of California, Santa Cruz": a school named with its campus is one name."""
    head, _, tail = text.partition(",")
    words = tail.split()
    return (bool(INSTITUTION_RE.search(head)) and not DEGREE_RE.search(tail) and not INSTITUTION_RE.search(tail)
            and "," not in tail and 1 <= len(words) <= 3 and all(w[:1].isupper() for w in words))


def _expand_commas(fields: list[str]) -> list[str]:
    out = []
    for f in fields:
        if "," in f and not parse_location(f) and not _campus_name(f):
            out.extend(p.strip() for p in f.split(",") if p.strip())
        else:
            out.append(f)
    return out


_TITLE_RE = re.compile(r"\b(" + "|".join(re.escape(fold(w)) for w in JOB_TITLE_WORDS) + ")")


def _is_title(text: str) -> bool:
    return bool(_TITLE_RE.search(fold(text)))


def _body_parts(body: list[str]) -> tuple[list[str], list[str]]:
    bullets, tech = [], []
    for text in body:
        m = _TECH.match(text)
        if m:
            tech.extend(split_items(m.group(2)))
        else:
            bullets.append(text)
    return bullets, tech


def _title_and_company(fields: list[str]) -> tuple[str | None, str | None]:
    """The job title is the part with a title word; the organisation is the rest of the same field
    ("Associate, Skadden, Arps, Slate, Meagher & Flom") or else the next field."""
    groups = [[p.strip() for p in f.split(",") if p.strip()] if "," in f else [f] for f in fields]
    for g, group in enumerate(groups):
        for i, part in enumerate(group):
            if _is_title(part):
                rest = group[:i] + group[i + 1 :]
                if rest:
                    return part, ", ".join(rest)
                others = [other[0] if len(other) == 1 else ", ".join(other) for h, other in enumerate(groups) if h != g]
                return part, others[0] if others else None
    flat = [p for group in groups for p in group]
    if len(groups) == 1 and len(flat) > 1:
        return flat[0], ", ".join(flat[1:])
    return (flat[0] if flat else None), (", ".join(groups[1]) if len(groups) > 1 else None)


def parse_experience(lines: list[Line]) -> list[dict]:
    parsed = []
    for entry in split_entries(lines):
        fields, span, bolds = _fields(entry.header)
        employment = remote = None
        kept = []
        for f in fields:
            if _EMPLOYMENT.fullmatch(f.strip()):
                employment = f
            elif _REMOTE.fullmatch(f.strip()):
                remote = f
            else:
                kept.append(f)
        kept, location = _split_location(kept)
        parsed.append((entry, kept, location, span, employment, remote))
    # entries of one CV share an order; where a title word shows it (company first, title under it),
    # entries whose title has no such word ("Teller") follow it
    orders = [_title_first(kept) for _, kept, *_ in parsed]
    known = [o for o in orders if o is not None]
    company_first = bool(known) and sum(1 for o in known if not o) * 2 > len(known)
    items = []
    for (entry, kept, location, span, employment, remote), order in zip(parsed, orders):
        if order is None and company_first and len(kept) == 2 and "," not in kept[0] + kept[1]:
            company, title = kept
        else:
            title, company = _title_and_company(kept)
        bullets, tech = _body_parts(entry.body)
        if not (title or company):
            continue
        items.append({
            "jobTitle": title, "companyName": company, "location": location, "dateRange": _date_range(span),
            "responsibilitiesAndAchievements": bullets, "technologiesUsed": tech,
            "employmentType": employment, "remoteWork": remote,
        })
    return items


def _title_first(fields: list[str]) -> bool | None:
    """Whether the job title (known by a title word) comes before the organisation in two plain fields."""
    if len(fields) != 2 or any("," in f for f in fields):
        return None
    first, second = _is_title(fields[0]), _is_title(fields[1])
    if first == second:
        return None
    return first


def parse_education(lines: list[Line]) -> list[dict]:
    items = []
    for entry in split_entries(lines):
        header_lines = list(entry.header)
        gpa = None
        texts = [ln.text for ln in header_lines] + entry.body
        for text in texts:
            m = _GPA.search(text)
            if m:
                gpa = (m.group(1) or m.group(2)).strip()
                break
        major = None
        for text in texts:
            m = _MAJOR.search(text)
            if m:
                major = m.group(1).strip()
                break
        cleaned = [Line(text=_MAJOR.sub(" ", _GRADUATION.sub(" ", _GPA.sub(" ", ln.text))), page=ln.page, x0=ln.x0,
                        size=ln.size, bold=ln.bold) for ln in header_lines]
        fields, span, _ = _fields(cleaned)
        fields, location = _split_location(fields)
        fields = _expand_commas(fields)
        institution = degree = field_of_study = None
        for f in fields:
            if institution is None and INSTITUTION_RE.search(f) and not (DEGREE_RE.match(f) and " in " in f):
                institution = f
            elif degree is None and DEGREE_RE.search(f):
                degree = f
        leftovers = [f for f in fields if f not in (institution, degree)]
        if degree is None:
            # the degree set on its own indented line under the school ("B.S. Physics")
            for text in entry.body:
                if len(text) < 80 and DEGREE_RE.match(text.strip()):
                    degree = text.strip()
                    parts = re.split(r"(?<=\.)\s+|\s+(?:in|en|em|im)\s+", degree, maxsplit=1)
                    if len(parts) == 2 and parts[1][:1].isupper():
                        degree, field_of_study = parts[0].strip(), parts[1].strip()
                    break
        if degree and not field_of_study:
            for separator in _FIELD_OF_STUDY_SEP:
                parts = separator.split(degree, maxsplit=1)
                if len(parts) == 2 and parts[1].strip():
                    degree, field_of_study = parts[0].strip(), parts[1].strip(" )")
                    break
        if major and not field_of_study:
            field_of_study = major
        if degree and not field_of_study and leftovers and (institution or len(leftovers) > 1):
            field_of_study = leftovers.pop(0)
        if institution is None and leftovers:
            institution = leftovers.pop(0)
        if degree is None and leftovers:
            degree = leftovers.pop(0)
        honors, coursework = [], []
        for text in entry.body:
            m = _COURSEWORK.match(text)
            h = _HONORS.match(text)
            if m:
                coursework.extend(split_items(m.group(2)))
            elif h:
                honors.extend(split_items(h.group(2)))
        if not (institution or degree):
            continue
        items.append({
            "institution": institution, "degree": degree, "fieldOfStudy": field_of_study,
            "dateRange": _date_range(span, single_is_end=True), "gpa": gpa, "honors": honors,
            "relevantCoursework": coursework, "location": location,
        })
    return items


def parse_projects(lines: list[Line]) -> list[dict]:
    items = []
    for entry in split_entries(lines, needs_date=False):
        url = None
        header_text = " ".join(ln.text for ln in entry.header)
        m = URL_RE.search(header_text)
        if m:
            url = m.group(0)
        fields, span, _ = _fields(entry.header)
        fields = [f for f in fields if not URL_RE.fullmatch(f) and (not url or url not in f)]
        if not fields:
            continue
        title = fields[0]
        bullets, tech = _body_parts(entry.body)
        if not url:
            for text in bullets:
                m = URL_RE.search(text)
                if m and not EMAIL_RE.search(text):
                    url = m.group(0)
                    break
        description_parts = fields[1:2] + bullets if len(fields) > 1 and len(fields[1]) > 25 else bullets
        if not tech and len(fields) > 1 and len(fields[1]) <= 25:
            tech = split_items(", ".join(fields[1:]))
        items.append({
            "title": title, "description": " ".join(description_parts) or None, "projectUrl": url,
            "technologiesUsed": tech, "dateRange": _date_range(span),
        })
    return items


def parse_volunteer(lines: list[Line]) -> list[dict]:
    items = []
    for exp in parse_experience(lines):
        items.append({
            "role": exp["jobTitle"], "organization": exp["companyName"], "dateRange": exp["dateRange"],
            "description": " ".join(exp["responsibilitiesAndAchievements"]) or None,
        })
    return items


def _item_lines(lines: list[Line]) -> list[str]:
    """One text per item: a bullet or a line, with its wrapped continuation lines."""
    return [t for t in (strip_bullet(text) for text in logical_lines(lines)) if t]


def _dated_fields(text: str) -> tuple[list[str], DateSpan | None]:
    fields, span, _ = _fields([Line(text=text)])
    return fields, span


def parse_certifications(lines: list[Line]) -> list[dict]:
    items = []
    for text in _item_lines(lines):
        credential = _CREDENTIAL.search(text)
        url = URL_RE.search(text)
        clean = text
        if credential:
            clean = clean.replace(credential.group(0), " ")
        if url:
            clean = clean.replace(url.group(0), " ")
        fields, span = _dated_fields(clean)
        if not fields:
            continue
        spans = find_dates(clean)
        items.append({
            "title": fields[0], "issuingOrganization": fields[1] if len(fields) > 1 else None,
            "issueDate": spans[0].start if spans else None,
            "expirationDate": (spans[0].end if spans and spans[0].end else (spans[1].start if len(spans) > 1 else None)),
            "credentialId": credential.group(1) if credential else None, "verificationUrl": url.group(0) if url else None,
        })
    return items


def parse_courses(lines: list[Line]) -> list[dict]:
    items = []
    for text in _item_lines(lines):
        fields, span = _dated_fields(text)
        if not fields:
            continue
        items.append({
            "title": fields[0], "institution": fields[1] if len(fields) > 1 else None,
            "date": (span.end or span.start) if span else None,
            "description": ", ".join(fields[2:]) or None,
        })
    return items


_QUOTED = re.compile(r"[\"“”«]([^\"“”«»]{5,})[\"“”»]")


def parse_publications(lines: list[Line]) -> list[dict]:
    items = []
    for text in _item_lines(lines):
        doi = _DOI.search(text)
        url = URL_RE.search(text)
        spans = find_dates(text)
        quoted = _QUOTED.search(text)
        authors: list[str] = []
        journal = None
        if quoted:
            title = quoted.group(1).strip(" .,")
            before = text[: quoted.start()]
            after = text[quoted.end():]
            authors = [a for a in split_items(re.sub(r"\(?\b(19|20)\d{2}\b\)?\.?", "", before).strip(" .,"))
                       if a and len(a.split()) <= 4 and not a.lower().startswith("and ")] if before.strip() else []
            rest = after
            if doi:
                rest = rest.replace(doi.group(0), "")
            if url:
                rest = rest.replace(url.group(0), "")
            rest_fields = [f for f in re.split(r"[.,]\s+|\s+[-–]\s+", re.sub(r"\(?\b(19|20)\d{2}\b\)?", "", rest)) if re.search(r"[A-Za-z]{3}", f)]
            rest_fields = [f.strip(" .,") for f in rest_fields if not re.match(r"^(doi|https?|vol|pp|no)\b", f.strip(), re.I)]
            journal = rest_fields[0] if rest_fields else None
        else:
            fields, _ = _dated_fields(text)
            fields = [f for f in fields if not _DOI.search(f) and not URL_RE.search(f)]
            if not fields:
                continue
            title = max(fields, key=len)
            others = [f for f in fields if f is not title]
            journal = others[-1] if others else None
        items.append({
            "title": title, "authors": authors, "journalName": journal,
            "publicationDate": spans[-1].start if spans else None,
            "doi": doi.group(1) if doi else None, "publicationUrl": url.group(0) if url and not doi else None,
        })
    return items


def parse_speaking(lines: list[Line]) -> list[dict]:
    items = []
    for text in _item_lines(lines):
        url = URL_RE.search(text)
        clean = text.replace(url.group(0), " ") if url else text
        quoted = _QUOTED.search(clean)
        spans = find_dates(clean)
        fields, _ = _dated_fields(clean)
        if quoted:
            title = quoted.group(1).strip()
            fields = [f for f in fields if f.strip("\"“”«» ") != title]
        elif fields:
            title = fields.pop(0)
        else:
            continue
        parts = [p.strip("\"“”«» ") for f in fields for p in f.split(",") if p.strip("\"“”«» ")]
        location = None
        for size in (3, 2, 1):
            if len(parts) > size - (1 if size == 1 else 0) and len(parts) >= size:
                candidate = ", ".join(parts[-size:])
                if (size > 1 or len(parts) > 1) and parse_location(candidate):
                    location = candidate
                    parts = parts[:-size]
                    break
        items.append({
            "title": title, "event": ", ".join(parts) or None, "date": spans[0].start if spans else None,
            "location": location, "url": url.group(0) if url else None,
        })
    return items


_VALUE = re.compile(r"(\d+(?:[.,]\d+)?\s?(?:%|x|k|m|\+)?|(?:1st|2nd|3rd|\d+th)\s+place|first place|winner)", re.I)


def parse_achievements(lines: list[Line]) -> list[dict]:
    items = []
    for text in _item_lines(lines):
        spans = find_dates(text)
        label = text.strip(" ,;:-–—")
        if not label or is_mostly_date(label):
            continue
        value = _VALUE.search(label)
        items.append({
            "value": value.group(0) if value and re.search(r"%|place|winner|\dx\b", value.group(0), re.I) else None,
            "label": label, "contextOrDetail": None,
            "timeframe": (spans[0].end or spans[0].start) if spans else None,
        })
    return items
