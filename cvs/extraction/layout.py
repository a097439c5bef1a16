"""Where a line goes on: wrapped lines, hanging indents and rows broken over two lines."""
from __future__ import annotations

import re

from .dates import find_dates, is_mostly_date
from .text import Line
from .vocabulary import MONTHS

BULLET_RE = re.compile(r"^\s*(?:[-\u2022\u25cf\u25aa\u25a0\u2023\u2043\u2219\u00b7*\u25e6\u27a2\u2713\u25b8\u25ba\u2794>o]|\d{1,2}[.)])\s+")
_OPEN_END = re.compile(r"(\b(of|and|the|for|in|at|to|with|de|du|des|la|le|et|und|für|der|die|y|del|em|e|di)|[,&/(–—-])$", re.I)


_MONTH_ONLY = re.compile(r"(?:^|[–—-]\s*|\d{4}\s*[–—-]\s*)(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?$", re.I)


def is_bullet(text: str) -> bool:
    return bool(BULLET_RE.match(text))


def strip_bullet(text: str) -> str:
    return BULLET_RE.sub("", text).strip()


class Column:
    """The left margin and right edge of a block of lines (one column of one section)."""

    def __init__(self, lines: list[Line]):
        # the left edge of the text itself: bullet signs may hang out to the left of it
        plain = [ln.x0 for ln in lines if not is_bullet(ln.text)]
        self.margin = min(plain or [ln.x0 for ln in lines], default=0.0)
        self.right = max((ln.x1 for ln in lines), default=0.0)
        # the right edge is known only where several lines reach it (text that wraps)
        near = sum(1 for ln in lines if ln.x1 >= self.right - 0.04 * (self.right - self.margin))
        sizes = sorted(ln.size for ln in lines) or [0.0]
        # short lines of about the same length (a list of languages) are not a paragraph that wraps
        if near < 3 or self.right - self.margin < 22 * sizes[len(sizes) // 2]:
            self.right = 0.0
        # line pitch: where items are set apart by extra space, a wrapped line sits one pitch below
        gaps = [b.top - a.top for a, b in zip(lines, lines[1:]) if a.page == b.page and b.top > a.top and a.x1 > 0]
        self.pitch = min(gaps) if gaps else 0.0
        self.spaced_items = bool(self.pitch) and any(self.pitch * 1.15 < g < self.pitch * 4 for g in gaps)

    def is_full(self, line: Line, following: Line | None = None) -> bool:
        """The text wrapped after `line`: it reaches the right edge closely enough that the first
        word of the following line would not have fitted after it."""
        if self.right <= 0 or line.x1 <= 0:
            return False
        if following is not None and following.text.split():
            needed = (len(following.text.split()[0]) + 1) * 0.5 * max(following.size, 6.0)
            return self.right - line.x1 < needed
        slack = min(8 * max(line.size, 6.0), 0.25 * (self.right - self.margin))
        return line.x1 >= self.right - slack

    def continues(self, prev: Line, line: Line) -> bool:
        """`line` is the wrapped rest of `prev` (not a new item)."""
        text = line.text.strip()
        if not text or is_bullet(text):
            return False
        if text[:1].islower() or text[:1] in ",;)&”»":
            return True
        before = prev.text.rstrip()
        if before.count("“") > before.count("”") or before.count("(") > before.count(")"):
            return True
        if is_bullet(prev.text) and line.x0 > prev.x0 + 3 and not is_mostly_date(text):
            return True  # a hanging indent
        if before.endswith((",", "–", "—")):
            return True
        if self.spaced_items and line.page == prev.page and line.x0 <= prev.x0 + 3:
            return line.top - prev.top <= self.pitch * 1.12 and self.is_full(prev, line)
        if _OPEN_END.search(before) and not find_dates(text):
            return True
        return self.is_full(prev, line) and not is_mostly_date(text) and not before.endswith((".", ":", "!", "?"))


def logical_lines(lines: list[Line], *, starts_item=None) -> list[str]:
    """The text of each item (a bullet, a line) with its wrapped continuation lines joined back.
    `starts_item(text)` marks lines that always begin a new item (e.g. "Category: ...")."""
    column = Column(lines)
    out: list[str] = []
    prev = None
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        if out and prev is not None and not (starts_item and starts_item(text)) and column.continues(prev, line):
            out[-1] = f"{out[-1]} {text}"
        else:
            out.append(text)
        prev = line
    return out


def join_rows(lines: list[Line]) -> list[Line]:
    """Rows laid out as columns ("Title, Company   Jan 2020 –") that wrapped onto a second row
    ("Inc.   Present") are put back together column by column."""
    out: list[Line] = []
    for line in lines:
        prev = out[-1] if out else None
        if prev is not None:
            a, b = prev.text.split("  "), line.text.split("  ")
            if len(a) == len(b) == 2 and abs(line.top - prev.top) < max(prev.size, line.size) * 2.2 and (
                _OPEN_END.search(a[0].rstrip()) or _OPEN_END.search(a[1].rstrip()) or _MONTH_ONLY.search(a[1])
            ):
                text = f"{a[0].rstrip()} {b[0].lstrip()}  {a[1].rstrip()} {b[1].lstrip()}"
                out[-1] = Line(text=text, page=prev.page, x0=prev.x0, top=prev.top, size=prev.size, bold=prev.bold, x1=max(prev.x1, line.x1))
                continue
        out.append(line)
    return out
