"""Quality floors. Raise a floor when a change lifts the figure; never lower one to make a change pass.

`claimwatch eval extraction --zyte ../shared/data/article-extraction-benchmark --json` gives the figures.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimwatch.cli import app
from claimwatch.eval import extraction
from claimwatch.eval.extraction import ExtractionScores, evaluate_zyte

ZYTE = "data/article-extraction-benchmark"
EXTRACTION_F1_FLOOR = 0.95


@pytest.fixture(scope="module")
def zyte_scores(shared_path) -> ExtractionScores:
    return evaluate_zyte(shared_path(ZYTE))


@pytest.mark.slow
def test_extraction_f1_floor(zyte_scores: ExtractionScores) -> None:
    assert zyte_scores.pages == 181
    assert zyte_scores.f1 >= EXTRACTION_F1_FLOOR, zyte_scores.to_json()


def test_eval_extraction_cli_json(shared_path, zyte_scores: ExtractionScores, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command's JSON face over the same function (the figures above are not computed twice)."""
    folders = []

    def scored(folder: Path) -> ExtractionScores:
        folders.append(folder)
        return zyte_scores

    monkeypatch.setattr(extraction, "evaluate_zyte", scored)
    result = CliRunner().invoke(app, ["eval", "extraction", "--zyte", str(shared_path(ZYTE)), "--json"])
    assert result.exit_code == 0, result.output
    assert folders == [shared_path(ZYTE)]
    data = json.loads(result.stdout)
    assert set(data) == {"precision", "recall", "f1", "pages", "pages_per_second"}
    assert data["f1"] == round(zyte_scores.f1, 4) >= EXTRACTION_F1_FLOOR
    assert data["pages"] == 181
