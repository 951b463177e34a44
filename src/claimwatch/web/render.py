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

from claimwatch.stories.status import stance_of

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


def claim_matrix(story_statements: list[dict], claim_text: dict[str, str], max_claims: int = 12) -> dict:
    """Voices x claims: each cell the voice's latest act and certainty on the claim, and how many statements."""
    bearing = [s for s in story_statements if s.get("claim_id") and s["voice"] != "outlet"]
    claim_ids = [c for c, _ in Counter(s["claim_id"] for s in bearing).most_common(max_claims)]
    voices = [v for v, _ in Counter(_voice(s) for s in bearing if s["claim_id"] in claim_ids).most_common()]
    cells: dict[tuple[str, str], list[dict]] = {}
    for s in sorted(bearing, key=lambda s: (s.get("said_on") or "", s.get("published") or "")):
        if s["claim_id"] in claim_ids:
            cells.setdefault((_voice(s), s["claim_id"]), []).append(s)
    rows = []
    for voice in voices:
        row = []
        for claim_id in claim_ids:
            found = cells.get((voice, claim_id), [])
            row.append(_cell(found[-1], len(found)) if found else None)
        rows.append({"voice": voice, "entity_id": _entity_of(cells, voice, claim_ids), "cells": row})
    return {"claims": [{"id": c, "text": claim_text.get(c, c)} for c in claim_ids], "rows": rows}


def _cell(latest: dict, count: int) -> dict:
    certainty = latest.get("certainty") or "not stated"
    return {
        "act": latest.get("act") or "none",
        "act_class": _slug(latest.get("act") or "none"),
        "stance": stance_of(latest),
        "certainty": certainty,
        "level": CERTAINTY_ORDER.index(certainty) if certainty in CERTAINTY_ORDER else 0,
        "count": count,
        "link": f"/articles/{latest['article_id']}#s-{latest['id']}",
        "quote": _short(latest.get("content") or "", 160),
    }


def _entity_of(cells: dict, voice: str, claim_ids: list[str]) -> str | None:
    for claim_id in claim_ids:
        for s in cells.get((voice, claim_id), []):
            if s.get("speaker_entity_id"):
                return s["speaker_entity_id"]
    return None


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
