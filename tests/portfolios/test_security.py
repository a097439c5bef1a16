"""Every CV string is escaped, only http/https/mailto/tel links survive, every served site has a CSP."""
import typing
from html.parser import HTMLParser

import pytest
from pydantic import BaseModel

from cvs.extraction.schema import CVDocument
from portfolios.builder import safe_url, site_render
from portfolios.themes import THEMES

PAYLOAD = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'><svg onload=alert(3)>{{ 7|add:1 }}"
BAD_URLS = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
            "java\nscript:alert(1)", "\x01javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)", "file:///etc/passwd", "//evil.example/x", "https:///nohost"]


def _fill(model: type[BaseModel], text: str, url: str | None = None) -> dict:
    """A document of `model` with every string field set: text, or `url` for URL fields; dates stay valid."""
    out = {}
    for name, info in model.model_fields.items():
        ann = info.annotation
        inner = ann if typing.get_origin(ann) is list else next(a for a in typing.get_args(ann) if a is not type(None))
        if typing.get_origin(inner) is list:
            item = typing.get_args(inner)[0]
            out[name] = [_fill(item, text, url) if isinstance(item, type) and issubclass(item, BaseModel) else text]
        elif isinstance(inner, type) and issubclass(inner, BaseModel):
            out[name] = _fill(inner, text, url)
        elif inner is str:
            if "date" in name.lower():
                out[name] = "2020-01"
            elif "url" in name.lower() and url is not None:
                out[name] = url
            else:
                out[name] = text
        elif inner is bool:
            out[name] = True
        elif inner is float:
            out[name] = 3
    return out


class Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend((tag, k, v) for k, v in attrs)

    def handle_data(self, data):
        self.text.append(data)


def _parse(html: str) -> Collector:
    parser = Collector()
    parser.feed(html)
    return parser


@pytest.mark.parametrize("theme", list(THEMES))
def test_xss_payloads_in_every_cv_field_are_rendered_inert(theme):
    cv = _fill(CVDocument, PAYLOAD)
    html = site_render(cv=cv, theme=theme)["index.html"].decode()
    parsed = _parse(html)
    assert "script" not in parsed.tags and "svg" not in parsed.tags
    assert [t for t in parsed.tags if t == "img"] == []  # no photo uploaded, and the payload's <img> is text
    assert not [a for a in parsed.attrs if a[1].startswith("on")]
    # The payload is shown as text, exactly as written, many times (once per field at least).
    assert "".join(parsed.text).count("<script>alert(1)</script>") >= 40
    assert "{{ 7|add:1 }}" in "".join(parsed.text)  # CV text is never evaluated as a template


@pytest.mark.parametrize("theme", list(THEMES))
@pytest.mark.parametrize("bad", BAD_URLS)
def test_dangerous_urls_are_dropped_from_every_link(theme, bad):
    cv = _fill(CVDocument, "Plain text", url=bad)
    cv["contact"]["email"] = "javascript:alert(1)//@x.com"
    html = site_render(cv=cv, theme=theme)["index.html"].decode()
    hrefs = [v for tag, k, v in _parse(html).attrs if k in ("href", "src")]
    for href in hrefs:
        scheme = href.split(":", 1)[0].lower() if ":" in href else ""
        assert scheme in ("", "http", "https", "mailto", "tel"), href
        assert "alert" not in href and "//evil" not in href


def test_safe_url_keeps_good_links_and_completes_bare_hosts():
    assert safe_url("https://github.com/ada") == "https://github.com/ada"
    assert safe_url("  http://example.com/a b ") == "http://example.com/a b"
    assert safe_url("github.com/ada") == "https://github.com/ada"
    assert safe_url("www.ada.dev") == "https://www.ada.dev"
    assert safe_url("mailto:ada@example.com") == "mailto:ada@example.com"
    assert safe_url("tel:+442079460958") == "tel:+442079460958"
    for bad in BAD_URLS + ["", None, "not a url", "alert(1)"]:
        assert safe_url(bad) is None, bad


def test_the_built_page_carries_a_meta_csp_and_no_inline_script_or_style():
    html = site_render(cv=_fill(CVDocument, "Text"), theme="minimal")["index.html"].decode()
    parsed = _parse(html)
    csp = [dict(a for a in [(k, v)]) for tag, k, v in parsed.attrs if tag == "meta" and k == "http-equiv"]
    assert {"http-equiv": "Content-Security-Policy"} in csp
    assert "content=\"default-src &#x27;none&#x27;; style-src &#x27;self&#x27;" in html
    assert "script" not in parsed.tags and "style" not in parsed.tags
    assert not [a for a in parsed.attrs if a[1] == "style"]


def test_every_served_response_has_a_strict_csp(built, client):
    for url in (f"/p/{built.id}/", f"/p/{built.id}/style.css", f"/p/{built.id}/favicon.svg"):
        response = client.get(url)
        assert response.status_code == 200, url
        csp = response["Content-Security-Policy"]
        assert "default-src 'none'" in csp and "script-src" not in csp and "frame-ancestors 'self'" in csp
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["X-Robots-Tag"] == "noindex, nofollow"  # previews are not for search engines


def test_preview_files_outside_the_build_are_not_served(built, client):
    for path in ("..%2F..%2Fsecret_key", "../../etc/passwd", "index.html.bak", ".env"):
        assert client.get(f"/p/{built.id}/{path}").status_code == 404


def test_unknown_hosts_are_still_refused(client):
    assert client.get("/", HTTP_HOST="evil.example.net").status_code == 400
