"""Quality floors of the language stages. Raise a floor when a change lifts the figure; never lower one.

Figures come from the evaluation commands (docs/evaluation.md):
  claimwatch eval attribution --polnear ../shared/data/polnear/dev --json
  claimwatch eval clustering --ecbplus ../shared/data/ecbplus --json
  claimwatch eval certainty --commitmentbank ../shared/data/commitmentbank --json
"""

from __future__ import annotations

import pytest

from claimwatch.eval.attribution import evaluate_polnear
from claimwatch.eval.certainty import evaluate_commitmentbank
from claimwatch.eval.clustering import evaluate_ecbplus
from claimwatch.statements import statements_from_text

# PolNeAR dev, speech and reporting cues: content F1 at >= 50% token overlap, and source match.
ATTRIBUTION_SPEECH_OVERLAP_F1_FLOOR = 0.70
ATTRIBUTION_SOURCE_MATCH_FLOOR = 0.85
ECBPLUS_BCUBED_F1_FLOOR = 0.85
COMMITMENTBANK_SPEARMAN_FLOOR = 0.50


@pytest.fixture(scope="module")
def attribution(shared_path) -> dict:
    return evaluate_polnear(shared_path("data/polnear/dev"), statements_from_text).to_json()


@pytest.mark.slow
def test_attribution_speech_overlap_f1_floor(attribution: dict) -> None:
    assert attribution["documents"] == 84
    assert attribution["speech"]["content_overlap"]["f1"] >= ATTRIBUTION_SPEECH_OVERLAP_F1_FLOOR, attribution["speech"]


@pytest.mark.slow
def test_attribution_source_match_floor(attribution: dict) -> None:
    assert attribution["speech"]["source_match"] >= ATTRIBUTION_SOURCE_MATCH_FLOOR, attribution["speech"]


@pytest.mark.slow
def test_attribution_beats_textacy_on_direct_quotes(attribution: dict) -> None:
    ours = attribution["direct_quotes"]["content_overlap"]["f1"]
    peer = attribution["peer_textacy"]["content_overlap"]["f1"]
    assert ours > peer, (ours, peer)


@pytest.mark.slow
def test_ecbplus_bcubed_floor(shared_path) -> None:
    scores = evaluate_ecbplus(shared_path("data/ecbplus"))
    assert scores["bcubed"]["f1"] >= ECBPLUS_BCUBED_F1_FLOOR, scores


@pytest.mark.slow
def test_commitmentbank_spearman_floor(shared_path) -> None:
    scores = evaluate_commitmentbank(shared_path("data/commitmentbank"))
    assert scores.items == 1200
    assert scores.spearman >= COMMITMENTBANK_SPEARMAN_FLOOR, scores.to_json()
