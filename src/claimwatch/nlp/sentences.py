"""Sentence-boundary hints the parser gets before it runs.

News bodies have structure the small model does not see: paragraphs (a sentence never
runs across a blank line), a dateline before the first sentence ("SEOUL, October 17
(AJP) -"), and closing quote marks that belong to the sentence they close.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from claimwatch.extract.text import match_dateline

COMPONENT_NAME = "claimwatch_sentence_hints"
CLOSING_QUOTES = {'"', "”", "’", "''"}


@Language.component(COMPONENT_NAME)
def sentence_hints(doc: Doc) -> Doc:
    _mark_paragraph_starts(doc)
    _mark_dateline(doc)
    _keep_closing_quotes(doc)
    return doc


def _head_text(doc: Doc, characters: int) -> str:
    """``doc.text[:characters]`` without joining every token of the body, as ``doc.text`` does."""
    parts = []
    for token in doc:
        if token.idx >= characters:
            break
        parts.append(token.text_with_ws)
    return "".join(parts)[:characters]


def _mark_paragraph_starts(doc: Doc) -> None:
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if token.is_space:
            continue
        if "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text):
            token.is_sent_start = True


def _mark_dateline(doc: Doc) -> None:
    dateline = match_dateline(_head_text(doc, 200))
    if dateline is None:
        return
    for token in doc:
        if token.idx >= len(dateline.text):
            if token.idx < len(dateline.text) + 3 and not token.is_space:
                token.is_sent_start = True
            return


def _keep_closing_quotes(doc: Doc) -> None:
    """A quote mark right after a word, followed by space or the end, closes: it is no sentence start."""
    for token in doc[1:]:
        after_word = not doc[token.i - 1].whitespace_ and not doc[token.i - 1].is_space
        if token.text in CLOSING_QUOTES and after_word and (token.is_sent_start is None or token.is_sent_start):
            token.is_sent_start = False
