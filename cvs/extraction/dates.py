"""Dates as CVs write them, to "YYYY-MM" / "YYYY".

"Jan 2020 – Present", "2019-2021", "03/2018 - now", "Sept. 2017 to June 2019",
"janv. 2019 – aujourd'hui", "März 2018 bis heute", "Summer 2022".
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .vocabulary import MONTHS, PRESENT_WORDS, fold

_MONTH_ALT = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_SEASON = r"spring|summer|fall|autumn|winter|printemps|ete|automne|hiver|fruhling|sommer|herbst|primavera|verano|otono|invierno"
_YEAR = r"(?:19[4-9]\d|20[0-5]\d)"
_DATE = (
    rf"(?:(?:\d{{1,2}}(?:er|st|nd|rd|th)?\.?\s+)?\b(?:{_MONTH_ALT})\.?,?\s*(?:de\s+)?['’]?{_YEAR}"
    rf"|\b(?:{_SEASON})\s+{_YEAR}"
    rf"|\d{{1,2}}[/.-]\d{{1,2}}[/.-]{_YEAR}"
    rf"|(?:0?[1-9]|1[0-2])\s*[/.-]\s*{_YEAR}"
    rf"|{_YEAR}\s*[/.-]\s*(?:0[1-9]|1[0-2])(?![\d])"
    rf"|{_YEAR})"
)
_PRESENT = "|".join(sorted((re.escape(w) for w in PRESENT_WORDS), key=len, reverse=True))
_SEP = r"\s*(?:-|–|—|−|~|to|until|till|through|bis|à|au|a|hasta|al|até|ate|fino a|al|tot|→|>|›)\s*"
RANGE_RE = re.compile(
    rf"(?<![\d/.-])(?:(?:since|from|depuis|seit|desde|dal|sinds)\s+)?(?P<start>{_DATE})"
    rf"(?:{_SEP}(?:(?P<end>{_DATE})|(?P<present>{_PRESENT})\b))?(?![\w/])",
    re.I,
)
_SHORT = r"(?:0?[1-9]|1[0-2])/\d{2}"
SHORT_RANGE_RE = re.compile(
    rf"(?<![\d/.-])(?P<start>{_SHORT}){_SEP}(?:(?P<end>{_SHORT})|(?P<present>{_PRESENT})\b)(?![\w/])", re.I
)
SINCE_RE = re.compile(r"\b(since|depuis|seit|desde|dal|sinds)\b", re.I)
_SEASON_RE = re.compile(rf"^(?:{_SEASON})\b", re.I)


@dataclass
class DateSpan:
    start: str | None
    end: str | None
    is_current: bool
    begin: int
    finish: int
    text: str


def parse_date(text: str | None) -> str | None:
    """One date to "YYYY-MM" or "YYYY"; None if it is not a date."""
    if not text:
        return None
    t = fold(text.strip()).replace("’", "'")
    t = re.sub(r"^(since|from|depuis|seit|desde|dal|sinds)\s+", "", t)
    if re.fullmatch(r"\d{4}", t):
        return t if 1940 <= int(t) <= 2059 else None
    m = re.fullmatch(r"(\d{4})\s*[/.-]\s*(\d{1,2})(?:[/.-]\d{1,2})?", t)
    if m and 1 <= int(m.group(2)) <= 12:
        return f"{m.group(1)}-{int(m.group(2)):02d}"
    m = re.fullmatch(r"(\d{1,2})/(\d{2})", t)
    if m and 1 <= int(m.group(1)) <= 12:
        year = int(m.group(2))
        return f"{2000 + year if year < 50 else 1900 + year}-{int(m.group(1)):02d}"
    m = re.fullmatch(r"(?:\d{1,2}[/.-])?(\d{1,2})\s*[/.-]\s*(\d{4})", t)
    if m and 1 <= int(m.group(1)) <= 12:
        return f"{m.group(2)}-{int(m.group(1)):02d}"
    # the word starts after a non-letter: a search inside a long word would retry at every letter
    m = re.search(r"(?<![a-z])([a-z]+)\.?,?\s*(?:de\s+)?'?(\d{4})$", t)
    if m:
        month = MONTHS.get(m.group(1))
        if month:
            return f"{m.group(2)}-{month:02d}"
        if _SEASON_RE.match(m.group(1)):
            return m.group(2)
    m = re.search(r"(\d{4})$", t)
    return m.group(1) if m else None


def find_dates(line: str) -> list[DateSpan]:
    """Every date or date range in a line, left to right."""
    spans = []
    for m in RANGE_RE.finditer(line):
        start = parse_date(m.group("start"))
        if not start:
            continue
        end = parse_date(m.group("end")) if m.group("end") else None
        current = bool(m.group("present")) or (not m.group("end") and bool(SINCE_RE.match(m.group(0))))
        spans.append(DateSpan(start, end, current, m.start(), m.end(), m.group(0)))
    if not spans:
        for m in SHORT_RANGE_RE.finditer(line):
            end = parse_date(m.group("end")) if m.group("end") else None
            spans.append(DateSpan(parse_date(m.group("start")), end, bool(m.group("present")), m.start(), m.end(), m.group(0)))
    return spans


def is_mostly_date(text: str) -> bool:
    spans = find_dates(text)
    rest = text
    for span in reversed(spans):
        rest = rest[: span.begin] + rest[span.finish :]
    return bool(spans) and len(re.sub(r"[\W_]", "", rest)) <= 3
