"""Scoring positions against gold: voice matching, sides, flips, and the gold file's checks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimwatch.errors import InputError
from claimwatch.eval.positions import SIDES, SideCounts, load_gold, match_voice, score_claim

GOLD = {
    "watch": "W1",
    "claim": "Kestria is sending troops to Valdoria",
    "voices": [
        {"voice": "Mirela Vantosh", "aliases": ["Vantosh"], "stance": "backs"},
        {"voice": "Government of Valdoria", "aliases": ["Citadel"], "stance": "denies"},
        {"voice": "Oleg Varin", "aliases": [], "stance": "denies"},
        {"voice": "Matthias Kern", "aliases": [], "stance": "neutral"},
    ],
}


@pytest.mark.parametrize(
    ("predicted", "expected"),
    [
        ("Mirela Vantosh", "Mirela Vantosh"),  # equal
        ("President Mirela Vantosh", "Mirela Vantosh"),  # contains the name as whole words
        ("the Citadel", "Government of Valdoria"),  # contains an alias
        ("Citadelle", None),  # not as a whole word
        ("Petra Lund", None),
    ],
)
def test_match_voice(predicted: str, expected: str | None) -> None:
    found = match_voice(predicted, GOLD["voices"])
    assert (found["voice"] if found else None) == expected


def test_sides_and_flips() -> None:
    predicted = [
        {"voice": "Mirela Vantosh", "stance": "backs"},
        {"voice": "Oleg Varin", "stance": "backs"},  # a flip
        {"voice": "Government of Valdoria", "stance": "denies"},
        {"voice": "Matthias Kern", "stance": "backs"},  # gold neutral: a false backer, no flip
        {"voice": "Petra Lund", "stance": "neutral"},
    ]
    sides = {side: SideCounts() for side in SIDES}
    outcome = score_claim(GOLD, predicted, sides)
    assert [f["voice"] for f in outcome["flipped"]] == ["Oleg Varin"]
    assert outcome["missed"] == ["Oleg Varin"]
    assert sides["backs"].scores() == {"p": round(1 / 3, 4), "r": 1.0, "f1": 0.5}
    assert sides["denies"].scores() == {"p": 1.0, "r": 0.5, "f1": round(2 / 3, 4)}
    assert outcome["predicted"][1] == {"voice": "Oleg Varin", "predicted": "backs", "gold": "denies"}


def test_gold_lines_are_checked(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(GOLD) + "\n" + json.dumps({"claim": "x", "voices": [{"voice": "A"}]}) + "\n")
    with pytest.raises(InputError, match="line 2"):
        load_gold(path)


@pytest.mark.parametrize("name", ["positions_voa_dev.jsonl", "positions_sample_dev.jsonl"])
def test_dev_gold_is_well_formed(name: str) -> None:
    gold = load_gold(Path(__file__).parents[1] / "data" / name)
    assert gold and all(voice.get("evidence") for claim in gold for voice in claim["voices"])
    for claim in gold:
        for voice in claim["voices"]:
            assert all(len(e["quote"].split()) <= 14 for e in voice["evidence"])  # short quotes only
