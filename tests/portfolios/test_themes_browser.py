"""Each theme, rendered by the app and loaded in real Chromium at phone and desktop widths,
with the full sample CV and with the CVs read from the bundled real PDFs: no horizontal
overflow, no console errors (a CSP violation or a missing file would be one), dark mode on,
text contrast at WCAG AA.
"""
import io
import os
import time
import warnings
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from portfolios.models import Portfolio
from portfolios.services import portfolio_create, portfolio_photo_set
from portfolios.themes import THEMES
from tests.portfolios.conftest import FULL_CV, make_job

# Playwright's sync API runs an event loop in this thread; the test database is still used here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.e2e]

SAMPLES = Path(__file__).resolve().parents[2] / ".." / "shared" / "samples" / "real-pdfs"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}
LOW_CONTRAST_JS = (Path(__file__).parent / "contrast.js").read_text()


def _sample_cvs() -> dict[str, dict]:
    from cvs.extraction.pipeline import extract_offline

    if not SAMPLES.is_dir():  # CI keeps ../shared beside the repository; a bare clone has only the full CV
        warnings.warn(f"sample CVs not found at {SAMPLES}: checking the full sample CV only", stacklevel=2)
        return {}
    return {pdf.stem: extract_offline(pdf.read_bytes(), "pdf").cv for pdf in sorted(SAMPLES.glob("*.pdf"))}


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _photo() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (600, 800), (90, 120, 200)).save(out, "JPEG")
    return SimpleUploadedFile("me.jpg", out.getvalue(), content_type="image/jpeg")


def _check(page, errors: list, url: str) -> dict:
    errors.clear()
    response = page.goto(url, wait_until="load")
    figures = page.evaluate("""() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
        h1: document.querySelector('h1') && document.querySelector('h1').textContent.trim(),
        cssLoaded: getComputedStyle(document.body).fontFamily !== '' &&
                   [...document.styleSheets].some(s => s.href && s.href.endsWith('style.css')
                                                   && s.cssRules.length > 20),
        brokenImages: [...document.images].filter(i => !i.complete || i.naturalWidth === 0).length,
        bodyBg: getComputedStyle(document.body).backgroundColor,
    })""")
    figures["lowContrast"] = page.evaluate(LOW_CONTRAST_JS)
    return {"status": response.status, "errors": list(errors), **figures}


def _luminance(rgb: str) -> float:
    r, g, b = (int(v) for v in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@pytest.mark.django_db(transaction=True)
def test_every_theme_renders_the_sample_cvs_without_overflow_or_errors(live_server, chromium, alice, settings):
    settings.PREVIEW_MAX_ACTIVE_PER_USER = 1000
    started = time.perf_counter()
    cvs = {"full": FULL_CV, **_sample_cvs()}
    assert len(cvs) >= (10 if SAMPLES.is_dir() else 1)
    portfolios = []
    for name, cv in cvs.items():
        job = make_job(alice, cv)
        for theme in THEMES:
            portfolio = portfolio_create(user=alice, job=job, theme=theme)
            if name == "full":
                portfolio = portfolio_photo_set(portfolio=portfolio, file=_photo())
            portfolios.append((name, theme, Portfolio.objects.get(pk=portfolio.pk)))
    assert all(p.status == "ready" for _, _, p in portfolios), [(n, t, p.error) for n, t, p in portfolios]
    print(f"built {len(portfolios)} sites in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()

    problems = []
    for label, (width, height) in WIDTHS.items():
        for scheme in ("light", "dark") if label == "desktop" else ("light",):
            context = chromium.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
            page = context.new_page()
            errors: list = []
            page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            for name, theme, portfolio in portfolios:
                result = _check(page, errors, f"{live_server.url}/p/{portfolio.id}/")
                where = f"{theme}/{name}/{label}/{scheme}"
                if result["status"] != 200 or result["errors"]:
                    problems.append((where, result["status"], result["errors"]))
                if result["scrollWidth"] > result["innerWidth"]:
                    problems.append((where, "horizontal overflow", result["scrollWidth"]))
                if not result["cssLoaded"] or result["brokenImages"] or not result["h1"]:
                    problems.append((where, "stylesheet/images/heading", result))
                if result["lowContrast"]:
                    problems.append((where, "text below WCAG AA contrast", result["lowContrast"]))
                dark = _luminance(result["bodyBg"]) < 60
                if dark != (scheme == "dark"):
                    problems.append((where, "colour scheme not followed", result["bodyBg"]))
            context.close()
    print(f"checked {len(portfolios) * 3} page loads in {time.perf_counter() - started:.1f} s")
    assert problems == []
