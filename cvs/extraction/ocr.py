"""Images (and scanned PDF pages) through OCR that runs offline: rapidocr-onnxruntime with the
models shipped in its package. The page's skew is undone from the text boxes' angle, and the
word breaks OCR drops are restored."""
from __future__ import annotations

import io
import math
import re

from . import text as limits
from .pdf import _Seg, _order_page
from .text import Line, TextDocument, TextExtractionError, _Clock, _document


_ocr_engine = None


def _ocr():
    global _ocr_engine
    if _ocr_engine is None:
        from rapidocr_onnxruntime import RapidOCR

        _ocr_engine = RapidOCR()
    return _ocr_engine


def read_image(data: bytes, clock: _Clock) -> TextDocument:
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        if image.width * image.height > limits.MAX_IMAGE_PIXELS:
            raise TextExtractionError("This image is far too large.", code="too_large")
        image.load()
    except Image.DecompressionBombError as exc:
        raise TextExtractionError("This image is far too large.", code="too_large") from exc
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise TextExtractionError("This image is damaged and cannot be read.", code="corrupt") from exc
    return _document(ocr_lines(image.convert("RGB"), 1, clock), 1, ocr_used=True, warnings=["Text was read from an image by OCR; check it."])


_CAMEL = re.compile(r"(?<=[a-z\u00e0-\u00ff])(?=[A-Z\u00c0-\u00de])")
_PUNCT_GLUE = re.compile(r"(?<=[,;:|)])(?=[^\W\d_])|(?<=[^\W\d_])(?=[(|])")
_ALPHA_RUN = re.compile(r"[^\W\d_]{5,}")
_DIGIT_GLUE = re.compile(r"(?<=[^\W\d_]{3})(?=\d)|(?<=\d)(?=[^\W\d_]{3})")


def _split_run(run: str) -> str:
    import wordninja

    parts = wordninja.split(run)
    if len(parts) < 2 or "".join(parts) != run:
        return run
    if any(len(p) == 1 and p.lower() not in ("a", "i") and not p.isdigit() for p in parts) or len(parts[-1]) == 1 or len(parts[0]) == 1:
        return run
    return " ".join(parts)


def _repair_ocr(text: str) -> str:
    """OCR drops spaces between words: restore them at case changes and punctuation, and split
    long glued runs of letters with a word-frequency model. Emails and URLs are left alone."""
    words = []
    text = re.sub(r"^([·•●▪*])(?=\S)", r"\1 ", text)  # a list bullet glued to its first word
    for word in re.sub(r"\s*\|\s*", " | ", text).split(" "):
        if "@" in word or "://" in word or word.lower().startswith("www.") or re.search(r"\.[a-z]{2,4}/", word):
            words.append(word)
            continue
        word = _DIGIT_GLUE.sub(" ", _PUNCT_GLUE.sub(" ", _CAMEL.sub(" ", word)))
        words.append(_ALPHA_RUN.sub(lambda m: _split_run(m.group(0)), word))
    return " ".join(words)


def ocr_lines(image, page_no: int, clock: _Clock) -> list[Line]:
    import numpy

    width, height = image.size
    scale = 1.0
    if max(width, height) > 2600:
        scale = 2600 / max(width, height)
        image = image.resize((int(width * scale), int(height * scale)))
    clock.check()
    result, _ = _ocr()(numpy.asarray(image), use_cls=False)
    clock.check()
    found = [(box, text) for box, text, score in result or [] if float(score) >= 0.5]
    # a scan is rarely straight: turn the boxes back by the page's skew so rows line up again
    angles = sorted(
        math.atan2(box[1][1] - box[0][1], box[1][0] - box[0][0])
        for box, _ in found
        if math.dist(box[0], box[1]) > 4 * math.dist(box[0], box[3])
    )
    skew = angles[len(angles) // 2] if angles else 0.0
    cos, sin = math.cos(-skew), math.sin(-skew)
    boxes = []
    for box, text in found:
        xs = [x * cos - y * sin for x, y in box]
        ys = [x * sin + y * cos for x, y in box]
        boxes.append(_Seg(text=_repair_ocr(text), x0=min(xs), x1=max(xs), top=min(ys), bottom=max(ys),
                          size=round(math.dist(box[0], box[3]) / scale * 0.75, 1), bold=False))
    if not boxes:
        return []
    sizes = sorted(b.size for b in boxes)
    body = sizes[len(sizes) // 2]
    for b in boxes:
        b.bold = b.size > body * 1.15
    return _order_page(boxes, image.size[0], page_no)
