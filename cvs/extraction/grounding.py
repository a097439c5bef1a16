"""Grounding: an extracted value is kept only if it can be traced to the source text.

Matching is on a folded form (lower case, no accents, letters and digits only), so line
breaks, hyphenation and punctuation do not matter; a fuzzy partial match (rapidfuzz) lets
OCR slips and small rewordings through. Dates are grounded by their year, phones by digits.
"""
from __future__ import annotations

import re

from rapidfuzz import fuzz

from .dates import parse_date
from .vocabulary import fold

_NON_ALNUM = re.compile(r"[\W_]+")
FUZZY_THRESHOLD = 90
NEAR_CHARS = 160


def _squash(text: str) -> str:
    return _NON_ALNUM.sub("", fold(text))


_SHORT_MONTH_YEAR = re.compile(r"(?<![\d/.])(?:0?[1-9]|1[0-2])/\d{2}(?![\d/])")


class Grounder:
    def __init__(self, source_text: str):
        self.source = source_text or ""
        self.squashed = _squash(self.source)
        self.spaced = " ".join(_NON_ALNUM.sub(" ", fold(self.source)).split())
        self.digits = re.sub(r"\D", "", self.source)
        self.years = set(re.findall(r"(?<!\d)(\d{4})(?!\d)", self.source))
        # years written with two digits in a month/year date ("05/11 - 03/13"), as the date reader reads them
        for m in _SHORT_MONTH_YEAR.finditer(self.source):
            parsed = parse_date(m.group(0))
            if parsed:
                self.years.add(parsed[:4])

    def text(self, value: str) -> bool:
        squashed = _squash(value)
        if not squashed:
            return True  # punctuation only: nothing to trace
        if squashed in self.squashed:
            return True
        if len(squashed) < 6:
            return False
        if self._in_two_pieces(value):
            return True
        spaced = " ".join(_NON_ALNUM.sub(" ", fold(value)).split())
        if len(spaced) > 400:
            # long text: every sentence-sized piece must be there
            pieces = [p for p in re.split(r"(?<=[.;!?])\s+", value) if _squash(p)]
            return all(self.text(p) for p in pieces) if len(pieces) > 1 else self._fuzzy(spaced)
        return self._fuzzy(spaced)

    def _in_two_pieces(self, value: str) -> bool:
        """A short value whose words were laid out over two lines or columns ("University of" …
        "Southampton"): both halves must be in the text as they are."""
        words = value.split()
        if not 2 <= len(words) <= 12:
            return False
        for cut in range(1, len(words)):
            left, right = _squash(" ".join(words[:cut])), _squash(" ".join(words[cut:]))
            if len(left) < 3 or len(right) < 3:
                continue
            start = self.squashed.find(left)
            while start >= 0:
                # the second half must follow closely (the next line or the next column of the row)
                window = self.squashed[start + len(left) : start + len(left) + NEAR_CHARS]
                if right in window:
                    return True
                start = self.squashed.find(left, start + 1)
        return False

    def _fuzzy(self, spaced: str) -> bool:
        return fuzz.partial_ratio(spaced, self.spaced, score_cutoff=FUZZY_THRESHOLD) >= FUZZY_THRESHOLD

    def date(self, value: str) -> bool:
        return value[:4] in self.years

    def phone(self, value: str) -> bool:
        digits = re.sub(r"\D", "", value)
        return len(digits) >= 6 and (digits in self.digits or digits.lstrip("0") in self.digits)

    def url(self, value: str) -> bool:
        bare = re.sub(r"^(https?://)?(www\.)?", "", value, flags=re.I).rstrip("/")
        return self.text(bare)

    def number(self, value: float) -> bool:
        text = f"{value:g}"
        return text in self.source
