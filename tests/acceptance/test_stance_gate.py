"""Quality floor of the shipped report stance model on its FNC-1 development split.

`claimwatch eval stance --dev-split` re-creates the split the model was trained with (held-out
headlines of FNC-1's training data) and scores the shipped weights on it. Speed is not asserted
here (it depends on the machine); docs/model-card-stance.md reports it as measured by the command.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimwatch.cli import app
from claimwatch.stance.report import load_report_stance_model

# tests/acceptance/<this file> -> parents[3] is the folder holding the repository and ../shared
SHARED = Path(__file__).resolve().parents[3] / "shared"
FNC1 = SHARED / "data" / "fnc1"
# Measured 2026-12-03 (evening): FNC score 0.9409, macro F1 0.8432, class F1 0.654-0.992 (docs/model-card-stance.md).
# These dev pairs almost all have FNC-1 training bodies; scores on new stories are far lower (the card).
FNC_SCORE_FLOOR = 0.93  # relative FNC-1 score; the official baseline gets 0.752 on the official test set
MACRO_F1_FLOOR = 0.82

pytestmark = [
    pytest.mark.acceptance,
    pytest.mark.slow,
    pytest.mark.skipif(
        not (FNC1 / "train_stances.csv").is_file(), reason=f"FNC-1 training data not found at {FNC1} (../shared absent)"
    ),
]


def test_shipped_model_meets_the_fnc_score_floor_on_the_dev_split() -> None:
    result = CliRunner().invoke(app, ["eval", "stance", "--dev-split", "--fnc1", str(FNC1), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["pairs"] == load_report_stance_model().metadata["training_data"]["dev_pairs"]
    assert data["fnc_score"] >= FNC_SCORE_FLOOR, data
    assert data["macro_f1"] >= MACRO_F1_FLOOR, data
    # every class is predicted well (a collapse to "discuss" would still pass the FNC floor)
    assert min(data["per_class_f1"].values()) > 0.5, data["per_class_f1"]
