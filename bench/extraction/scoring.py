"""Field-level precision / recall / F1 of an extracted CV document against the labelled one.

A document becomes a multiset of facts (section, field, normalised value); a fact counts as
found when the prediction holds the same one. Only the fields the corpus labels are scored.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter

# section -> (list key or None, fields scored per item)
SCORED = {
    "hero": (None, ("fullName", "professionalTitle")),
    "contact": (None, ("email", "phone", "location.city", "professionalLinks.url")),
    "summary": (None, ("summaryText",)),
    "experience": ("experienceItems", ("jobTitle", "companyName", "location", "dateRange", "responsibilitiesAndAchievements")),
    "education": ("educationItems", ("institution", "degree", "fieldOfStudy", "dateRange", "gpa")),
    "skills": (None, ("skillCategories.categoryName", "skill")),
    "languages": ("languageItems", ("language", "proficiency")),
    "projects": ("projectItems", ("title", "description", "technologiesUsed")),
    "certifications": ("certificationItems", ("title", "issuingOrganization", "issueDate")),
    "courses": ("courseItems", ("title", "institution", "date")),
    "volunteer": ("volunteerItems", ("role", "organization", "dateRange", "description")),
    "publications": ("publications", ("title", "authors", "journalName", "publicationDate", "doi")),
    "speaking": ("speakingEngagements", ("title", "event", "date", "location")),
    "achievements": ("achievements", ("label",)),
    "hobbies": ("hobbyItems", ("name",)),
}
# fields labelled by hand on the held-out real CVs (tests/corpus/real): only these are scored there
REAL_SCORED = {
    ("hero", "fullName"), ("contact", "email"), ("contact", "phone"), ("contact", "professionalLinks.url"),
    ("experience", "jobTitle"), ("experience", "companyName"), ("experience", "dateRange"),
    ("education", "institution"), ("education", "degree"), ("education", "fieldOfStudy"),
    ("education", "dateRange"), ("education", "gpa"), ("skills", "skill"),
}
KEY_FIELDS = {
    "name": ("hero", "fullName"),
    "email": ("contact", "email"),
    "phone": ("contact", "phone"),
    "job titles": ("experience", "jobTitle"),
    "companies": ("experience", "companyName"),
    "dates": (("experience", "education"), "dateRange"),
    "institutions": ("education", "institution"),
    "degrees": ("education", "degree"),
}


def norm(field: str, value) -> str:
    if isinstance(value, dict):  # dateRange
        return f"{value.get('startDate')}|{value.get('endDate')}|{bool(value.get('isCurrent'))}"
    text = str(value)
    if field == "phone":
        return re.sub(r"\D", "", text)
    if field.endswith("url"):
        text = re.sub(r"^(https?://)?(www\.)?", "", text.lower()).rstrip("/")
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", "", text)


def _get(item: dict, path: str):
    value = item
    for part in path.split("."):
        if isinstance(value, list):
            return [v.get(part) if isinstance(v, dict) else None for v in value]
        value = (value or {}).get(part) if isinstance(value, dict) else None
    return value


def facts(cv: dict) -> Counter:
    out: Counter = Counter()
    for section, (list_key, fields) in SCORED.items():
        data = cv.get(section) or {}
        items = data.get(list_key) or [] if list_key else [data] if data else []
        for item in items:
            for field in fields:
                if section == "skills" and field == "skill":
                    values = [s for c in item.get("skillCategories") or [] for s in c.get("skills") or []]
                    values += item.get("ungroupedSkills") or []
                else:
                    values = _get(item, field)
                for value in values if isinstance(values, list) else [values]:
                    if value in (None, "", [], {}):
                        continue
                    if isinstance(value, dict) and not any(value.values()):
                        continue
                    out[(section, field, norm(field, value))] += 1
    return out


def compare(expected: dict, predicted: dict, only: set | None = None) -> dict:
    """Per (section, field): true positives, expected count, predicted count (only those fields if given)."""
    exp, pred = facts(expected), facts(predicted)
    if only is not None:
        exp = Counter({k: n for k, n in exp.items() if k[:2] in only})
        pred = Counter({k: n for k, n in pred.items() if k[:2] in only})
    counts: dict = {}
    for key, n in exp.items():
        c = counts.setdefault(key[:2], [0, 0, 0])
        c[1] += n
        c[0] += min(n, pred.get(key, 0))
    for key, n in pred.items():
        counts.setdefault(key[:2], [0, 0, 0])[2] += n
    return counts


def prf(tp: int, n_exp: int, n_pred: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else (1.0 if not n_exp else 0.0)
    r = tp / n_exp if n_exp else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def aggregate(all_counts: list[dict]) -> dict:
    """Micro-averaged scores per section, per key field and overall."""
    total: dict = {}
    for counts in all_counts:
        for key, (tp, e, p) in counts.items():
            t = total.setdefault(key, [0, 0, 0])
            t[0] += tp
            t[1] += e
            t[2] += p

    def summed(pred) -> tuple[float, float, float]:
        keys = [k for k in total if pred(k)]
        return prf(sum(total[k][0] for k in keys), sum(total[k][1] for k in keys), sum(total[k][2] for k in keys))

    sections = {s: summed(lambda k, s=s: k[0] == s) for s in SCORED if any(k[0] == s for k in total)}
    keys = {}
    for name, (section, field) in KEY_FIELDS.items():
        secs = section if isinstance(section, tuple) else (section,)
        keys[name] = summed(lambda k, secs=secs, field=field: k[0] in secs and k[1] == field)
    return {"sections": sections, "key_fields": keys, "overall": summed(lambda k: True),
            "fields": {f"{k[0]}.{k[1]}": prf(*v) for k, v in total.items()}}
