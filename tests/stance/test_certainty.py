"""ICD 203 terms from estimative words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimwatch.stance.certainty import ICD203_TERMS, NOT_STATED, midpoint, read_certainty, term_for


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("there is a high possibility that troops were sent", "very likely"),
        ("the troops are likely to be deployed", "likely"),
        ("it is highly likely that the convoy carried soldiers", "very likely"),
        ("the soldiers may have arrived", "roughly even chance"),
        ("the reports could be accurate", "roughly even chance"),
        ("it is unlikely that the brigade moved", "unlikely"),
        ("there is no evidence of a deployment", "very unlikely"),
        ("the claims are fake news", "almost no chance"),
        ("we have confirmed that 1,500 troops were moved", "almost certain"),
        ("the troops are in the region", NOT_STATED),
        ("a high possibility, though they could still turn back", "very likely"),
    ],
)
def test_read_certainty(text: str, term: str) -> None:
    assert read_certainty(text)[0] == term


@pytest.mark.parametrize("term", ICD203_TERMS)
def test_midpoint_falls_back_into_its_band(term: str) -> None:
    assert term_for(midpoint(term)) == term


@given(st.text(max_size=300))
def test_read_certainty_never_fails(text: str) -> None:
    term, words = read_certainty(text)
    assert term in (*ICD203_TERMS, NOT_STATED)
    assert words is None or words.lower() in text.lower()
