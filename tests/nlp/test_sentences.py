"""The sentence-hints component's helpers."""

from __future__ import annotations

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from claimwatch.nlp.sentences import _head_text

BLANK = spacy.blank("en")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400), st.integers(min_value=0, max_value=300))
def test_head_text_is_the_start_of_the_doc_text(text: str, characters: int) -> None:
    doc = BLANK.make_doc(text)
    assert _head_text(doc, characters) == doc.text[:characters]
