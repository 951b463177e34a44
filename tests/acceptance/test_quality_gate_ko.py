"""Quality floors of Korean name recognition. Raise a floor when a change lifts the figure; never lower one.

Figures come from (docs/evaluation.md): claimwatch eval names --lang ko --klue ../shared/data/klue-ner --json
KLUE NER's test set is not public: its dev set is halved (even sentences tune, odd ones test); these are test.
"""

from __future__ import annotations

import pytest

from claimwatch.eval.names_ko import evaluate_klue

KLUE_TEST_F1_FLOORS = {"overall": 0.50, "PS": 0.52, "OG": 0.40, "LC": 0.50}


@pytest.fixture(scope="module")
def klue(shared_path) -> dict:
    return evaluate_klue(shared_path("data/klue-ner"), half="test")


@pytest.mark.parametrize("kind", sorted(KLUE_TEST_F1_FLOORS))
def test_klue_name_recognition_floor(klue: dict, kind: str) -> None:
    assert klue["sentences"] == 2500
    assert klue["scores"][kind]["f1"] >= KLUE_TEST_F1_FLOORS[kind], klue["scores"]
