"""Score a report stance model on labelled pairs: FNC-1 files, or the development split of training."""

from __future__ import annotations

import time
from pathlib import Path

from claimwatch.stance.report.data import SplitRule, StancePair, read_fnc1_training, read_pairs
from claimwatch.stance.report.features import Encode
from claimwatch.stance.report.model import ReportStanceModel, load_report_stance_model
from claimwatch.stance.report.scoring import StanceScores

BATCH_SIZE = 512  # pairs a predict call; the batch shares the views of repeated bodies


def score_model(model: ReportStanceModel, pairs: list[StancePair], encode: Encode | None = None) -> StanceScores:
    """Scores of the model's labels, and its speed over the whole batch (pairs per second, wall clock,
    sentence embedding included unless ``encode`` serves cached vectors)."""
    labels: list[str] = []
    started = time.perf_counter()
    for start in range(0, len(pairs), BATCH_SIZE):
        batch = pairs[start : start + BATCH_SIZE]
        labels.extend(label for label, _ in model.predict([(pair.headline, pair.body) for pair in batch], encode))
    elapsed = time.perf_counter() - started
    return StanceScores.of([pair.stance for pair in pairs], labels, len(pairs) / elapsed if elapsed else None)


def evaluate_files(bodies: Path, stances: Path, model_dir: Path | None = None) -> StanceScores:
    """Scores on FNC-1-format files: a bodies CSV (Body ID, articleBody) and a stances CSV with Stance."""
    return score_model(load_report_stance_model(model_dir), read_pairs(bodies, stances))


def evaluate_dev_split(fnc1_dir: Path, model_dir: Path | None = None) -> StanceScores:
    """Scores on the development pairs of FNC-1 training data, split by the rule the model was trained with."""
    model = load_report_stance_model(model_dir)
    _, dev = SplitRule.from_json(model.metadata["split"]).split(read_fnc1_training(fnc1_dir))
    return score_model(model, dev)
