"""find_quotes: quotation spans with straight, curly and nested marks, across paragraphs, unclosed."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimwatch.statements.quotes import find_quotes


def quoted(text: str) -> list[tuple[str, bool]]:
    return [(text[q.start : q.end], q.closed) for q in find_quotes(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('The mayor said "the bridge stays closed" on Friday.', ['"the bridge stays closed"']),
        ("The mayor said “the bridge stays closed” on Friday.", ["“the bridge stays closed”"]),
        ('"The bridge stays closed," the mayor said.', ['"The bridge stays closed,"']),
        ("«Le pont reste fermé», a dit le maire.", ["«Le pont reste fermé»"]),
        ('He called it "absurd" and "a stunt."', ['"absurd"', '"a stunt."']),
        ('"Soon," she said. "Not today."', ['"Soon,"', '"Not today."']),
        ("“Soon,” she said. “Not today.”", ["“Soon,”", "“Not today.”"]),
    ],
)
def test_closed_quotes(text: str, expected: list[str]) -> None:
    assert quoted(text) == [(quote, True) for quote in expected]


@pytest.mark.parametrize(
    "text",
    [
        "\"I heard him say 'never again' twice,\" the clerk said.",
        "“I heard him say ‘never again’ twice,” the clerk said.",
    ],
)
def test_single_quotes_nested_in_double_stay_inside_one_quote(text: str) -> None:
    (quote,) = find_quotes(text)
    assert quote.closed
    assert text[quote.start] in "\"“" and text[quote.end - 1] in "\"”"
    assert "never again" in text[quote.start : quote.end]
    assert quote.end == text.index(" the clerk")


@pytest.mark.parametrize(("open_mark", "close_mark"), [('"', '"'), ("“", "”")])
def test_quote_continued_into_the_next_paragraph_is_one_quote(open_mark: str, close_mark: str) -> None:
    # News style: the first paragraph is left open and the next one opens with a fresh mark.
    first = f"{open_mark}The first shipment left on Monday."
    second = f"{open_mark}The second one is loading now,{close_mark} the harbour master said."
    text = f"{first}\n\n{second}"
    (quote,) = find_quotes(text)
    assert quote.closed
    assert quote.start == 0
    assert text[quote.start : quote.end] == f"{first}\n\n{open_mark}The second one is loading now,{close_mark}"


def test_paragraph_left_open_without_continuation_is_unclosed() -> None:
    text = 'The harbour master said "the shipment left on Monday.\n\nThe port reopens on Friday.'
    (quote,) = find_quotes(text)
    assert not quote.closed
    assert text[quote.start : quote.end] == '"the shipment left on Monday.'


def test_quote_unclosed_at_the_end_of_the_text() -> None:
    text = 'The harbour master said "the shipment left on Monday  \n'
    (quote,) = find_quotes(text)
    assert not quote.closed
    assert text[quote.start : quote.end] == '"the shipment left on Monday'  # trailing space trimmed


@pytest.mark.parametrize(
    "text",
    [
        "The minister's aides didn't comment.",
        "Rock 'n' roll was banned in the '60s.",
        "The ministers' statement came late.",
        "It's the mayor’s decision, and it isn’t final.",
        'A 6" pipe burst under the 12" floor.',  # inch marks after digits open nothing
    ],
)
def test_apostrophes_and_inch_marks_are_not_quotes(text: str) -> None:
    assert find_quotes(text) == []


def test_empty_quote_is_ignored() -> None:
    assert find_quotes('She said "" and left.') == []


_QUOTY = st.text(alphabet=st.sampled_from(list("ab .,;:\n\"“”«»„'‘’-([")), max_size=80)


@settings(max_examples=400, deadline=None)
@given(st.one_of(_QUOTY, st.text(max_size=80)))
def test_quotes_are_sorted_non_overlapping_spans_within_the_text(text: str) -> None:
    previous_end = 0
    for quote in find_quotes(text):
        assert 0 <= quote.start < quote.end <= len(text)
        assert quote.start >= previous_end
        previous_end = quote.end
