"""Resume Gate: does this text look like a CV? A 0-100 score from the signals a CV has.

Signals: contact details, section headings (in several languages), date ranges, bullet
points, job titles, and a plausible length. Invoices, receipts, essays, recipes and blank
pages lack most of them and score low; each refusal says why and what to do.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.conf import settings

from .dates import SHORT_RANGE_RE
from .vocabulary import JOB_TITLE_WORDS, NON_CV_WORDS, heading_section

# Bounded parts, anchored at the start of a token: linear on a long word without an "@".
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+")
_PHONE = re.compile(r"(?<![\w/.-])\+?\(?\d[\d ()./-]{6,17}\d(?![\w/-])")
_LINK = re.compile(r"(linkedin\.com|github\.com|gitlab\.com|behance\.net|dribbble\.com|https?://|www\.)", re.I)
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?!\d)")
_RANGE = re.compile(
    r"(?<!\d)(?:\d{1,2}[/.])?(19[5-9]\d|20[0-4]\d)\s*(?:[-\u2013\u2014]|to|bis|à|a|au|hasta|até|tot)\s*"
    r"(?:\w+\.?\s+)?(?:\d{1,2}[/.])?(19[5-9]\d|20[0-4]\d|present|current|now|today|aujourd|heute|actual|presente|atual|oggi|heden)",
    re.I,
)
_BULLET = re.compile(r"^\s*([-\u2022\u25cf\u25aa\u25a0\u2023\u2043\u2219\u00b7*\u25e6\u27a2\u2713>]|\d{1,2}[.)])\s+\S")
_MONEY = re.compile(r"(?:[$€£¥]\s?\d[\d,.]{0,24}|(?<![\d,.])\d[\d,.]{0,24}\s?(?:€|eur|usd|gbp|chf)\b)", re.I)
_WORD = re.compile(r"[^\W\d_]{2,}")
_TITLE_RE = re.compile(r"\b(" + "|".join(re.escape(w) for w in JOB_TITLE_WORDS) + r")")
_NON_CV_RE = re.compile(r"\b(" + "|".join(re.escape(w) for w in NON_CV_WORDS) + r")\b")
_PRESENT_RE = re.compile(r"\b(present|current|now|today|aujourd|heute|actualidad|presente|atual|oggi|heden)\b", re.I)


@dataclass
class GateResult:
    score: int
    passed: bool
    reason: str
    suggestion: str
    signals: dict = field(default_factory=dict)


def resume_gate_signals(text: str) -> dict:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    words = _WORD.findall(text)
    sections = set()
    for line in lines:
        if len(line) <= 60:
            section = heading_section(line)
            if section:
                sections.add(section)
    lowered = text.lower()
    title_hits = len(set(_TITLE_RE.findall(lowered)))
    money = len(_MONEY.findall(text))
    non_cv = sorted(set(_NON_CV_RE.findall(lowered)))
    long_lines = sum(1 for line in lines if len(line) > 160)
    return {
        "words": len(words),
        "lines": len(lines),
        "email": bool(_EMAIL.search(text)),
        "phone": bool(_PHONE.search(text)),
        "links": bool(_LINK.search(text)),
        "sections": sorted(sections),
        "years": len(set(_YEAR.findall(text))),
        "date_ranges": len(_RANGE.findall(text)) + len(SHORT_RANGE_RE.findall(text)),
        "bullets": sum(1 for line in lines if _BULLET.match(line)),
        "job_titles": title_hits,
        "money": money,
        "non_cv_words": non_cv,
        "long_paragraph_lines": long_lines,
    }


def resume_gate_score(text: str) -> GateResult:
    threshold = getattr(settings, "RESUME_GATE_THRESHOLD", 60)
    s = resume_gate_signals(text or "")
    score = 0.0
    contact = (12 if s["email"] else 0) + (6 if s["phone"] else 0) + (4 if s["links"] else 0)
    score += min(contact, 20)
    core = {"experience", "education", "skills"} & set(s["sections"])
    n_sections = len(s["sections"])
    score += min(n_sections * 6, 30) + 5 * len(core)
    score += min(s["date_ranges"] * 5, 15) + min(s["years"] * 2, 10)
    score += min(s["bullets"] * 1.0, 8)
    score += min(s["job_titles"] * 2.5, 10)
    words = s["words"]
    if 80 <= words <= 4000:
        score += 6
    elif 40 <= words < 80 or 4000 < words <= 15000:
        score += 2
    # what invoices, receipts, recipes and letters have and CVs do not
    score -= min(max(s["money"] - 1, 0) * 4, 30)
    score -= min(len(s["non_cv_words"]) * 8, 40) if len(s["non_cv_words"]) >= 2 else 0
    if words and s["long_paragraph_lines"] > 0.5 * s["lines"] and n_sections < 2:
        score -= 15
    if n_sections == 0 and s["date_ranges"] == 0:
        score = min(score, 45)
    if words < 25:
        score = min(score, 15)
    score = int(max(0, min(100, round(score))))
    passed = score >= threshold
    reason, suggestion = _explain(s, score, passed)
    return GateResult(score=score, passed=passed, reason=reason, suggestion=suggestion, signals=s)


def _explain(s: dict, score: int, passed: bool) -> tuple[str, str]:
    if passed:
        return "This looks like a CV.", ""
    if s["words"] < 25:
        return (
            "We could find almost no text in this file.",
            "If it is a scan or a photo, upload a sharper image or the original PDF or Word file of your CV.",
        )
    missing = []
    if not (s["email"] or s["phone"]):
        missing.append("contact details (an email address or phone number)")
    if len(s["sections"]) < 2:
        missing.append("CV sections such as Experience, Education or Skills")
    if s["date_ranges"] == 0:
        missing.append("dates for your jobs or studies")
    found = []
    if s["money"] >= 3:
        found.append("prices or amounts")
    if s["non_cv_words"]:
        found.append("words such as " + ", ".join(f"'{w}'" for w in s["non_cv_words"][:3]))
    reason = "This file does not look like a CV"
    if found:
        reason += f": it contains {' and '.join(found)}"
    if missing:
        reason += ("; " if found else ": ") + "it lacks " + ", ".join(missing)
    return (
        reason + f" (score {score}/100).",
        "Upload your CV itself: a document with your name and contact details, and sections such as "
        "Experience, Education and Skills with dates.",
    )
