"""Long bodies are parsed in paragraph-aligned pieces into one Doc with the body's offsets."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from claimwatch.nlp import load_nlp, parse_body
from claimwatch.nlp.pipeline import split_pieces
from claimwatch.statements import extract_statements


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab .\n"), max_size=300), st.integers(min_value=5, max_value=60))
def test_pieces_join_to_the_text_and_keep_to_the_limit(text: str, limit: int) -> None:
    pieces = list(split_pieces(text, limit))
    assert "".join(pieces) == text
    assert all(len(piece) <= limit for piece in pieces)


def test_pieces_end_at_paragraph_breaks() -> None:
    text = "One para.\n\nTwo para here.\n\nThree."
    assert list(split_pieces(text, 20)) == ["One para.\n\n", "Two para here.\n\n", "Three."]


def test_statements_of_a_body_parsed_in_pieces_match_one_parse(extract, make_story, gazetteer) -> None:
    nlp = load_nlp()
    article = extract(make_story())
    whole = parse_body(nlp, article.body)
    pieces = parse_body(nlp, article.body, piece_chars=200)
    assert pieces.text == article.body
    assert [s.start_char for s in pieces.sents] == [s.start_char for s in whole.sents]
    found = [(s.id, s.start, s.end, s.content) for s in extract_statements(article, pieces, gazetteer)]
    assert found == [(s.id, s.start, s.end, s.content) for s in extract_statements(article, whole, gazetteer)]
    assert found
