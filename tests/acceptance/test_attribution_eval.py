"""`claimwatch eval attribution` with the real extractor on the first 10 PolNeAR dev documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimwatch.cli import app

# tests/acceptance/<this file> -> parents[3] is the folder holding the repository and ../shared
POLNEAR_DEV = Path(__file__).resolve().parents[3] / "shared" / "data" / "polnear" / "dev"
SUBSETS = ("all", "speech", "peer_textacy", "direct_quotes")

pytestmark = [
    pytest.mark.acceptance,
    pytest.mark.slow,
    pytest.mark.skipif(not POLNEAR_DEV.is_dir(), reason=f"PolNeAR dev split not found at {POLNEAR_DEV}"),
]


def test_attribution_eval_on_ten_dev_documents() -> None:
    result = CliRunner().invoke(
        app, ["eval", "attribution", "--polnear", str(POLNEAR_DEV), "--json", "--limit", "10"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["documents"] == 10
    assert data["documents_per_second"] > 0
    for subset in SUBSETS:
        metrics = data[subset]
        assert set(metrics) == {"content_exact", "content_overlap", "source_match", "cue_match"}, subset
        for measure in ("content_exact", "content_overlap"):
            assert set(metrics[measure]) == {"p", "r", "f1"}
            assert all(0.0 <= value <= 1.0 for value in metrics[measure].values())
        assert 0.0 <= metrics["source_match"] <= 1.0 and 0.0 <= metrics["cue_match"] <= 1.0
    # claimwatch finds some attributions at all: a broken extractor would score 0 here
    assert data["all"]["content_overlap"]["r"] > 0
