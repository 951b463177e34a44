"""Turning store rows into what the pages draw: highlighted article text, diffs, chart points, the matrix.

Every string that came from an article is escaped here or by the templates (Jinja2 autoescape);
the only markup this module writes is its own tags around escaped text.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass

from markupsafe import Markup, escape

from claimwatch.stories.status import OCCASION_STANCE

# ICD 203 terms, weakest to strongest commitment; "not stated" first.
CERTAINTY_ORDER = (
    "not stated", "almost no chance", "very unlikely", "unlikely", "roughly even chance", "likely", "very likely",
    "almost certain",
)
CERTAINTY_COLOURS = {
    "not stated": "#9e9e9e", "almost no chance": "#b2182b", "very unlikely": "#d6604d", "unlikely": "#f4a582",
    "roughly even chance": "#e0c045", "likely": "#92c5de", "very likely": "#4393c3", "almost certain": "#2166ac",
}
ACT_SYMBOLS = {
    "asserts": "circle", "accuses": "triangle-up", "confirms": "star", "assesses": "diamond", "reports": "square",
    "investigates": "hexagon", "expresses_concern": "cross", "questions": "hourglass", "denies": "x",
    "retracts": "triangle-down", "pledges": "pentagon", "threatens": "bowtie",
}
_TOKEN = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class Tag:
    start: int
    end: int
    open: str  # markup (attribute values escaped by the caller)
    close: str


def highlight(body: str, article_statements: list[dict]) -> Markup:
    """The body with each statement in ``<mark id="s-ID">`` and each named speaker linked to its entity page."""
    tags = []
    for s in article_statements:
        act = s.get("act") or "none"
        label = f"{s.get('speaker_entity') or s.get('speaker') or 'unattributed'}: {act}, {s.get('certainty') or ''}"
        tags.append(Tag(
            s["start"], s["end"],
            Markup('<mark class="stmt act-{}" id="s-{}" tabindex="-1" title="{}">').format(
                _slug(act), s["id"], label
            ),
            Markup("</mark>"),
        ))
        if s.get("speaker_entity_id") and s.get("speaker_start") is not None:
            tags.append(Tag(
                s["speaker_start"], s["speaker_end"],
                Markup('<a class="speaker" href="/entities/{}">').format(s["speaker_entity_id"]), Markup("</a>"),
            ))
    return nest(body, tags)


def nest(body: str, tags: list[Tag]) -> Markup:
    """``body`` escaped, with ``tags`` around their spans; a span crossing an enclosing one is cut at its end."""
    ordered = sorted((t for t in tags if 0 <= t.start < t.end <= len(body)), key=lambda t: (t.start, -t.end))
    out: list[str] = []
    stack: list[Tag] = []
    position = 0
    for tag in ordered:
        while stack and stack[-1].end <= tag.start:
            closing = stack.pop()
            out += [escape(body[position:closing.end]), closing.close]
            position = closing.end
        end = min(tag.end, stack[-1].end) if stack else tag.end
        if end <= tag.start:
            continue
        out += [escape(body[position:tag.start]), tag.open]
        position = tag.start
        stack.append(Tag(tag.start, end, tag.open, tag.close))
    while stack:
        closing = stack.pop()
        out += [escape(body[position:closing.end]), closing.close]
        position = closing.end
    out.append(escape(body[position:]))
    return Markup("".join(str(part) for part in out))


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """``[(op, text)]`` with op "same", "del" or "ins": the changes from ``old`` to ``new`` word by word."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    parts: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(("del", "".join(a[i1:i2])))
        if j2 > j1:
            parts.append(("ins", "".join(b[j1:j2])))
    return parts


def timeline_points(rows: list[dict], y_key: str = "voice") -> list[dict]:
    """Chart points from brief statement rows: x = when said, y = voice (or claim), symbol = act, colour = certainty."""
    points = []
    for row in rows:
        when = row.get("said_on") or (row.get("published") or "")[:10]
        if not when:
            continue
        voice = row.get("speaker_entity") or row.get("speaker") or "unattributed"
        points.append({
            "x": _day(when),
            "y": voice if y_key == "voice" else row.get(y_key) or "no claim",
            "act": row.get("act") or "none",
            "certainty": row.get("certainty") or "not stated",
            "symbol": ACT_SYMBOLS.get(row.get("act") or "", "circle-open"),
            "colour": CERTAINTY_COLOURS.get(row.get("certainty") or "", "#9e9e9e"),
            "quote": _short(row.get("quote") or row.get("content") or "", 220),
            "speaker": voice,
            "outlet": row.get("outlet") or "",
            "link": row.get("link") or f"/articles/{row['article_id']}#s-{row['id']}",
        })
    return points


def claim_matrix(story_statements: list[dict], claim_text: dict[str, str], positions_of, max_claims: int = 12) -> dict:
    """Voices x claims: each cell the voice's position on the claim (stance, hedged or conditional, how sure,
    how many statements), linked to its latest statement.

    ``positions_of(claim_id)``: the claim's positions within the story (``api.positions`` rows).
    """
    by_id = {s["id"]: s for s in story_statements}
    claim_ids = [c for c, _ in Counter(s["claim_id"] for s in story_statements if s.get("claim_id")).most_common(
        max_claims)]
    cells: dict[tuple[str, str], dict] = {}
    entity_of: dict[str, str | None] = {}
    weight: Counter = Counter()
    for claim_id in claim_ids:
        for position in positions_of(claim_id):
            cells[(position["voice"], claim_id)] = _cell(position, by_id)
            entity_of.setdefault(position["voice"], position["entity_id"])
            weight[position["voice"]] += len(position["statements"])
    rows = [
        {"voice": voice, "entity_id": entity_of[voice], "cells": [cells.get((voice, c)) for c in claim_ids]}
        for voice, _ in weight.most_common()
    ]
    return {"claims": [{"id": c, "text": claim_text.get(c, c)} for c in claim_ids], "rows": rows}


def _cell(position: dict, by_id: dict[str, dict]) -> dict:
    certainty = position.get("certainty") or "not stated"
    latest = by_id.get(position["statements"][-1], {})
    how = "hedged" if position["hedged"] else ("conditional" if position["conditional"] else "")
    return {
        "label": f"{position['stance']} ({how})" if how else position["stance"],
        "stance": OCCASION_STANCE[position["stance"]],
        "certainty": certainty,
        "level": CERTAINTY_ORDER.index(certainty) if certainty in CERTAINTY_ORDER else 0,
        "count": len(position["statements"]),
        "link": f"/articles/{latest.get('article_id')}#s-{latest.get('id')}" if latest else "",
        "quote": _short(latest.get("content") or "", 160),
    }


def _voice(statement: dict) -> str:
    return statement.get("speaker_entity") or statement.get("speaker") or "unattributed"


def _day(when: str) -> str:
    """A plottable day for a date that may be a month (YYYY-MM: its middle) or a year (its middle)."""
    if len(when) == 7:
        return f"{when}-15"
    return f"{when}-07-01" if len(when) == 4 else when[:10]


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _slug(value: str) -> str:
    return re.sub(r"[^a-z0-9_-]", "-", value.lower())
