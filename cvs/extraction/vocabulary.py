"""Words a CV is made of, in the languages we read: section headings, months, job titles."""
from __future__ import annotations

import functools
import re
import unicodedata

# Heading wordings per section (lower case, accents removed). Matched against a whole line.
HEADINGS: dict[str, tuple[str, ...]] = {
    "summary": (
        "summary", "professional summary", "profile", "professional profile", "about me", "about", "objective",
        "career objective", "career summary", "executive summary", "personal statement", "overview", "introduction",
        "profil", "profil professionnel", "resume", "a propos", "a propos de moi", "objectif", "objectif professionnel",
        "kurzprofil", "zusammenfassung", "uber mich", "profil und ziele", "perfil", "perfil profesional", "resumen",
        "sobre mi", "objetivo", "objetivo profesional", "sobre mim", "perfil profissional", "resumo", "profilo",
        "profilo professionale", "chi sono", "sommario", "profiel", "over mij", "samenvatting", "personal profile",
    ),
    "experience": (
        "experience", "work experience", "professional experience", "employment", "employment history",
        "work history", "career history", "career", "relevant experience", "experience professionnelle",
        "experiences professionnelles", "experiences", "parcours professionnel", "emplois", "berufserfahrung",
        "berufliche erfahrung", "berufspraxis", "beruflicher werdegang", "praxiserfahrung", "werdegang",
        "experiencia", "experiencia profesional", "experiencia laboral", "trayectoria profesional",
        "experiencia profissional", "historico profissional", "esperienza", "esperienze", "esperienza professionale",
        "esperienze professionali", "esperienza lavorativa", "werkervaring", "ervaring", "professional background",
        "positions held", "professional history", "teaching experience", "research experience", "work",
        "industry experience", "internships", "employment experience", "leadership experience",
    ),
    "education": (
        "education", "academic background", "education and training", "academic qualifications", "qualifications",
        "studies", "academic history", "educational background", "formation", "formations", "etudes",
        "diplomes", "formation academique", "ausbildung", "bildungsweg", "akademische ausbildung", "studium",
        "schulbildung", "educacion", "formacion", "formacion academica", "estudios", "educacao", "formacao",
        "formacao academica", "istruzione", "formazione", "istruzione e formazione", "titoli di studio",
        "opleiding", "opleidingen", "education & training", "academic", "degrees",
    ),
    "skills": (
        "skills", "technical skills", "key skills", "core skills", "core competencies", "competencies",
        "skills & expertise", "skills and expertise", "expertise", "areas of expertise", "technologies",
        "tech stack", "tools", "technical proficiencies", "it skills", "computer skills", "abilities",
        "competences", "competences techniques", "competences cles", "savoir-faire", "kenntnisse", "fahigkeiten",
        "kompetenzen", "it-kenntnisse", "fachkenntnisse", "edv-kenntnisse", "habilidades", "competencias",
        "conocimientos", "aptitudes", "habilidades tecnicas", "competencias tecnicas", "competenze",
        "competenze tecniche", "capacita", "vaardigheden", "competenties", "skills summary", "professional skills",
        "software", "tools & technologies", "tools and technologies", "programming languages",
    ),
    "projects": (
        "course projects", "class projects", "school projects", "university projects", "student projects",
        "projects", "project", "personal projects", "selected projects", "key projects", "side projects", "relevant projects",
        "academic projects", "projets", "projets personnels", "projekte", "proyectos", "projetos", "progetti",
        "projecten", "portfolio", "open source", "open source contributions",
    ),
    "achievements": (
        "achievements", "key achievements", "accomplishments", "awards", "honors", "honours", "awards and honors",
        "honors and awards", "awards & honors", "honors & awards", "distinctions", "prix", "realisations",
        "auszeichnungen", "erfolge", "logros", "premios", "conquistas", "premi", "riconoscimenti", "prestaties",
        "honors/awards", "awards & achievements", "achievements & awards", "scholarships",
    ),
    "certifications": (
        "certifications", "certificates", "licenses", "licenses and certifications", "licenses & certifications",
        "certifications and licenses", "professional certifications", "accreditations", "certificats",
        "zertifikate", "zertifizierungen", "certificaciones", "certificados", "certificacoes", "certificazioni",
        "certificaten",
    ),
    "languages": (
        "languages", "language skills", "language", "langues", "langues parlees", "sprachen", "sprachkenntnisse",
        "idiomas", "lenguas", "linguas", "lingue", "conoscenze linguistiche", "talen", "talenkennis",
    ),
    "courses": (
        "courses", "training", "trainings", "professional development", "continuing education", "coursework",
        "relevant coursework", "workshops", "formation continue", "weiterbildung", "weiterbildungen", "fortbildung",
        "fortbildungen", "cursos", "formacion complementaria", "corsi", "cursussen", "trainingen",
    ),
    "volunteer": (
        "volunteer", "volunteering", "volunteer experience", "volunteer work", "community service",
        "community involvement", "voluntary work", "benevolat", "engagement associatif", "ehrenamt",
        "ehrenamtliches engagement", "engagement", "voluntariado", "voluntariado y otras actividades", "volontariato",
        "vrijwilligerswerk", "leadership and volunteering", "on campus involvement", "campus involvement",
        "extracurricular activities",
        "activities", "leadership", "leadership & activities",
    ),
    "publications": (
        "publications", "selected publications", "papers", "research", "publikationen", "veroffentlichungen",
        "publicaciones", "publicacoes", "pubblicazioni", "publicaties", "articles", "research papers",
    ),
    "speaking": (
        "speaking", "talks", "conference talks", "presentations", "speaking engagements", "conferences",
        "public speaking", "talks & presentations", "conferences et interventions", "interventions", "vortrage",
        "ponencias", "conferencias", "palestras", "interventi", "lezingen",
    ),
    "hobbies": (
        "hobbies", "interests", "hobbies and interests", "hobbies & interests", "interests & hobbies",
        "personal interests", "outside interests", "centres d'interet", "centres d interet", "loisirs",
        "interets", "hobbys", "interessen", "freizeit", "aficiones", "intereses", "pasatiempos", "hobbies e interesses",
        "interesses", "passatempos", "interessi", "hobby", "hobby e interessi", "tempo libero", "interesses en hobby's",
    ),
    "contact": (
        "contact", "contact information", "contact details", "contact info", "personal information",
        "personal details", "personal data", "coordonnees", "informations personnelles", "kontakt",
        "kontaktdaten", "personliche daten", "angaben zur person", "contacto", "datos personales",
        "informacion de contacto", "contato", "dados pessoais", "contatti", "dati personali", "informazioni personali",
        "contactgegevens", "persoonlijke gegevens", "details", "online", "links", "online profiles", "find me online",
        "on the web", "web presence", "online presence", "profiles",
    ),
    # sections outside the CV document's shape: their lines are kept out of the sections before them
    "other": (
        "additional information", "other information", "miscellaneous", "informations complementaires", "sonstiges",
        "weitere angaben", "informacion adicional", "informacoes adicionais", "altre informazioni", "overige informatie",
    ),
    "references": (
        "references", "referees", "references available upon request", "referenzen", "referencias", "referenze",
        "referenties", "references sur demande",
    ),
}

_HEADING_INDEX: dict[str, str] = {}
for _section, _words in HEADINGS.items():
    for _w in _words:
        _HEADING_INDEX[_w] = _section


def fold(text: str) -> str:
    """Lower case without accents, for matching words across spellings."""
    text = text.lower()
    if text.isascii():
        return text
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))


_COMBINING = re.compile(r"[\u0300-\u036f]")


_HEADING_STRIP = re.compile(r"^[\W\d_]+|[\W_]+$")
_SPACED_CAPS = re.compile(r"^(?:[A-ZÀ-Þ&] ){3,}[A-ZÀ-Þ&]$")


def heading_key(line: str) -> str:
    text = line.strip()
    if _SPACED_CAPS.match(text):
        text = text.replace(" ", "")
    text = fold(text)
    text = _HEADING_STRIP.sub("", text)
    text = re.sub(r"\s+", " ", text.replace("’", "'"))
    return text


_MODIFIERS = {"selected", "relevant", "professional", "key", "other", "additional", "recent", "technical", "academic",
              "personal", "core", "main", "my", "work", "notable", "significant", "computer", "further", "autres", "weitere", "otros", "otras", "altre"}


@functools.lru_cache(maxsize=4096)
def heading_section(line: str) -> str | None:
    """The section a heading line names, or None. Works on 'EXPERIENCE', 'Work Experience:', 'E X P E R I E N C E'."""
    key = heading_key(line)
    if not key or len(key) > 50:
        return None
    section = _HEADING_INDEX.get(key)
    if section:
        return section
    words = key.split(" ", 1)
    if len(words) == 2 and words[0] in _MODIFIERS:
        section = _HEADING_INDEX.get(words[1])
        if section:
            return section
    for joiner in (" & ", " and ", " / ", " et ", " und ", " y ", " e "):
        if joiner in key:
            first = key.split(joiner)[0].strip()
            section = _HEADING_INDEX.get(first)
            if section:
                return section
    return None


MONTHS: dict[str, int] = {}
_MONTH_NAMES = {
    1: "january jan januar janvier janv enero ene janeiro gennaio genn gen januari jänner janner",
    2: "february feb februar fevrier fevr fev février févr fév febrero fevereiro febbraio februari",
    3: "march mar marz märz maerz mars marzo marco março maart mrt",
    4: "april apr avril avr abril abr aprile",
    5: "may mai mayo maio maggio mag mei",
    6: "june jun juni juin junio junho giugno giu",
    7: "july jul juli juillet juil julio julho luglio lug",
    8: "august aug aout août agosto ago augustus",
    9: "september sep sept septembre septiembre setiembre setembro set settembre",
    10: "october oct oktober octobre octubre outubro out ottobre ott okt",
    11: "november nov novembre noviembre novembro",
    12: "december dec déc dezember decembre décembre diciembre dic dezembro dez dicembre",
}
for _num, _names in _MONTH_NAMES.items():
    for _name in _names.split():
        MONTHS[_name] = _num

PRESENT_WORDS = (
    "present", "current", "currently", "now", "today", "ongoing", "date", "aujourd'hui", "aujourdhui", "ce jour",
    "actuel", "heute", "jetzt", "aktuell", "dato", "actualidad", "actual", "presente", "hoy", "atual", "atualmente",
    "oggi", "in corso", "heden", "nu", "huidig",
)

JOB_TITLE_WORDS = (
    "engineer", "developer", "manager", "director", "analyst", "consultant", "designer", "architect", "scientist",
    "intern", "assistant", "specialist", "coordinator", "lead", "head of", "officer", "administrator", "teacher",
    "nurse", "accountant", "technician", "researcher", "associate", "executive", "representative", "supervisor",
    "ingenieur", "ingénieur", "développeur", "entwickler", "berater", "leiter", "gerente", "desarrollador",
    "ingeniero", "analista", "diseñador", "desenvolvedor", "engenheiro", "sviluppatore", "responsable", "chef de",
    "professor", "lecturer", "editor", "writer", "attorney", "lawyer", "pharmacist", "physician", "chef",
    "founder", "owner", "product owner", "operator", "agent", "clerk", "fellow", "postdoc", "stagiaire",
    "advisor", "adviser", "server", "coach", "tutor", "volunteer", "member", "cashier", "waiter", "waitress",
    "processor", "processer", "instructor", "trainer", "mentor", "president", "treasurer", "secretary", "chair",
    "programmer", "therapist", "auditor", "contable", "arquitecto", "auditora", "cheffe", "chef de partie",
    "praktikant", "becario", "medewerker", "adviseur", "projectleider",
)

NON_CV_WORDS = (
    "invoice number", "invoice no", "invoice date", "bill to", "ship to", "subtotal", "sub-total", "total due",
    "amount due", "balance due", "tax id", "vat number", "payment terms", "due date", "change due", "payment method",
    "card ending", "qty", "unit price", "thank you for your purchase", "thank you for shopping", "ingredients",
    "preheat", "tablespoon", "tablespoons", "teaspoon", "teaspoons", "tbsp", "tsp", "servings", "prep time",
    "cook time", "numéro de facture", "montant total", "rechnungsnummer", "gesamtbetrag", "número de factura",
    "dear sir", "dear madam", "yours sincerely", "yours faithfully", "in conclusion", "bibliography",
    "thesis statement", "terms and conditions", "purchase order", "table of contents", "chapter 1", "chapter one",
)
