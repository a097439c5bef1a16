"""Generate the labelled corpus: CV files in many layouts and formats from known data, each
with the exact CV document expected from it.

    .venv/bin/python tests/corpus/generate.py

Writes tests/corpus/files/<name>.<ext> and tests/corpus/expected/<name>.json. PDFs are printed
from HTML by headless Chromium; DOCX by python-docx; the scan is a PDF page rendered to an
image, turned slightly and given noise.
"""
from __future__ import annotations

import html
import json
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from tests.corpus.people import PEOPLE  # noqa: E402

FILES = HERE / "files"
EXPECTED = HERE / "expected"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

LABELS = {
    "en": {"summary": "Summary", "experience": "Experience", "education": "Education", "skills": "Skills",
           "languages": "Languages", "projects": "Projects", "certifications": "Certifications", "courses": "Courses",
           "volunteer": "Volunteering", "publications": "Publications", "speaking": "Talks", "achievements": "Awards",
           "hobbies": "Interests", "contact": "Contact", "present": "Present", "in": "in"},
    "fr": {"summary": "Profil", "experience": "Expérience professionnelle", "education": "Formation", "skills": "Compétences",
           "languages": "Langues", "projects": "Projets", "certifications": "Certifications", "courses": "Formation continue",
           "volunteer": "Bénévolat", "publications": "Publications", "speaking": "Interventions", "achievements": "Distinctions",
           "hobbies": "Centres d'intérêt", "contact": "Coordonnées", "present": "aujourd'hui", "in": "en"},
    "de": {"summary": "Profil", "experience": "Berufserfahrung", "education": "Ausbildung", "skills": "Kenntnisse",
           "languages": "Sprachen", "projects": "Projekte", "certifications": "Zertifikate", "courses": "Weiterbildung",
           "volunteer": "Ehrenamt", "publications": "Publikationen", "speaking": "Vorträge", "achievements": "Auszeichnungen",
           "hobbies": "Hobbys", "contact": "Kontakt", "present": "heute", "in": "in"},
    "es": {"summary": "Perfil", "experience": "Experiencia profesional", "education": "Formación", "skills": "Habilidades",
           "languages": "Idiomas", "projects": "Proyectos", "certifications": "Certificaciones", "courses": "Cursos",
           "volunteer": "Voluntariado", "publications": "Publicaciones", "speaking": "Ponencias", "achievements": "Premios",
           "hobbies": "Aficiones", "contact": "Contacto", "present": "Actualidad", "in": "en"},
}
MONTHS = {
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "en_full": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
    "fr": ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."],
    "de": ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sep.", "Okt.", "Nov.", "Dez."],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
}
PLATFORMS = {"github.com": "GitHub", "linkedin.com": "LinkedIn", "behance.net": "Behance", "dribbble.com": "Dribbble",
             "gitlab.com": "GitLab", "orcid.org": "ORCID"}


# ----------------------------------------------------------------------------- dates


def fmt_date(d, style: str, lang: str) -> str:
    year, month = d
    if style == "year" or month is None:
        return str(year)
    if style == "num":
        return f"{month:02d}/{year}"
    if style == "iso":
        return f"{year}-{month:02d}"
    if style == "full" and lang == "en":
        return f"{MONTHS['en_full'][month - 1]} {year}"
    return f"{MONTHS[lang][month - 1]} {year}"


def fmt_range(start, end, current, style, lang, sep=" – ") -> str:
    left = fmt_date(start, style, lang) if start else ""
    right = LABELS[lang]["present"] if current else (fmt_date(end, style, lang) if end else "")
    return f"{left}{sep}{right}" if right and left else left or right


def exp_date(d, style) -> str | None:
    if d is None:
        return None
    year, month = d
    return str(year) if style == "year" or month is None else f"{year}-{month:02d}"


def exp_range(start, end, current, style):
    return {"startDate": exp_date(start, style), "endDate": exp_date(end, style), "isCurrent": bool(current)}


# ----------------------------------------------------------------------------- expected JSON


def platform(url: str) -> str:
    host = url.split("/")[0]
    return PLATFORMS.get(host, "Website")


def expected_cv(p: dict, style: str) -> dict:
    from cvs.extraction.schema import cv_document_dump, cv_document_validate

    loc = {"city": p["city"], "state": p.get("state"), "country": p.get("country")}
    cv = {
        "hero": {"fullName": p["name"], "professionalTitle": p["title"]},
        "contact": {"email": p["email"], "phone": p["phone"], "location": loc,
                    "professionalLinks": [{"platform": platform(u), "url": "https://" + u} for u in p.get("links", [])]},
        "summary": {"summaryText": p["summary"]},
        "experience": {"experienceItems": [
            {"jobTitle": t, "companyName": c, "location": l, "dateRange": exp_range(s, e, cur, style),
             "responsibilitiesAndAchievements": list(b)} for t, c, l, s, e, cur, b in p["experience"]]},
        "education": {"educationItems": [
            {"institution": i, "degree": d, "fieldOfStudy": f, "dateRange": exp_range(s, e, False, style), "gpa": g}
            for i, d, f, s, e, g in p["education"]]},
        "skills": {"skillCategories": [{"categoryName": k, "skills": v} for k, v in p["skills"].items()]},
    }
    if p.get("languages"):
        cv["languages"] = {"languageItems": [{"language": a, "proficiency": b} for a, b in p["languages"]]}
    if p.get("projects"):
        cv["projects"] = {"projectItems": [{"title": t, "description": d, "technologiesUsed": tech} for t, d, tech in p["projects"]]}
    if p.get("certifications"):
        cv["certifications"] = {"certificationItems": [
            {"title": t, "issuingOrganization": o, "issueDate": exp_date(d, style)} for t, o, d in p["certifications"]]}
    if p.get("courses"):
        cv["courses"] = {"courseItems": [{"title": t, "institution": o, "date": exp_date(d, style)} for t, o, d in p["courses"]]}
    if p.get("volunteer"):
        cv["volunteer"] = {"volunteerItems": [
            {"role": r, "organization": o, "dateRange": exp_range(s, e, cur, style), "description": d}
            for r, o, s, e, cur, d in p["volunteer"]]}
    if p.get("publications"):
        cv["publications"] = {"publications": [
            {"title": t, "authors": a, "journalName": j, "publicationDate": str(d[0]), "doi": doi}
            for t, a, j, d, doi in p["publications"]]}
    if p.get("speaking"):
        cv["speaking"] = {"speakingEngagements": [
            {"title": t, "event": ev, "date": exp_date(d, style), "location": loc_} for t, ev, d, loc_ in p["speaking"]]}
    if p.get("achievements"):
        cv["achievements"] = {"achievements": [{"label": a} for a in p["achievements"]]}
    if p.get("hobbies"):
        cv["hobbies"] = {"hobbyItems": [{"name": h} for h in p["hobbies"]]}
    return cv_document_dump(cv_document_validate(cv))


# ----------------------------------------------------------------------------- content blocks


def place(p) -> str:
    return f"{p['city']}, {p.get('state') or p.get('country')}"


def contact_parts(p) -> list[str]:
    return [p["email"], p["phone"], place(p), *p.get("links", [])]


def sections_html(p, style, lang, *, variant: str, include=None) -> str:
    L = LABELS[lang]
    out = []
    order = include or ["summary", "experience", "education", "projects", "skills", "certifications", "courses",
                        "volunteer", "publications", "speaking", "achievements", "languages", "hobbies"]
    e = html.escape
    for key in order:
        if key == "summary":
            out.append(f"<h2>{e(L['summary'])}</h2><p>{e(p['summary'])}</p>")
        elif key == "experience":
            out.append(f"<h2>{e(L['experience'])}</h2>")
            for t, c, loc, s, en, cur, bullets in p["experience"]:
                dates = e(fmt_range(s, en, cur, style, lang))
                if variant == "classic":
                    out.append(f"<div class=row><span><b>{e(t)}</b>, {e(c)} | {e(loc)}</span><span class=date>{dates}</span></div>")
                elif variant == "modern":
                    out.append(f"<div class=row><span class=org>{e(c)}</span><span>{e(loc)}</span></div>")
                    out.append(f"<div class=row><i>{e(t)}</i><span class=date>{dates}</span></div>")
                else:
                    out.append(f"<div class=job>{e(t)}</div><div class=org>{e(c)} · {e(loc)}</div><div class=date>{dates}</div>")
                out.append("<ul>" + "".join(f"<li>{e(b)}</li>" for b in bullets) + "</ul>")
        elif key == "education":
            out.append(f"<h2>{e(L['education'])}</h2>")
            for inst, deg, field, s, en, gpa in p["education"]:
                dates = e(fmt_range(s, en, False, style, lang))
                g = f" (GPA {e(gpa)})" if gpa else ""
                if variant == "classic":
                    out.append(f"<div class=row><span><b>{e(deg)} {L['in']} {e(field)}</b>, {e(inst)}{g}</span><span class=date>{dates}</span></div>")
                else:
                    out.append(f"<div class=row><span class=org>{e(inst)}</span><span class=date>{dates}</span></div>")
                    out.append(f"<div>{e(deg)} {L['in']} {e(field)}{g}</div>")
        elif key == "skills":
            out.append(f"<h2>{e(L['skills'])}</h2>")
            for cat, skills in p["skills"].items():
                out.append(f"<div><b>{e(cat)}:</b> {e(', '.join(skills))}</div>")
        elif key == "languages" and p.get("languages"):
            out.append(f"<h2>{e(L['languages'])}</h2>")
            out.append("<div>" + "<br>".join(f"{e(a)} ({e(b)})" for a, b in p["languages"]) + "</div>")
        elif key == "projects" and p.get("projects"):
            out.append(f"<h2>{e(L['projects'])}</h2>")
            for t, d, tech in p["projects"]:
                out.append(f"<div><b>{e(t)}</b></div><ul><li>{e(d)}</li><li>Technologies: {e(', '.join(tech))}</li></ul>")
        elif key == "certifications" and p.get("certifications"):
            out.append(f"<h2>{e(L['certifications'])}</h2><ul>")
            out.extend(f"<li>{e(t)} – {e(o)}, {e(fmt_date(d, style, lang))}</li>" for t, o, d in p["certifications"])
            out.append("</ul>")
        elif key == "courses" and p.get("courses"):
            out.append(f"<h2>{e(L['courses'])}</h2><ul>")
            out.extend(f"<li>{e(t)} – {e(o)}, {e(fmt_date(d, style, lang))}</li>" for t, o, d in p["courses"])
            out.append("</ul>")
        elif key == "volunteer" and p.get("volunteer"):
            out.append(f"<h2>{e(L['volunteer'])}</h2>")
            for r, o, s, en, cur, d in p["volunteer"]:
                out.append(f"<div class=row><span><b>{e(r)}</b>, {e(o)}</span><span class=date>{e(fmt_range(s, en, cur, style, lang))}</span></div><ul><li>{e(d)}</li></ul>")
        elif key == "publications" and p.get("publications"):
            out.append(f"<h2>{e(L['publications'])}</h2><ul>")
            for t, a, j, d, doi in p["publications"]:
                tail = f" doi:{e(doi)}" if doi else ""
                out.append(f"<li>{e(', '.join(a))} ({d[0]}). “{e(t)}”. {e(j)}.{tail}</li>")
            out.append("</ul>")
        elif key == "speaking" and p.get("speaking"):
            out.append(f"<h2>{e(L['speaking'])}</h2><ul>")
            out.extend(f"<li>“{e(t)}” – {e(ev)}, {e(lo)}, {e(fmt_date(d, style, lang))}</li>" for t, ev, d, lo in p["speaking"])
            out.append("</ul>")
        elif key == "achievements" and p.get("achievements"):
            out.append(f"<h2>{e(L['achievements'])}</h2><ul>" + "".join(f"<li>{e(a)}</li>" for a in p["achievements"]) + "</ul>")
        elif key == "hobbies" and p.get("hobbies"):
            out.append(f"<h2>{e(L['hobbies'])}</h2><div>{e(', '.join(p['hobbies']))}</div>")
    return "\n".join(out)


CSS = {
    "classic": """body{font-family:'Liberation Serif',serif;font-size:12pt;line-height:1.5;margin:0 16mm}
h1{font-size:24pt;margin:0}h2{font-size:13.5pt;text-transform:uppercase;border-bottom:1px solid #333;margin:20px 0 8px}
.row{display:flex;justify-content:space-between}.title{font-size:14pt}ul{margin:4px 0 12px 0;padding-left:20px}
li{margin-bottom:4px}p{margin:4px 0}""",
    "modern": """body{font-family:'DejaVu Sans',sans-serif;font-size:11pt;line-height:1.55;margin:0 14mm;color:#222}
h1{font-size:26pt;color:#1a4d8f;margin:0 0 6px}h2{font-size:14pt;color:#1a4d8f;margin:22px 0 8px}
.org{font-weight:bold}.row{display:flex;justify-content:space-between}ul{margin:4px 0 14px;padding-left:18px}li{margin-bottom:3px}""",
    "sidebar": """body{font-family:'Liberation Sans',sans-serif;font-size:10.5pt;line-height:1.6;margin:0;display:flex}
aside{width:30%;padding:10px 14px;background:#eef}main{width:62%;padding:10px 16px}
h1{font-size:21pt;margin:0}h2{font-size:12pt;text-transform:uppercase;margin:12px 0 4px}
.job{font-weight:bold}.date{color:#555}ul{margin:2px 0 8px;padding-left:16px}""",
    "long": """body{font-family:'DejaVu Serif',serif;font-size:14pt;line-height:1.7;margin:0 12mm}
h1{font-size:26pt}h2{font-size:17pt;margin:26px 0 8px}.row{display:flex;justify-content:space-between}li{margin-bottom:10px}""",
}


def html_doc(p, style, lang, layout) -> str:
    e = html.escape
    head = f"<h1>{e(p['name'])}</h1><div class=title>{e(p['title'])}</div>"
    if layout == "sidebar":
        L = LABELS[lang]
        side = [f"<h2>{e(L['contact'])}</h2>" + "<br>".join(e(x) for x in contact_parts(p))]
        side.append(sections_html(p, style, lang, variant="sidebar", include=["skills", "languages", "hobbies"]))
        main = sections_html(p, style, lang, variant="sidebar", include=[
            "summary", "experience", "education", "projects", "certifications", "courses", "volunteer",
            "publications", "speaking", "achievements"])
        body = f"<aside>{''.join(side)}</aside><main>{head}{main}</main>"
    else:
        body = head + f"<div>{' | '.join(e(x) for x in contact_parts(p))}</div>"
        body += sections_html(p, style, lang, variant="modern" if layout == "modern" else "classic")
    return f"<!doctype html><html><head><meta charset=utf-8><style>@page{{size:A4;margin:12mm 0}}{CSS[layout]}</style></head><body>{body}</body></html>"


def print_pdf(markup: str, target: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "cv.html"
        source.write_text(markup, encoding="utf-8")
        subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
             f"--print-to-pdf={target}", source.as_uri()],
            check=True, capture_output=True, timeout=120,
        )


# ----------------------------------------------------------------------------- DOCX, TXT, RTF


def plain_blocks(p, style, lang) -> list[tuple[str, str]]:
    """The CV as (kind, text) blocks for the word-processor and plain-text formats."""
    L = LABELS[lang]
    blocks = [("name", p["name"]), ("title", p["title"]), ("contact", " | ".join(contact_parts(p)))]
    blocks += [("h", L["summary"]), ("p", p["summary"]), ("h", L["experience"])]
    for t, c, loc, s, en, cur, bullets in p["experience"]:
        blocks.append(("entry", f"{t} | {c} | {loc} | {fmt_range(s, en, cur, style, lang)}"))
        blocks += [("li", b) for b in bullets]
    blocks.append(("h", L["education"]))
    for inst, deg, field, s, en, gpa in p["education"]:
        g = f" | GPA {gpa}" if gpa else ""
        blocks.append(("entry", f"{deg} {L['in']} {field} | {inst} | {fmt_range(s, en, False, style, lang)}{g}"))
    blocks.append(("h", L["skills"]))
    blocks += [("p", f"{cat}: {', '.join(skills)}") for cat, skills in p["skills"].items()]
    if p.get("projects"):
        blocks.append(("h", L["projects"]))
        for t, d, tech in p["projects"]:
            blocks += [("entry", t), ("li", d), ("li", f"Technologies: {', '.join(tech)}")]
    for key, fmt in (("certifications", lambda x: f"{x[0]} – {x[1]}, {fmt_date(x[2], style, lang)}"),
                     ("courses", lambda x: f"{x[0]} – {x[1]}, {fmt_date(x[2], style, lang)}")):
        if p.get(key):
            blocks.append(("h", L[key]))
            blocks += [("li", fmt(x)) for x in p[key]]
    if p.get("volunteer"):
        blocks.append(("h", L["volunteer"]))
        for r, o, s, en, cur, d in p["volunteer"]:
            blocks += [("entry", f"{r} | {o} | {fmt_range(s, en, cur, style, lang)}"), ("li", d)]
    if p.get("publications"):
        blocks.append(("h", L["publications"]))
        for t, a, j, d, doi in p["publications"]:
            blocks.append(("li", f"{', '.join(a)} ({d[0]}). “{t}”. {j}." + (f" doi:{doi}" if doi else "")))
    if p.get("speaking"):
        blocks.append(("h", L["speaking"]))
        blocks += [("li", f"“{t}” – {ev}, {lo}, {fmt_date(d, style, lang)}") for t, ev, d, lo in p["speaking"]]
    if p.get("achievements"):
        blocks.append(("h", L["achievements"]))
        blocks += [("li", a) for a in p["achievements"]]
    if p.get("languages"):
        blocks.append(("h", L["languages"]))
        blocks.append(("p", ", ".join(f"{a} ({b})" for a, b in p["languages"])))
    if p.get("hobbies"):
        blocks.append(("h", L["hobbies"]))
        blocks.append(("p", ", ".join(p["hobbies"])))
    return blocks


def write_docx(p, style, lang, target: Path, *, table: bool = False) -> None:
    import docx
    from docx.shared import Pt

    document = docx.Document()
    document.core_properties.created = document.core_properties.modified = datetime(2024, 1, 1)
    document.core_properties.last_modified_by = document.core_properties.author = p["name"]
    blocks = plain_blocks(p, style, lang)

    def add(container, kind, text):
        if kind == "name":
            para = container.add_paragraph()
            run = para.add_run(text)
            run.bold, run.font.size = True, Pt(22)
        elif kind == "h":
            if container is document:
                document.add_heading(text.upper(), level=1)
            else:
                run = container.add_paragraph().add_run(text.upper())
                run.bold, run.font.size = True, Pt(13)
        elif kind == "entry":
            container.add_paragraph().add_run(text).bold = True
        elif kind == "li":
            container.add_paragraph(text, style="List Bullet")
        else:
            container.add_paragraph(text)

    if not table:
        for kind, text in blocks:
            add(document, kind, text)
    else:
        grid = document.add_table(rows=1, cols=2)
        left, right = grid.rows[0].cells
        side_keys = {LABELS[lang][k] for k in ("skills", "languages", "hobbies")}
        target_cell, in_side = right, False
        for kind, text in blocks:
            if kind == "contact":
                for part in text.split(" | "):
                    left.add_paragraph(part)
                continue
            if kind == "h":
                in_side = text in side_keys
            add(left if in_side else right, kind, text)
        del target_cell
    document.save(str(target))


def write_txt(p, style, lang, target: Path, encoding="utf-8") -> None:
    lines = []
    for kind, text in plain_blocks(p, style, lang):
        if kind == "h":
            lines += ["", text.upper(), "=" * len(text)]
        elif kind == "li":
            lines.append(f"- {text}")
        elif kind == "entry":
            lines += ["", text]
        else:
            lines.append(text)
    target.write_bytes("\n".join(lines).encode(encoding))


def _rtf_escape(text: str) -> str:
    out = []
    for ch in text:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ord(ch) < 128:
            out.append(ch)
        else:
            out.append(f"\\u{ord(ch) if ord(ch) < 32768 else ord(ch) - 65536}?")
    return "".join(out)


def write_rtf(p, style, lang, target: Path) -> None:
    parts = [r"{\rtf1\ansi\deff0{\fonttbl{\f0 Times New Roman;}}\fs22 "]
    for kind, text in plain_blocks(p, style, lang):
        t = _rtf_escape(text.upper() if kind == "h" else text)
        if kind == "name":
            parts.append(rf"{{\b\fs40 {t}}}\par ")
        elif kind == "h":
            parts.append(rf"\par {{\b\fs26 {t}}}\par ")
        elif kind == "entry":
            parts.append(rf"{{\b {t}}}\par ")
        elif kind == "li":
            parts.append(rf"\bullet  {t}\par ")
        else:
            parts.append(rf"{t}\par ")
    parts.append("}")
    target.write_bytes("".join(parts).encode("ascii"))


def write_scan(pdf_path: Path, target: Path, seed: int) -> None:
    import numpy
    import pypdfium2 as pdfium
    from PIL import Image

    pdf = pdfium.PdfDocument(str(pdf_path))
    image = pdf[0].render(scale=1.6).to_pil().convert("L")
    pdf.close()
    rng = numpy.random.default_rng(seed)
    image = image.rotate(0.8, expand=True, fillcolor=255, resample=Image.BICUBIC)
    pixels = numpy.asarray(image).astype("int16") + rng.normal(0, 14, (image.height, image.width)).astype("int16")
    Image.fromarray(numpy.clip(pixels, 0, 255).astype("uint8")).save(target, quality=70)


# ----------------------------------------------------------------------------- plan


def plan() -> list[tuple[str, dict, str, str, str]]:
    """(file name, person, format/layout, date style, extension)."""
    people = {p["key"]: p for p in PEOPLE}
    rows = []
    cycle = [("classic", "mon", "pdf"), ("modern", "full", "pdf"), ("sidebar", "num", "pdf"), ("docx", "year", "docx"),
             ("docx_table", "mon", "docx"), ("txt", "iso", "txt"), ("rtf", "mon", "rtf")]
    for i, p in enumerate(q for q in PEOPLE if not q["key"].endswith("_long")):
        for j in range(2):
            layout, style, ext = cycle[(i * 2 + j) % len(cycle)]
            if p["lang"] != "en" and style == "full":
                style = "mon"
            rows.append((f"{p['key']}_{layout}", p, layout, style, ext))
    rows.append(("professor_long", people["professor_long"], "long", "full", "pdf"))
    rows.append(("teacher_scan", people["teacher"], "scan", "mon", "jpg"))
    return rows


def main() -> None:
    FILES.mkdir(exist_ok=True)
    EXPECTED.mkdir(exist_ok=True)
    for name, p, layout, style, ext in plan():
        target = FILES / f"{name}.{ext}"
        lang = p["lang"]
        if layout in ("classic", "modern", "sidebar", "long"):
            print_pdf(html_doc(p, style, lang, layout), target)
        elif layout == "scan":
            tmp = FILES / f"{name}.tmp.pdf"
            print_pdf(html_doc(p, style, lang, "classic"), tmp)
            write_scan(tmp, target, seed=7)
            tmp.unlink()
        elif layout == "docx":
            write_docx(p, style, lang, target)
        elif layout == "docx_table":
            write_docx(p, style, lang, target, table=True)
        elif layout == "txt":
            write_txt(p, style, lang, target, encoding="cp1252" if lang in ("fr", "es", "de") else "utf-8")
        elif layout == "rtf":
            write_rtf(p, style, lang, target)
        expected = expected_cv(p, style)
        (EXPECTED / f"{name}.json").write_text(json.dumps({"file": target.name, "cv": expected}, indent=1, ensure_ascii=False) + "\n")
        print(f"{target.name:45s} {target.stat().st_size:8d} bytes")


if __name__ == "__main__":
    import django
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "resume2website.settings.test")
    django.setup()
    main()
