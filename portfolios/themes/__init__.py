"""The theme registry: every theme the builder can render, with what the picker shows.

A theme is a folder here holding `index.html` (its page layout) and `style.css`, plus the
order of its sections here; the section partials, the shared page head and the base
stylesheet live in `_shared/` and a theme may override any of them by shipping a file with
the same path.
"""
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.template import Engine

THEMES_DIR = Path(__file__).resolve().parent
SHARED_DIR = THEMES_DIR / "_shared"


MAIN_ORDER = ("summary", "experience", "projects", "achievements", "education", "skills", "certifications",
              "publications", "speaking", "courses", "volunteer", "languages", "hobbies", "details")


@dataclass(frozen=True)
class Theme:
    name: str
    label: str
    description: str
    accent: str
    main: tuple[str, ...] = MAIN_ORDER
    aside: tuple[str, ...] = ()

    @property
    def folder(self) -> Path:
        return THEMES_DIR / self.name

    @property
    def thumbnail(self) -> str:
        """Static path of the picker thumbnail, made from a real Chromium render."""
        return f"portfolios/themes/{self.name}.png"


THEMES: dict[str, Theme] = {
    t.name: t
    for t in (
        Theme(
            "minimal",
            "Minimal",
            "One calm column, generous whitespace and crisp type. Lets your words carry the page.",
            "#2563eb",
        ),
        Theme(
            "developer",
            "Developer",
            "A code-editor feel: monospace accents, a sticky section index and tech stacks as chips.",
            "#10b981",
            main=("summary", "experience", "projects", "skills", "achievements", "education", "certifications",
                  "publications", "speaking", "courses", "volunteer", "languages", "hobbies", "details"),
        ),
        Theme(
            "creative",
            "Creative",
            "A bold gradient header, cards for projects and achievements, and room for personality.",
            "#db2777",
            main=("achievements", "summary", "projects", "experience", "skills", "education", "certifications",
                  "publications", "speaking", "courses", "volunteer", "languages", "hobbies", "details"),
        ),
        Theme(
            "executive",
            "Executive",
            "Classic serif headings with a profile sidebar: the polish of a well-set printed CV.",
            "#1e3a8a",
            main=("summary", "experience", "achievements", "education", "projects", "publications", "speaking",
                  "courses", "volunteer"),
            aside=("contact", "skills", "languages", "certifications", "hobbies"),
        ),
    )
}
DEFAULT_THEME = "minimal"


@cache
def theme_engine(name: str) -> Engine:
    """A template engine that looks in the theme's folder first, then in `_shared/` (autoescaped, cached)."""
    theme = THEMES[name]
    return Engine(
        dirs=[str(theme.folder), str(SHARED_DIR)],
        loaders=[("django.template.loaders.cached.Loader", ["django.template.loaders.filesystem.Loader"])],
        autoescape=True,
    )


def theme_stylesheet(name: str) -> str:
    """The site's stylesheet: the shared base rules, then the theme's own."""
    return _read(SHARED_DIR / "base.css") + "\n" + _read(THEMES[name].folder / "style.css")


@cache
def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")
