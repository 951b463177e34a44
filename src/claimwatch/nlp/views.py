"""Lookups into a parsed body that stay fast on long bodies.

spaCy rebuilds ``Doc.text``, ``Doc.sents`` and ``Doc.ents`` from the tokens on every access (and
``Span.ents`` reads the whole ``Doc.ents``), so a lookup per statement that reads them costs time in
proportion to the whole body: quadratic over a long one. These read them once per ``Doc`` and keep the
result in ``doc.user_data`` (plain strings and ints, so the ``Doc`` still serialises).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.tokens import Doc, Span, Token

_TEXT = "claimwatch.text"
_TOKEN_STARTS = "claimwatch.token_starts"
_SENTENCE_STARTS = "claimwatch.sentence_starts"
_ENTITIES = "claimwatch.entities"  # (start, end, label, kb_id, span_id) per entity, in order
_ENTITY_STARTS = "claimwatch.entity_starts"


def doc_text(doc: Doc) -> str:
    if _TEXT not in doc.user_data:
        doc.user_data[_TEXT] = doc.text
    return doc.user_data[_TEXT]


def tokens_between(doc: Doc, start: int, end: int) -> list[Token]:
    """The tokens that begin at a character in ``[start, end)``, in order."""
    if _TOKEN_STARTS not in doc.user_data:
        doc.user_data[_TOKEN_STARTS] = doc.to_array("IDX").tolist()  # one array read, not a Token per word
    starts = doc.user_data[_TOKEN_STARTS]
    return list(doc[bisect_left(starts, start) : bisect_left(starts, end)])


def sentence_text(doc: Doc, index: int) -> str | None:
    """The text of sentence ``index`` (the last one when ``index`` is past the end; ``None`` for no sentence)."""
    if _SENTENCE_STARTS not in doc.user_data:
        doc.user_data[_SENTENCE_STARTS] = [(s.start, s.end) for s in doc.sents]
    bounds = doc.user_data[_SENTENCE_STARTS]
    if not bounds:
        return None
    start, end = bounds[min(index, len(bounds) - 1)]
    return doc[start:end].text


def entities(doc: Doc) -> list[Span]:
    """``doc.ents``, as a list."""
    return _spans(doc, _entity_rows(doc))


def entities_starting(doc: Doc, start: int, end: int) -> list[Span]:
    """The entities whose first token is in ``[start, end)``, in order."""
    rows = _entity_rows(doc)
    starts = doc.user_data[_ENTITY_STARTS]
    return _spans(doc, rows[bisect_left(starts, start) : bisect_left(starts, end)])


def span_entities(span: Span) -> list[Span]:
    """``span.ents``: the entities wholly inside the span, in order."""
    # Entities do not overlap, so of those starting in the span only the last can end past it.
    inside = entities_starting(span.doc, span.start, span.end)
    if inside and inside[-1].end > span.end:
        inside.pop()
    return inside


def entity_at(token: Token) -> Span | None:
    """The entity the token is part of, or ``None``."""
    doc = token.doc
    rows = _entity_rows(doc)
    index = bisect_right(doc.user_data[_ENTITY_STARTS], token.i) - 1
    if index < 0 or rows[index][1] <= token.i:
        return None
    return _spans(doc, rows[index : index + 1])[0]


def _entity_rows(doc: Doc) -> list[tuple[int, int, int, int, int]]:
    if _ENTITIES not in doc.user_data:
        rows = [(ent.start, ent.end, ent.label, ent.kb_id, ent.id) for ent in doc.ents]
        doc.user_data[_ENTITIES] = rows
        doc.user_data[_ENTITY_STARTS] = [row[0] for row in rows]
    return doc.user_data[_ENTITIES]


def _spans(doc: Doc, rows: list[tuple[int, int, int, int, int]]) -> list[Span]:
    return [Span(doc, start, end, label=label, kb_id=kb, span_id=span_id) for start, end, label, kb, span_id in rows]
