"""List-shaped sections: skills (with categories), languages, hobbies."""
from __future__ import annotations

import re

from .layout import logical_lines, strip_bullet
from .text import Line
from .vocabulary import fold

_ITEM_SPLIT = re.compile(r"\s*(?:,|;|\||•|·|◦|▪|●|\u2022|  +|\t| / )\s*")
_CATEGORY = re.compile(r"^\s*([^\W\d][^:：]{1,40}?)\s*[:：]\s*(.+)$")


def split_items(text: str) -> list[str]:
    """Comma/bullet separated items, keeping parentheses together ("Python (Django, Flask)")."""
    pieces, depth, start = [], 0, 0
    masked = []
    for ch in text:
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
        masked.append("\x00" if depth and not ch.isalnum() and ch not in "()[]" else ch)
    masked = "".join(masked)
    for m in _ITEM_SPLIT.finditer(masked):
        pieces.append(text[start : m.start()])
        start = m.end()
    pieces.append(text[start:])
    items = [re.sub(r"^(?:and|or|&|et|und|y|e|en)\s+", "", p.strip(" .;"), flags=re.I) for p in pieces]
    return [item for item in items if item and len(item) <= 80]


# "Programming   Python, R": a category set apart from its items by space instead of a colon
_SPACED_CATEGORY = re.compile(r"^\s*([^\W\d][\w &/+.-]{1,30}?)\s{2,}(\S[^\s].*,.*)$")


def _starts_item(text: str) -> bool:
    # a label, or a row of a grid of items ("HTML   CSS   Python"), never the rest of the line above
    return bool(_CATEGORY.match(text) or _SPACED_CATEGORY.match(text) or "  " in text.strip())


def _joined(lines: list[Line]) -> list[str]:
    return logical_lines(lines, starts_item=_starts_item)


# "SQL (Less than 1 year)", "Python (5 years)": how long, not what
_DURATION = re.compile(r"\s*\((?:less than|more than|over|under|about)?\s*\d+\+?\s*(?:years?|yrs?|months?)\)", re.I)


def _is_prose(text: str) -> bool:
    """A sentence with a few commas ("Excellent analytical, problem solving ... skills with ability to ...")."""
    words = len(text.split())
    return words >= 12 and words / (len(_ITEM_SPLIT.findall(text)) + 1) > 3


def _table(lines: list[Line]) -> list[dict] | None:
    """A table of skills under a header row of short labels ("Computer   Languages" over "R   English",
    "Python   French", "Matlab"): one category per column."""
    rows = [[c.strip() for c in re.split(r"\s{2,}", ln.text.strip()) if c.strip()] for ln in lines]
    header = rows[0] if rows else []
    if not 2 <= len(header) <= 4 or any(len(h.split()) > 2 or "," in h or ":" in h for h in header):
        return None
    body = rows[1:]
    # the header row is set apart: bold over plain rows, or the rows indented under it
    first, rest = lines[0], lines[1:]
    set_apart = (first.bold and not any(ln.bold for ln in rest)) or (first.x1 > 0 and all(ln.x0 > first.x0 + 2 for ln in rest))
    if not set_apart or len(body) < 2 or any(len(r) > len(header) or any("," in c for c in r) for r in body):
        return None
    columns: list[list[str]] = [[] for _ in header]
    for row in body:
        for k, cell in enumerate(row):
            columns[k].append(cell)
    return [{"categoryName": h, "skills": col} for h, col in zip(header, columns) if col]


def parse_skills(lines: list[Line]) -> dict | None:
    table = _table(lines)
    if table:
        return {"skillCategories": table, "ungroupedSkills": []}
    categories, ungrouped = [], []
    for text in _joined(lines):
        text = _DURATION.sub("", strip_bullet(text))
        if _is_prose(text):
            continue
        m = _CATEGORY.match(text) or _SPACED_CATEGORY.match(text)
        if m and not re.search(r"https?$", m.group(1), re.I):
            skills = split_items(m.group(2))
            if skills:
                categories.append({"categoryName": m.group(1).strip(), "skills": skills})
            continue
        ungrouped.extend(split_items(text))
    if not categories and not ungrouped:
        return None
    return {"skillCategories": categories, "ungroupedSkills": _dedupe(ungrouped)}


_LEVEL = re.compile(
    r"\b(native|mother tongue|bilingual|fluent|proficient|advanced|intermediate|basic|beginner|elementary|"
    r"conversational|professional working|full professional|limited working|working knowledge|"
    r"[abc][12]|langue maternelle|maternelle|courant|bilingue|notions|avancé|intermédiaire|débutant|"
    r"muttersprache|fließend|fliessend|verhandlungssicher|gut|grundkenntnisse|sehr gut|"
    r"nativo|nativa|lengua materna|fluido|fluida|avanzado|intermedio|básico|materna|madrelingua|"
    r"moedertaal|vloeiend|goed|redelijk)\b.*",
    re.I,
)


def parse_languages(lines: list[Line]) -> list[dict]:
    items = []
    for text in _joined(lines):
        text = strip_bullet(text)
        for chunk in _language_chunks(text):
            item = _language(chunk)
            if item:
                items.append(item)
    return items


def _language_chunks(text: str) -> list[str]:
    # "English (native), French (C1)" or "English – Native | French – Fluent"
    parts = split_items(text)
    return parts or [text]


_CERT = re.compile(r"\b(TOEFL|IELTS|DELF|DALF|TOEIC|Cambridge \w+|Goethe[- ]\w+|DELE \w+|CELI \w+|HSK \d|JLPT N\d)[^,;)]*", re.I)


def _language(chunk: str) -> dict | None:
    chunk = chunk.strip(" -–:")
    if not chunk:
        return None
    m = re.match(r"^([^\W\d][\w'’ ]*?)\s*(?:\(([^)]*)\)|[-–—:]\s*(.+)|\s+(" + _LEVEL.pattern[2:-4] + r".*))?$", chunk, re.I)
    if not m:
        return None
    language = m.group(1).strip()
    level = (m.group(2) or m.group(3) or m.group(4) or "").strip() or None
    if len(language.split()) > 3:
        return None
    cert = _CERT.search(level or "")
    return {"language": language, "proficiency": level, "certification": cert.group(0).strip() if cert else None}


def parse_hobbies(lines: list[Line]) -> list[dict]:
    items = []
    for text in _joined(lines):
        text = strip_bullet(text)
        m = _CATEGORY.match(text)
        if m and len(m.group(1).split()) <= 3 and len(m.group(2)) > 20:
            items.append({"name": m.group(1).strip(), "description": m.group(2).strip()})
            continue
        for part in split_items(text):
            part = re.sub(r"^(and|et|und|y|e|en)\s+", "", part.strip(" ."), flags=re.I)
            if part:
                items.append({"name": part, "description": None})
    return items


def _dedupe(values: list[str]) -> list[str]:
    seen, out = set(), []
    for v in values:
        key = fold(v)
        if key not in seen:
            seen.add(key)
            out.append(v)
    return out
