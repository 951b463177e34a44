"""Lookups into a parsed body that stay fast on long bodies.

spaCy rebuilds ``Doc.text`` and ``Doc.sents`` from the tokens on every access, so a lookup per
statement that reads them costs time in proportion to the whole body: quadratic over a long one.
These read them once per ``Doc`` and keep the result in ``doc.user_data`` (plain strings and ints,
so the ``Doc`` still serialises).
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Token

_TEXT = "claimwatch.text"
_TOKEN_STARTS = "claimwatch.token_starts"
_SENTENCE_STARTS = "claimwatch.sentence_starts"


def doc_text(doc: Doc) -> str:
    if _TEXT not in doc.user_data:
        doc.user_data[_TEXT] = doc.text
    return doc.user_data[_TEXT]


def tokens_between(doc: Doc, start: int, end: int) -> list[Token]:
    """The tokens that begin at a character in ``[start, end)``, in order."""
    if _TOKEN_STARTS not in doc.user_data:
        doc.user_data[_TOKEN_STARTS] = [token.idx for token in doc]
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
