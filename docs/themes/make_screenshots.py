#!/usr/bin/env python3
"""Render every theme with the full sample CV in Chromium and save screenshots and picker thumbnails.

    .venv/bin/python docs/themes/make_screenshots.py

Writes docs/themes/<theme>-desktop.png, -phone.png and -dark.png, and the theme picker's
thumbnails portfolios/static/portfolios/themes/<theme>.png (from the desktop render).
"""
import io
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "resume2website.settings.test")

import django  # noqa: E402

django.setup()

from PIL import Image  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from portfolios.builder import site_render  # noqa: E402
from portfolios.themes import THEMES  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
CV = json.loads((ROOT / "tests" / "portfolios" / "data" / "full_cv.json").read_text())
SHOTS = {"desktop": ((1280, 900), "light"), "phone": ((390, 844), "light"), "dark": ((1280, 900), "dark")}
THUMB_DIR = ROOT / "portfolios" / "static" / "portfolios" / "themes"


def save_small_png(png: bytes, path: Path, width: int | None = None) -> None:
    img = Image.open(io.BytesIO(png)).convert("RGB")
    if width:
        img = img.resize((width, round(img.height * width / img.width)), Image.Resampling.LANCZOS)
    img.quantize(colors=128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(path, optimize=True)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for theme in THEMES:
            site = Path(tmp) / theme
            site.mkdir()
            for name, data in site_render(cv=CV, theme=theme).items():
                (site / name).write_bytes(data)
            for label, ((width, height), scheme) in SHOTS.items():
                page = browser.new_page(viewport={"width": width, "height": height}, color_scheme=scheme)
                page.goto((site / "index.html").as_uri())
                png = page.screenshot()
                page.close()
                save_small_png(png, ROOT / "docs" / "themes" / f"{theme}-{label}.png",
                               width=None if label == "phone" else 960)
                if label == "desktop":
                    save_small_png(png, THUMB_DIR / f"{theme}.png", width=480)
            print(f"{theme}: screenshots written")
        browser.close()


if __name__ == "__main__":
    main()
