"""Descriptions stand for an organisation named before: "the spy agency" after the bureau spoke."""

from __future__ import annotations

import pytest

from claimwatch.statements import statements_from_text


@pytest.fixture(scope="module")
def nlp():
    from claimwatch.nlp import load_nlp

    return load_nlp()


def test_the_agency_is_the_bureau_that_spoke_before(nlp) -> None:
    text = (
        "The National Intelligence Bureau said it was monitoring the border closely. "
        "The spy agency said in a statement that two convoys had crossed overnight."
    )
    found = sorted(statements_from_text(text, nlp), key=lambda s: s.start)
    assert [s.speaker.entity for s in found] == ["National Intelligence Bureau", "National Intelligence Bureau"]
    assert found[1].speaker.resolved_from is not None
