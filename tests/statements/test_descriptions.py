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


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        # spaCy may tag "The U.N." as a person; its letters must not reach Kim Jong Un's "Un"
        ("The U.N. did not invite rights groups to the talks, citing the militants' opposition.", "citing"),
        # a description resolves to people the article names, not to any role in the gazetteer
        ("Publisher Tomas Ardel was sent back to prison this week in a move that the leader of his legal team "
         "called \u201cinhumane.\u201d", "called"),
    ],
)
def test_a_speaker_is_not_a_gazetteer_person_the_article_never_names(nlp, text: str, cue: str) -> None:
    found = [s for s in statements_from_text(text, nlp) if s.cue.text == cue]  # the built-in gazetteer
    assert found and all(s.speaker.entity != "Kim Jong Un" for s in found)


def test_a_description_still_finds_the_named_leader(nlp) -> None:
    text = (
        "North Korean leader Kim Jong Un inspected a missile factory on Monday. "
        "The leader said the factory must double its output."
    )
    found = sorted(statements_from_text(text, nlp), key=lambda s: s.start)
    assert [s.speaker.entity for s in found] == ["Kim Jong Un"]
