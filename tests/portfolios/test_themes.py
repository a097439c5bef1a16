from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from cvs.extraction.schema import SECTION_NAMES
from portfolios.builder import site_render
from portfolios.themes import THEMES

# Where each CV section shows up in a page: the section id (hero is the page's h1).
SECTION_IDS = {name: name for name in SECTION_NAMES if name not in ("hero", "contact")}


class Outline(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.headings, self.imgs_without_alt, self.lang = set(), [], 0, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag in ("h1", "h2", "h3", "h4"):
            self.headings.append(int(tag[1]))
        if tag == "img" and not attrs.get("alt"):
            self.imgs_without_alt += 1
        if tag == "html":
            self.lang = attrs.get("lang")


def _outline(html: str) -> Outline:
    parser = Outline()
    parser.feed(html)
    return parser


def test_there_are_at_least_four_themes():
    assert {"minimal", "developer", "creative", "executive"} <= set(THEMES)


@pytest.mark.parametrize("theme", list(THEMES))
def test_each_theme_renders_every_section_of_a_full_cv(theme, full_cv):
    html = site_render(cv=full_cv, theme=theme, photo=b"jpeg")["index.html"].decode()
    outline = _outline(html)
    assert set(SECTION_IDS.values()) <= outline.ids, set(SECTION_IDS.values()) - outline.ids
    for text in ("Ada Lovelace-Byron", "ada@example.com", "Analytical Engines Ltd", "MSc in Computer Science",
                 "Kubernetes", "Note G", "£40M", "CKA-1234-5678", "DELF B2", "Code Club UK", "Scientific Memoirs",
                 "PyCon UK", "Letterpress printing", "Designing Data-Intensive Applications", "Full UK licence",
                 "Mar 2021 – Present", "11+"):
        assert text in html, text
    # Accessible outline: one h1, no level skipped, images have alt text, language set.
    assert outline.headings.count(1) == 1 and outline.headings[0] == 1
    assert all(b - a <= 1 for a, b in zip(outline.headings, outline.headings[1:]))
    assert outline.imgs_without_alt == 0 and outline.lang == "en"
    for meta in ('name="description"', 'property="og:title"', 'property="og:description"', 'rel="icon"',
                 'name="viewport"'):
        assert meta in html


@pytest.mark.parametrize("theme", list(THEMES))
def test_each_theme_hides_empty_sections(theme):
    html = site_render(cv={"hero": {"fullName": "Grace Hopper"}, "skills": {"ungroupedSkills": ["COBOL"]},
                           "experience": {"experienceItems": [{"jobTitle": None, "companyName": None}]}},
                       theme=theme)["index.html"].decode()
    outline = _outline(html)
    assert "skills" in outline.ids
    assert not (set(SECTION_IDS.values()) - {"skills"}) & outline.ids
    assert "Grace Hopper" in html and "GH" in html  # initials avatar stands in for a photo


@pytest.mark.parametrize("theme", list(THEMES))
def test_each_theme_has_dark_mode_and_print_styles(theme, full_cv):
    css = site_render(cv=full_cv, theme=theme)["style.css"].decode()
    assert "@media (prefers-color-scheme: dark)" in css and "@media print" in css
    assert "http" not in css.replace("https://", "").replace("http://", "") or "url(" not in css  # no remote fonts


def test_hidden_sections_option_leaves_them_out(full_cv):
    html = site_render(cv=full_cv, theme="minimal", options={"hiddenSections": ["hobbies", "contact"]})[
        "index.html"].decode()
    assert 'id="hobbies"' not in html and "ada@example.com" not in html and 'id="experience"' in html


def test_the_favicon_shows_escaped_initials(full_cv):
    full_cv["hero"]["fullName"] = "Zoë & <Ünal>"
    svg = site_render(cv=full_cv, theme="minimal")["favicon.svg"].decode()
    assert svg.startswith("<svg") and ">ZÜ</text>" in svg


def test_themes_api_lists_each_theme_with_a_real_thumbnail(anon_client):
    rows = anon_client.get(reverse("portfolio-themes")).json()
    assert [r["name"] for r in rows] == list(THEMES)
    for row in rows:
        assert row["label"] and len(row["description"]) > 30
        assert row["thumbnail_url"] == f"/static/portfolios/themes/{row['name']}.png"
        path = finders.find(f"portfolios/themes/{row['name']}.png")
        assert path, row["name"]
        with open(path, "rb") as fh:
            assert fh.read(8) == b"\x89PNG\r\n\x1a\n"
