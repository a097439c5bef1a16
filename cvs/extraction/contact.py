"""Contact details: email, phone (international formats), location and professional links."""
from __future__ import annotations

import re

from .text import Line
from .vocabulary import fold

EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
PHONE_RE = re.compile(r"(?<![\w/.])(?:\+|00)?\(?\d{1,4}\)?(?:[ .\-/]?\(?\d{1,5}\)?){1,6}(?![\w/])")
URL_RE = re.compile(
    r"(?:https?://|www\.)[^\s|,;<>\"')]+|(?<![\w@.])(?:[a-z0-9-]+\.)*(?:linkedin\.com|github\.com|gitlab\.com|"
    r"behance\.net|dribbble\.com|medium\.com|twitter\.com|x\.com|stackoverflow\.com|kaggle\.com|bitbucket\.org|"
    r"researchgate\.net|orcid\.org|scholar\.google\.com)/[^\s|,;<>\"')]*"
    r"|(?<![\w@./])[a-z0-9-]{2,}\.(?:dev|io|me|net|com|org|design|page|site|tech|app)(?:/[^\s|,;<>\"')]*)?(?![\w@])",
    re.I,
)
_FIELD_SPLIT = re.compile(r"\s*(?:\||•|·|◦|▪|●|♦|\u2022|  +|\t| – | — | - (?=\S)(?<=\S - )|;)\s*")
_PLATFORMS = {
    "linkedin.com": "LinkedIn", "github.com": "GitHub", "gitlab.com": "GitLab", "behance.net": "Behance",
    "dribbble.com": "Dribbble", "medium.com": "Medium", "twitter.com": "Twitter", "x.com": "X",
    "stackoverflow.com": "Stack Overflow", "kaggle.com": "Kaggle", "bitbucket.org": "Bitbucket",
    "researchgate.net": "ResearchGate", "orcid.org": "ORCID", "scholar.google.com": "Google Scholar",
}
_LABEL = re.compile(
    r"^(e-?mail|mail|courriel|phone|tel|tél|téléphone|telefon|teléfono|telefone|telefono|mobile|mobil|cell|"
    r"handy|portable|móvil|celular|cellulare|address|adresse|dirección|endereço|indirizzo|location|"
    r"lieu|ort|wohnort|ubicación|web|website|site|linkedin|github|portfolio)\s*[:.]?\s*",
    re.I,
)
_POSTCODE_CITY = re.compile(r"^(?:\d{4,5}\s+)?([A-ZÀ-Þ][\w'’.-]+(?:[ -][A-ZÀ-Þ][\w'’.-]+){0,2})(?:,\s*([A-Z]{2}|[A-ZÀ-Þ][\w'’ .-]+))?$")
_STREET = re.compile(r"\d+\s+\w+.*\b(street|st|avenue|ave|road|rd|way|lane|blvd|drive|dr|rue|strasse|straße|calle|rua|via|laan|straat)\b", re.I)
_COUNTRIES = {
    "usa", "united states", "uk", "united kingdom", "france", "germany", "deutschland", "spain", "españa",
    "espana", "portugal", "italy", "italia", "netherlands", "nederland", "belgium", "belgique", "switzerland",
    "schweiz", "suisse", "austria", "österreich", "canada", "australia", "ireland", "india", "brazil", "brasil",
    "mexico", "méxico", "argentina", "sweden", "norway", "denmark", "poland", "japan", "singapore", "israel",
    "new zealand", "south africa", "nigeria", "kenya", "china", "colombia", "chile",
}


def split_fields(text: str) -> list[str]:
    return [p.strip(" ,") for p in _FIELD_SPLIT.split(text) if p and p.strip(" ,")]


def find_phone(text: str) -> str | None:
    for m in PHONE_RE.finditer(text):
        raw = m.group(0).strip()
        digits = re.sub(r"\D", "", raw)
        if not 7 <= len(digits) <= 15:
            continue
        if re.fullmatch(r"(19|20)\d{2}\s*[-/–]\s*(19|20)\d{2}", raw) or re.fullmatch(r"\d{1,2}[/.]\d{4}", raw):
            continue
        if re.fullmatch(r"\d{4}\s*[-–]\s*\d{2,4}", raw):
            continue
        if not (raw.startswith(("+", "00", "(")) or len(re.findall(r"[ .\-/]", raw)) >= 1 or len(digits) >= 9):
            continue
        return raw
    return None


def looks_like_contact(text: str) -> bool:
    return bool(EMAIL_RE.search(text) or URL_RE.search(text) or find_phone(text) or _LABEL.match(text))


def _platform(url: str) -> str:
    host = re.sub(r"^(https?://)?(www\.)?", "", url.lower()).split("/")[0]
    for domain, name in _PLATFORMS.items():
        if host == domain or host.endswith("." + domain):
            return name
    return "Website"


def parse_location(text: str) -> dict | None:
    text = _LABEL.sub("", text.strip()).strip(" ,")
    if not text or len(text) > 60 or EMAIL_RE.search(text) or any(ch.isdigit() for ch in text[6:]):
        return None
    if _STREET.search(text):
        parts = [p.strip() for p in text.split(",")]
        text = ", ".join(parts[1:]) if len(parts) > 1 else ""
        if not text:
            return None
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if fold(parts[-1]) in _COUNTRIES and len(parts) == 1:
        return {"city": None, "state": None, "country": parts[0]}
    m = _POSTCODE_CITY.match(text)
    if not m or len(parts) > 3:
        return None
    city = re.sub(r"^\d{4,5}\s+", "", parts[0])
    state = country = None
    if len(parts) == 3:
        state, country = parts[1], parts[2]
    elif len(parts) == 2:
        if fold(parts[1]) in _COUNTRIES:
            country = parts[1]
        elif re.fullmatch(r"[A-Z]{2}", parts[1]):
            state = parts[1]
        else:
            country = parts[1]
    else:
        return None
    return {"city": city, "state": state, "country": country}


def parse_contact(lines: list[Line], full_text: str) -> dict | None:
    top_text = "\n".join(line.text for line in lines)
    email = EMAIL_RE.search(top_text) or EMAIL_RE.search(full_text)
    phone = find_phone(_without_urls(top_text)) or None
    links, seen = [], set()
    for m in URL_RE.finditer(top_text if URL_RE.search(top_text) else full_text[:3000]):
        url = m.group(0).rstrip(".")
        if email and url in email.group(0):
            continue
        if "@" in full_text[max(0, m.start() - 1) : m.start()]:
            continue
        key = url.lower().rstrip("/")
        if key not in seen:
            seen.add(key)
            links.append({"platform": _platform(url), "url": url})
    location = None
    for line in lines:
        for part in split_fields(line.text):
            if EMAIL_RE.search(part) or URL_RE.search(part) or find_phone(part):
                continue
            if _LABEL.match(part) or "," in part or fold(part) in _COUNTRIES:
                location = parse_location(part)
                if location:
                    break
        if location:
            break
    contact = {
        "email": email.group(0) if email else None,
        "phone": phone,
        "location": location,
        "professionalLinks": links,
    }
    return contact if any(contact.values()) else None


def _without_urls(text: str) -> str:
    return URL_RE.sub(" ", EMAIL_RE.sub(" ", text))
