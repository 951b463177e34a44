"""Quotation spans in a text: curly, straight and nested marks, quotes over several paragraphs.

News style continues a quote into the next paragraph by leaving the first one open and
opening the next with a fresh mark; such a run is one quote here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENING = {"“": "”", '"': '"', "«": "»", "„": "“"}


@dataclass(frozen=True, slots=True)
class Quote:
    start: int  # the opening mark
    end: int  # just past the closing mark (or the end of the last paragraph when never closed)
    closed: bool = True  # False when a paragraph or the text ended before a closing mark


def find_quotes(text: str) -> list[Quote]:
    quotes: list[Quote] = []
    open_at: int | None = None
    closing_mark = ""
    paragraph_breaks = {m.start() for m in re.finditer(r"\n\s*\n", text)}
    index = 0
    while index < len(text):
        char = text[index]
        if open_at is None:
            if char in OPENING and _opens(text, index):
                open_at, closing_mark = index, OPENING[char]
        elif index in paragraph_breaks:
            # A paragraph ended inside a quote: it goes on only if the next paragraph opens with a mark.
            next_start = _next_non_space(text, index)
            if next_start < len(text) and text[next_start] in OPENING:
                index = next_start + 1
                continue
            quotes.append(Quote(open_at, _trim_end(text, index), closed=False))
            open_at = None
            continue
        elif (char == closing_mark or (closing_mark == '"' and char == "”")) and _closes(text, index):
            quotes.append(Quote(open_at, index + 1))
            open_at = None
        index += 1
    if open_at is not None:
        quotes.append(Quote(open_at, _trim_end(text, len(text)), closed=False))
    return [quote for quote in quotes if quote.end - quote.start > 2]


def _opens(text: str, index: int) -> bool:
    if text[index] in "“«„":
        return True
    before = text[index - 1] if index else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return (before.isspace() or before in "([—–-:,") and not after.isspace()


def _closes(text: str, index: int) -> bool:
    if text[index] in "”»":
        return True
    before = text[index - 1] if index else " "
    return not before.isspace()


def _next_non_space(text: str, index: int) -> int:
    while index < len(text) and text[index].isspace():
        index += 1
    return index


def _trim_end(text: str, index: int) -> int:
    while index > 0 and text[index - 1].isspace():
        index -= 1
    return index


def quote_kind(start: int, end: int, quotes: list[Quote]) -> str:
    """ "direct" when the content is a quote, "mixed" when it holds or overlaps one, else "indirect"."""
    inside = [q for q in quotes if start <= q.start and q.end <= end]
    if any(q.start <= start and end <= q.end for q in quotes) or (
        inside and inside[0].start - start <= 1 and end - inside[-1].end <= 1
    ):
        return "direct"
    if inside or any(q.start < end and start < q.end for q in quotes):
        return "mixed"
    return "indirect"
