"""Markup typed into any CV field stays text: in the editor, in every theme's site, in JSON.

A document is built from the CV schema with a script payload in every text field (and a
javascript: URL in every link field), saved through PUT /api/v1/cv/{job_id}, then read back
through the editor page and each theme's generated site.
"""
import re

import pytest
from django.urls import reverse

from tests.fuzz.strategies import _date_fields
from tests.security.owned import alice_objects

from cvs.extraction.schema import CVDocument

SCRIPT = "<script>alert('xss')</script>"
IMG = '"><img src=x onerror=alert(1)>'
JS_URL = "javascript:alert(document.domain)"
RAW_MARKERS = ("<script>alert(", "<img src=x onerror", 'href="javascript:', "href='javascript:",
               'src="javascript:')


def _filled(model, counter):
    """Every field of `model` filled: payloads in text, valid dates in dates, one item per list."""
    import types
    import typing

    from pydantic import BaseModel

    dates = _date_fields(model)
    out = {}
    for name, field in model.model_fields.items():
        ann = field.annotation
        args = [a for a in typing.get_args(ann) if a is not type(None)]
        inner = args[0] if typing.get_origin(ann) in (typing.Union, types.UnionType) else ann
        origin = typing.get_origin(inner)
        if origin is list:
            item = typing.get_args(inner)[0]
            out[name] = [_filled(item, counter) if isinstance(item, type) and issubclass(item, BaseModel)
                         else _payload(name, counter)]
        elif isinstance(inner, type) and issubclass(inner, BaseModel):
            out[name] = _filled(inner, counter)
        elif name in dates:
            out[name] = "2020-01"
        elif inner is str:
            out[name] = _payload(name, counter)
        elif inner is bool:
            out[name] = False
        elif inner is float:
            out[name] = 3.0
    return out


def _payload(name, counter):
    counter[0] += 1
    if "url" in name.lower():
        return JS_URL
    return f"{SCRIPT if counter[0] % 2 else IMG} f{counter[0]}"


@pytest.fixture
def hostile_cv(alice, alice_client):
    values = alice_objects(alice)
    doc = _filled(CVDocument, [0])
    resp = alice_client.put(reverse("cv-detail", kwargs={"job_id": values["job_id"]}), {"cv_data": doc},
                            format="json")
    assert resp.status_code == 200, resp.content[:500]
    return values["job_id"], doc


def _assert_inert(html: str, where: str):
    for marker in RAW_MARKERS:
        assert marker not in html, f"{where}: raw {marker!r} at …{html[max(0, html.find(marker) - 80):][:200]}…"


def test_the_payloads_are_stored_verbatim_as_data(hostile_cv, alice_client):
    job_id, doc = hostile_cv
    stored = alice_client.get(reverse("cv-detail", kwargs={"job_id": job_id})).json()["cv_data"]
    assert stored["hero"]["fullName"] == doc["hero"]["fullName"]


def test_the_editor_page_shows_every_payload_as_text(hostile_cv, alice_client):
    job_id, _ = hostile_cv
    resp = alice_client.get(reverse("cv_edit", kwargs={"job_id": job_id}))
    assert resp.status_code == 200
    html = resp.content.decode()
    _assert_inert(html, "editor")


def _themes():
    from portfolios.themes import THEMES

    return sorted(THEMES)


@pytest.mark.parametrize("theme", _themes())
def test_every_theme_renders_payloads_inert_with_a_csp(theme, hostile_cv, alice_client,
                                                       django_capture_on_commit_callbacks):
    job_id, doc = hostile_cv
    with django_capture_on_commit_callbacks(execute=True):
        resp = alice_client.post(reverse("portfolio-generate", kwargs={"job_id": job_id}), {"theme": theme},
                                 format="json")
    assert resp.status_code == 202, resp.content[:300]
    site = alice_client.get(reverse("portfolio-preview", kwargs={"portfolio_id": resp.json()["id"]}))
    assert site.status_code == 200
    html = b"".join(site.streaming_content).decode() if site.streaming else site.content.decode()
    _assert_inert(html, f"theme {theme}")
    assert "&lt;script&gt;" in html or "&lt;img" in html, "the payload text is shown, escaped"
    csp = site.get("Content-Security-Policy", "")
    assert "script-src" in csp or "default-src" in csp, csp
    assert "'unsafe-inline'" not in re.sub(r"style-src[^;]*", "", csp), csp
