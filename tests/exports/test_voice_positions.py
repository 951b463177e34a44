"""Voice positions: read from the brief when it has them, else derived from its statements."""

from __future__ import annotations

import pytest
from exportkit import statement_row

from claimwatch.exports.positions import statement_ids, statement_stance, voice_positions


def test_derived_positions(brief: dict) -> None:
    positions = {row["voice"]: row for row in voice_positions(brief)}
    assert list(positions) == ["Ilka Marsh", "Government of Sorvia", "Tomas Reeve", "Halden Institute"]
    marsh = positions["Ilka Marsh"]
    assert (marsh["stance"], marsh["certainty"], marsh["hedged"]) == ("backs", "likely", True)
    assert (marsh["first_said_on"], marsh["last_said_on"]) == ("2025-05-01", "2025-05-03")
    assert marsh["statements"] == ["s1", "s5"]
    assert positions["Government of Sorvia"]["stance"] == "denies"
    assert positions["Government of Sorvia"]["hedged"] is False
    assert positions["Tomas Reeve"]["stance"] == "denies"
    assert positions["Halden Institute"]["stance"] == "neutral"
    assert positions["Halden Institute"]["conditional"] is True


def test_the_surest_word_of_the_latest_day_decides(brief: dict) -> None:
    brief["statements"] = [
        statement_row("t1", "a1", "Ilka Marsh", "assesses", certainty="likely", said_on="2025-05-04"),
        statement_row("t2", "a1", "Ilka Marsh", "confirms", certainty="almost certain", said_on="2025-05-04"),
        statement_row("t3", "a1", "Ilka Marsh", "questions", said_on="2025-05-05"),  # takes no side
    ]
    [position] = voice_positions(brief)
    assert (position["stance"], position["certainty"], position["hedged"]) == ("backs", "almost certain", False)


def test_positions_in_the_brief_win(brief: dict) -> None:
    brief["positions"] = [{"voice": "X", "stance": "denies", "statements": 2}]
    assert voice_positions(brief) == brief["positions"]
    assert statement_ids(brief["positions"][0]) == []  # a count, not a list
    assert statement_ids({"statements": [{"id": "s1"}, "s2"]}) == ["s1", "s2"]


@pytest.mark.parametrize(
    ("act", "certainty", "polarity", "conditional", "expected"),
    [
        ("accuses", "not stated", "affirmed", False, "backs"),
        ("confirms", "almost certain", "affirmed", False, "backs"),
        ("assesses", "likely", "affirmed", False, "backs"),
        ("assesses", "unlikely", "affirmed", False, "denies"),
        ("assesses", "likely", "negated", False, "denies"),
        ("denies", "almost no chance", "negated", False, "denies"),
        ("asserts", "not stated", "affirmed", True, "neutral"),
        ("investigates", "not stated", "affirmed", False, "neutral"),
        ("questions", "not stated", "affirmed", False, "neutral"),
    ],
)
def test_statement_stance(act: str, certainty: str, polarity: str, conditional: bool, expected: str) -> None:
    row = statement_row("s", "a", "V", act, certainty=certainty, polarity=polarity, conditional=conditional)
    assert statement_stance(row) == expected
