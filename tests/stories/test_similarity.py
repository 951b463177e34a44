"""Text similarity for grouping reports: the two term views, cosine, growing document frequencies."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from spacy.lang.en.stop_words import STOP_WORDS

from claimwatch.stories.similarity import (
    DocumentFrequencies,
    TermCounts,
    cosine,
    similarity,
    term_counts,
    vectors,
    weighted,
)

# Printable text with capitals, digits, apostrophes, hyphens, underscores and other scripts.
texts = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Zs", "S")) | st.sampled_from("'’-_ \n"),
    max_size=300,
)


@pytest.mark.parametrize(
    ("text", "words", "names"),
    [
        (
            "The Kestrian troops crossed into Valdoria on 3 March, officials said.",
            {"kestrian": 1, "troops": 1, "crossed": 1, "valdoria": 1, "march": 1, "officials": 1, "said": 1},
            {"Kestrian": 1, "Valdoria": 1, "March": 1},
        ),
        # Stop words and one-character tokens go; a capitalised stop word is still a stop word.
        ("It is a 5 and The of", {}, {}),
        # Case folds in the words view; the names view keeps the spelling, so a name counts apart.
        ("Troops, troops and TROOPS", {"troops": 3}, {"Troops": 1, "TROOPS": 1}),
        # Numbers of two or more characters are names; apostrophes and hyphens stay inside a token.
        ("Kalven's port-authority counted 1,500 trucks in 2025", {
            "kalven's": 1, "port-authority": 1, "counted": 1, "500": 1, "trucks": 1, "2025": 1,
        }, {"Kalven's": 1, "500": 1, "2025": 1}),
        ("Kalven’s harbour", {"kalven’s": 1, "harbour": 1}, {"Kalven’s": 1}),
        # A token cannot start with an underscore or a hyphen.
        ("_hidden -dash", {"hidden": 1, "dash": 1}, {}),
        ("Москва заявила", {"москва": 1, "заявила": 1}, {"Москва": 1}),
        ("", {}, {}),
    ],
)
def test_term_counts_views(text: str, words: dict[str, int], names: dict[str, int]) -> None:
    counts = term_counts(text)
    assert counts.words == words
    assert counts.names == names


@given(texts)
def test_term_counts_invariants(text: str) -> None:
    counts = term_counts(text)
    assert all(count > 0 for count in [*counts.words.values(), *counts.names.values()])
    assert all(word == word.lower() and word not in STOP_WORDS and len(word) >= 2 for word in counts.words)
    for name, count in counts.names.items():
        assert name[0].isupper() or name[0].isdigit()
        assert counts.words[name.lower()] >= count  # every name is also a word
    assert sum(counts.words.values()) >= sum(counts.names.values())


@given(texts)
def test_term_counts_json_round_trip(text: str) -> None:
    counts = term_counts(text)
    assert TermCounts.from_json(counts.to_json()) == counts


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ({"a": 1.0}, {"a": 1.0}, 1.0),
        ({"a": 1.0}, {"b": 1.0}, 0.0),
        ({}, {"a": 1.0}, 0.0),
        ({}, {}, 0.0),
        ({"a": 0.6, "b": 0.8}, {"a": 0.8, "b": 0.6}, 0.96),
        ({"a": 0.6, "b": 0.8}, {"b": 1.0}, 0.8),
        ({"a": 1.0}, {"a": 0.6, "b": 0.8}, 0.6),  # the shorter vector is iterated: same result either way
    ],
)
def test_cosine(first: dict, second: dict, expected: float) -> None:
    assert cosine(first, second) == pytest.approx(expected)
    assert cosine(second, first) == pytest.approx(expected)


def test_document_frequencies_count_documents_not_occurrences() -> None:
    frequencies = DocumentFrequencies()
    frequencies.add(term_counts("Troops troops troops in Valdoria"))
    frequencies.add(term_counts("Troops crossed the border"))
    assert frequencies.documents == 2
    assert frequencies.words["troops"] == 2
    assert frequencies.words["valdoria"] == 1
    assert frequencies.names["Troops"] == 2
    assert frequencies.names["Valdoria"] == 1
    assert frequencies.words["border"] == 1
    assert "the" not in frequencies.words


@pytest.mark.parametrize(
    ("documents", "frequency", "expected"),
    [
        (0, 0, 1.0),  # an empty collection weighs every term alike
        (9, 9, 1.0),  # a term in every report: the smallest weight
        (9, 4, math.log(10 / 5) + 1),
        (9, 0, math.log(10) + 1),  # a term never seen: the largest weight
    ],
)
def test_idf(documents: int, frequency: int, expected: float) -> None:
    frequencies = DocumentFrequencies(documents=documents)
    if frequency:
        frequencies.words["term"] = frequency
    assert frequencies.idf("words", "term") == pytest.approx(expected)


def test_idf_grows_incrementally_rare_terms_weigh_more() -> None:
    frequencies = DocumentFrequencies()
    for text in ("troops in Valdoria", "troops in Kestria", "troops near Dravik"):
        frequencies.add(term_counts(text))
    assert frequencies.idf("words", "valdoria") > frequencies.idf("words", "troops")
    before = frequencies.idf("words", "valdoria")
    frequencies.add(term_counts("grain tariff"))
    assert frequencies.idf("words", "valdoria") > before  # the same count in a larger collection


@given(st.dictionaries(st.text(min_size=1, max_size=5), st.integers(min_value=1, max_value=50), max_size=20))
def test_weighted_vectors_are_unit_length(counts: dict[str, int]) -> None:
    frequencies = DocumentFrequencies(documents=3)
    vector = weighted(counts, frequencies, "words")
    assert set(vector) == set(counts)
    norm = math.sqrt(sum(value * value for value in vector.values()))
    assert norm == pytest.approx(1.0) if counts else norm == 0.0


def test_similarity_mixes_words_and_names() -> None:
    frequencies = DocumentFrequencies()
    reports = {
        "a": term_counts("Kestria sent troops to Valdoria, Ostravia said."),
        "b": term_counts("Kestria sent troops to Valdoria, officials in Ostravia said."),
        "c": term_counts("A new tariff on grain shipments raised prices in the harbour."),
    }
    for counts in reports.values():
        frequencies.add(counts)
    found = {key: vectors(counts, frequencies) for key, counts in reports.items()}
    assert similarity(found["a"], found["a"]) == pytest.approx(1.0)
    assert similarity(found["a"], found["b"]) == pytest.approx(similarity(found["b"], found["a"]))
    assert similarity(found["a"], found["b"]) > 0.7
    assert similarity(found["a"], found["c"]) == pytest.approx(0.0)
