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
    r"|(?<![\w@./])(?:[a-z0-9-]{2,}\.)?[a-z0-9-]{2,}\.(?:dev|io|me|net|com|org|design|page|site|tech|app)(?:/[^\s|,;<>\"')]*)?(?![\w@])",
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
_STREET = re.compile(r"(?<!\d)\d{1,6}\s+\w+.{0,80}\b(street|st|avenue|ave|road|rd|way|lane|blvd|drive|dr|rue|strasse|straße|calle|rua|via|laan|straat|apt)\b", re.I)
_COUNTRIES = {
    "afghanistan", "albania", "algeria", "argentina", "armenia", "australia", "austria", "bangladesh", "belgium",
    "belgique", "bolivia", "brazil", "brasil", "bulgaria", "cameroon", "canada", "chile", "china", "colombia",
    "costa rica", "croatia", "cyprus", "czechia", "czech republic", "denmark", "ecuador", "egypt", "estonia",
    "ethiopia", "finland", "france", "georgia", "germany", "deutschland", "ghana", "greece", "guatemala", "hong kong",
    "hungary", "iceland", "india", "indonesia", "ireland", "israel", "italy", "italia", "japan", "jordan",
    "kazakhstan", "kenya", "korea", "south korea", "latvia", "lebanon", "lithuania", "luxembourg", "malaysia", "malta",
    "mexico", "méxico", "morocco", "maroc", "nepal", "netherlands", "nederland", "the netherlands", "new zealand",
    "nigeria", "norway", "pakistan", "panama", "peru", "perú", "philippines", "poland", "polska", "portugal", "qatar",
    "romania", "russia", "rwanda", "saudi arabia", "senegal", "serbia", "singapore", "slovakia", "slovenia",
    "south africa", "spain", "españa", "espana", "sri lanka", "sweden", "sverige", "switzerland", "schweiz", "suisse",
    "taiwan", "tanzania", "thailand", "tunisia", "turkey", "türkiye", "uganda", "ukraine", "united arab emirates",
    "uae", "united kingdom", "uk", "england", "scotland", "wales", "united states", "usa", "uruguay", "venezuela",
    "vietnam", "zambia", "zimbabwe", "österreich", "frankreich", "spanien", "italien", "schweden", "allemagne",
    "espagne", "italie", "royaume-uni", "états-unis", "alemania", "francia", "reino unido", "estados unidos",
}
_REGIONS = {
    "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware", "florida",
    "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky", "louisiana", "maine",
    "maryland", "massachusetts", "michigan", "minnesota", "mississippi", "missouri", "montana", "nebraska", "nevada",
    "new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota", "ohio", "oklahoma",
    "oregon", "pennsylvania", "rhode island", "south carolina", "south dakota", "tennessee", "texas", "utah",
    "vermont", "virginia", "washington", "west virginia", "wisconsin", "wyoming", "district of columbia",
    "ontario", "quebec", "québec", "british columbia", "alberta", "manitoba", "nova scotia", "new south wales",
    "victoria", "queensland", "bavaria", "bayern", "berlin", "hessen", "catalonia", "cataluña", "catalunya",
    "île-de-france", "ile-de-france", "england", "scotland", "andalucía", "andalucia", "lombardia", "lombardy",
    "telangana", "maharashtra", "karnataka", "tamil nadu", "gujarat", "kerala", "west bengal", "uttar pradesh",
    "andhra pradesh", "madhya pradesh", "rajasthan", "punjab", "haryana", "delhi", "bihar", "odisha", "goa",
}


# "(415) · 497 · 7282": dots set between the digit groups of one phone number, not between fields
_DOTTED_DIGITS = re.compile(r"(?<=[\d)])\s*[·•]\s*(?=\d{3})")


def split_fields(text: str) -> list[str]:
    text = _DOTTED_DIGITS.sub(" ", text)
    return [p.strip(" ,") for p in _FIELD_SPLIT.split(text) if p and p.strip(" ,")]


_DASH_RUN = re.compile(r"(?<=\d)\s?[-‐‑–]{2,}\s?(?=\d)")


def find_phone(text: str) -> str | None:
    text = _DASH_RUN.sub("-", text)  # "555--5555": a hyphen drawn twice
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


def looks_like_address(text: str) -> bool:
    """A street address ("2222 McCoy Road", "12 rue de la Paix", "Hauptstraße 5")."""
    return bool(re.match(r"^\d+[a-z]?\b", text.strip()) or _STREET.search(text) or re.search(r"(straße|strasse|str\.)\s*\d", text, re.I))


def looks_like_contact(text: str) -> bool:
    return bool(EMAIL_RE.search(text) or URL_RE.search(text) or find_phone(text) or _LABEL.match(text))


def _platform(url: str) -> str:
    host = re.sub(r"^(https?://)?(www\.)?", "", url.lower()).split("/")[0]
    for domain, name in _PLATFORMS.items():
        if host == domain or host.endswith("." + domain):
            return name
    return "Website"


def parse_location(text: str) -> dict | None:
    """"City, Country", "City, ST", "City, Region, Country" or a bare country; None otherwise."""
    text = _LABEL.sub("", text.strip()).strip(" ,")
    text = re.sub(r"\s+\d{5}(-\d{4})?$", "", text)  # a US ZIP code after the state
    if not text or len(text) > 80 or EMAIL_RE.search(text):
        return None
    if _STREET.search(text) or (re.match(r"^\d", text) and text.count(",") >= 2):
        # a street address: the place is the end of it ("…, Apt 7, San Francisco, CA")
        parts = [p.strip() for p in text.split(",")]
        for k in (2, 3):
            if len(parts) > k:
                place = parse_location(", ".join(parts[-k:]))
                if place:
                    return place
        return None
    if len(text) > 60 or any(ch.isdigit() for ch in text[6:]):
        return None
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if len(parts) == 1:
        return {"city": None, "state": None, "country": parts[0]} if fold(parts[0]) in _COUNTRIES else None
    if len(parts) > 3 or not _POSTCODE_CITY.match(parts[0]) or len(parts[0].split()) > 3:
        return None
    city = re.sub(r"^\d{4,5}\s+", "", parts[0])
    last = parts[-1]
    is_state = bool(re.fullmatch(r"[A-Z]{2}", last)) or fold(last) in _REGIONS
    if fold(last) not in _COUNTRIES and not is_state:
        return None
    if len(parts) == 3:
        return {"city": city, "state": parts[1], "country": last}
    return {"city": city, "state": last if is_state and fold(last) not in _COUNTRIES else None,
            "country": None if is_state and fold(last) not in _COUNTRIES else last}


_URL_BROKEN = re.compile(r"((?:https?://|www\.|(?<![\w.-])[\w-]{1,63}(?:\.[\w-]{1,63}){0,8}\.[a-z]{2,6}/)\S{0,500}[-/_])\n(?=[\w/.-]+(?:\s|$))", re.I)


def parse_contact(lines: list[Line], full_text: str) -> dict | None:
    # a link broken at the end of a line goes on on the next one
    top_text = _DOTTED_DIGITS.sub(" ", _URL_BROKEN.sub(r"\1", "\n".join(line.text for line in lines)))
    email = EMAIL_RE.search(top_text) or EMAIL_RE.search(full_text)
    phone = find_phone(_without_urls(top_text)) or None
    links, seen = [], set()
    source = top_text if URL_RE.search(top_text) else full_text[:3000]
    for m in URL_RE.finditer(source):
        url = m.group(0).rstrip(".")
        if "@" in source[max(0, m.start() - 1) : m.start()]:
            continue  # the domain of an email address
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
        **personal_details(full_text),
    }
    return contact if any(contact.values()) else None


_DETAIL_VALUE = r"\s*[:：]\s*([^|•·;\n]{1,60}?)\s*(?=$|\||•|·|;|\n|\s{2,})"
_DETAILS = {
    "nationality": re.compile(
        r"\b(?:nationality|citizenship|nationalité|staatsangehörigkeit|nationalität|nacionalidad|nacionalidade|"
        r"nazionalità|nationaliteit)" + _DETAIL_VALUE, re.I | re.M),
    "drivingLicense": re.compile(
        r"\b(?:driving licen[cs]e|driver'?s licen[cs]e|permis de conduire|permis|führerschein|carn[eé] de conducir|"
        r"carta de condução|patente di guida|patente|rijbewijs)" + _DETAIL_VALUE, re.I | re.M),
    "visaStatus": re.compile(
        r"\b(?:visa status|visa|work permit|work authori[sz]ation|right to work|arbeitserlaubnis|permis de travail|"
        r"permiso de trabajo)" + _DETAIL_VALUE, re.I | re.M),
    "availability": re.compile(
        r"\b(?:availability|available from|available|notice period|disponibilité|verfügbarkeit|verfügbar ab|"
        r"disponibilidad|disponibilità)" + _DETAIL_VALUE, re.I | re.M),
}


def personal_details(text: str) -> dict:
    """Labelled details some CVs give: "Nationality: Irish", "Driving licence: B", "Visa: Tier 2"."""
    out = {}
    for key, pattern in _DETAILS.items():
        m = pattern.search(text)
        out[key] = m.group(1).strip(" .,") if m else None
    return out


def _without_urls(text: str) -> str:
    return URL_RE.sub(" ", EMAIL_RE.sub(" ", text))
