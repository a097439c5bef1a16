"""Post-processing for every extractor (offline and Claude): normalise, ground, score.

`finalize()` takes a CV document dict from any source and the text it was read from, and
returns the canonical, schema-valid document with only values traceable to the text, the
list of what was dropped, and a confidence per section and overall.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pydantic import ValidationError

from .dates import parse_date
from .grounding import Grounder
from .schema import CVDocument, SECTION_NAMES, cv_document_dump, cv_document_validate

DATE_FIELDS = {"startDate", "endDate", "issueDate", "expirationDate", "date", "publicationDate"}
URL_FIELDS = {"url", "projectUrl", "verificationUrl", "publicationUrl", "profilePhotoUrl"}
# values derived from the text rather than copied from it
UNGROUNDED_FIELDS = {"platform", "isCurrent", "timeframe"}
# the fields that make an item worth showing, per list
KEY_FIELDS = {
    "experienceItems": ("jobTitle", "companyName"),
    "educationItems": ("institution", "degree"),
    "projectItems": ("title",),
    "achievements": ("label", "value"),
    "certificationItems": ("title",),
    "languageItems": ("language",),
    "courseItems": ("title",),
    "volunteerItems": ("role", "organization"),
    "publications": ("title",),
    "speakingEngagements": ("title",),
    "hobbyItems": ("name",),
    "skillCategories": ("skills",),
    "professionalLinks": ("url",),
}
# fields whose presence makes a section complete, for confidence
COMPLETENESS = {
    "hero": ("fullName", "professionalTitle"),
    "contact": ("email", "phone"),
    "experienceItems": ("jobTitle", "companyName", "dateRange"),
    "educationItems": ("institution", "degree", "dateRange"),
}


@dataclass
class FinalResult:
    cv: dict
    confidence: float
    section_confidence: dict[str, float]
    dropped: list[dict] = field(default_factory=list)
    stats: dict = field(default_factory=dict)


_SPACES = re.compile(r"\s+")
_PHONE_KEEP = re.compile(r"[^\d+() -]")


def normalize_phone(value: str) -> str | None:
    value = value.strip()
    if value.startswith("00"):
        value = "+" + value[2:]
    value = _PHONE_KEEP.sub(" ", value.replace(".", " ").replace("/", " "))
    value = _SPACES.sub(" ", value).strip(" -")
    digits = re.sub(r"\D", "", value)
    return value if 6 <= len(digits) <= 15 else None


def normalize_url(value: str) -> str | None:
    value = value.strip().rstrip(".,;")
    if not value or any(c.isspace() for c in value):
        return None
    scheme = re.match(r"^([a-z][a-z0-9+.-]*):", value, re.I)
    if scheme and scheme.group(1).lower() not in ("http", "https"):
        return None  # javascript:, data:, file:, mailto: ...
    if not scheme:
        if value.startswith("//") or not re.match(r"^[\w.-]+\.[a-z]{2,}(/|$|:)", value, re.I):
            return None
        value = "https://" + value
    if not re.match(r"^https?://[\w.-]+\.[a-z]{2,}(:\d+)?(/\S*)?$", value, re.I):
        return None
    return value


def normalize_email(value: str) -> str | None:
    value = value.strip().strip("<>").removeprefix("mailto:")
    if not re.fullmatch(r"[\w.+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}", value):
        return None
    local, domain = value.split("@", 1)
    return f"{local}@{domain.lower()}"


class _Finalizer:
    def __init__(self, source_text: str):
        self.grounder = Grounder(source_text)
        self.dropped: list[dict] = []
        self.checked = 0
        self.kept = 0
        self.section_counts: dict[str, list[int]] = {}

    def _drop(self, path: str, value, why: str):
        self.dropped.append({"path": path, "value": value, "reason": why})
        self.section_counts.setdefault(path.split(".")[0], [0, 0])[1] += 1

    def _keep(self, path: str):
        self.section_counts.setdefault(path.split(".")[0], [0, 0])[0] += 1

    def value(self, path: str, key: str, value):
        if value is None:
            return None
        if isinstance(value, bool):
            return value
        if isinstance(value, (int, float)):
            if key == "yearsOfExperience" and not self.grounder.number(float(value)):
                self._drop(path, value, "not found in the CV text")
                return None
            return value
        if not isinstance(value, str):
            return None
        value = _SPACES.sub(" ", value).strip()
        if not value:
            return None
        if key in DATE_FIELDS:
            normalized = parse_date(value)
            if not normalized:
                self._drop(path, value, "not a date")
                return None
            if not self.grounder.date(normalized):
                self._drop(path, value, "not found in the CV text")
                return None
            self._keep(path)
            return normalized
        if key == "phone":
            normalized = normalize_phone(value)
            ok = normalized and self.grounder.phone(normalized)
        elif key == "email":
            normalized = normalize_email(value)
            ok = normalized and self.grounder.text(normalized)
        elif key in URL_FIELDS:
            normalized = normalize_url(value)
            ok = normalized and self.grounder.url(normalized)
        elif key in UNGROUNDED_FIELDS:
            return value
        else:
            normalized = value
            ok = self.grounder.text(value)
        if not ok:
            self._drop(path, value, "not found in the CV text" if normalized else "not a valid value")
            return None
        self._keep(path)
        return normalized

    def walk(self, path: str, key: str, data):
        if isinstance(data, dict):
            out = {k: self.walk(f"{path}.{k}", k, v) for k, v in data.items()}
            return out
        if isinstance(data, list):
            items, seen = [], set()
            for i, item in enumerate(data):
                cleaned = self.walk(f"{path}[{i}]", key, item)
                if cleaned in (None, "", {}, []):
                    continue
                if isinstance(cleaned, dict):
                    needed = KEY_FIELDS.get(key)
                    if needed and not any(cleaned.get(k) for k in needed):
                        continue
                marker = repr(cleaned).lower()
                if marker in seen:
                    continue
                seen.add(marker)
                items.append(cleaned)
            return items
        return self.value(path, key, data)


def _prune(section):
    """An empty section is null."""
    if isinstance(section, dict):
        if not any(v not in (None, [], {}, "") and _prune(v) is not None for v in section.values()):
            return None
    return section


def _validate_sections(cv: dict, dropped: list[dict]) -> dict:
    kept = {}
    for name in SECTION_NAMES:
        value = cv.get(name)
        if value is None:
            continue
        try:
            CVDocument.model_validate({name: value})
            kept[name] = value
        except ValidationError as exc:
            dropped.append({"path": name, "value": None, "reason": f"invalid section: {exc.errors()[0]['msg']}"})
    return kept


def _completeness(section: str, data: dict) -> float:
    if section in ("hero", "contact"):
        fields = COMPLETENESS[section]
        return sum(1 for f in fields if data.get(f)) / len(fields)
    for list_key, fields in COMPLETENESS.items():
        if list_key in data and data[list_key]:
            items = data[list_key]
            return sum(sum(1 for f in fields if item.get(f)) / len(fields) for item in items) / len(items)
    return 1.0


_WORDS = re.compile(r"[^\W\d_]{3,}")


def _strings(data) -> list[str]:
    if isinstance(data, dict):
        return [s for v in data.values() for s in _strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in _strings(v)]
    return [data] if isinstance(data, str) else []


def _coverage(cv: dict, source_text: str) -> float:
    """Share of the source's words (3+ letters) that appear in the extracted values."""
    source = [w.lower() for w in _WORDS.findall(source_text or "")]
    if not source:
        return 0.0
    found = {w.lower() for text in _strings(cv) for w in _WORDS.findall(text)}
    return sum(1 for w in source if w in found) / len(source)


def finalize(cv: dict, source_text: str) -> FinalResult:
    """Normalise and ground a CV document; what cannot be traced to the source is dropped."""
    cv = cv if isinstance(cv, dict) else {}
    finalizer = _Finalizer(source_text)
    grounded = {}
    for name in SECTION_NAMES:
        section = cv.get(name)
        if isinstance(section, dict):
            grounded[name] = _prune(finalizer.walk(name, name, section))
    dropped = finalizer.dropped
    valid = _validate_sections(grounded, dropped)
    document = cv_document_validate(valid)
    result = cv_document_dump(document)
    for name in SECTION_NAMES:
        result[name] = _prune(result[name])

    section_confidence: dict[str, float] = {}
    for name in SECTION_NAMES:
        if result[name] is None:
            continue
        kept, lost = finalizer.section_counts.get(name, [0, 0])
        grounded_ratio = kept / (kept + lost) if kept + lost else 1.0
        section_confidence[name] = round(grounded_ratio * (0.5 + 0.5 * _completeness(name, result[name])), 3)
    core = ("hero", "contact", "experience", "education", "skills")
    core_score = sum(section_confidence.get(name, 0.0) for name in core) / len(core)
    others = [v for k, v in section_confidence.items() if k not in core]
    overall = core_score if not others else 0.8 * core_score + 0.2 * (sum(others) / len(others))
    # how much of the CV's wording ended up somewhere in the document: a reading that missed
    # whole parts of the CV is less sure of itself, however clean what it found is
    coverage = _coverage(result, source_text)
    overall *= 0.6 + 0.4 * min(1.0, coverage / 0.85)
    total_kept = sum(v[0] for v in finalizer.section_counts.values())
    return FinalResult(
        cv=result,
        confidence=round(overall, 3),
        section_confidence=section_confidence,
        dropped=dropped,
        stats={"values_kept": total_kept, "values_dropped": len(dropped), "sections": len(section_confidence),
               "coverage": round(coverage, 3)},
    )
