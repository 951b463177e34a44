"""Train the report stance model on FNC-1's training data and score it on the held-out headlines.

The model is fitted on the training side of the split only, so the development scores written to
the metadata (and checked by the acceptance test) are of headlines the model never saw.
"""

from __future__ import annotations

import platform
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

import joblib
import numpy as np
import scipy
import sklearn
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits

import claimwatch
from claimwatch.stance.report.data import (
    RELATED_STANCES,
    STANCES,
    TRAIN_BODIES,
    TRAIN_STANCES,
    SplitRule,
    StancePair,
    fingerprint,
    read_fnc1_training,
)
from claimwatch.stance.report.evaluate import score_model
from claimwatch.stance.report.features import (
    RELATEDNESS_FEATURES,
    STANCE_EXTRA_FEATURES,
    FeatureSpace,
    TextViews,
)
from claimwatch.stance.report.model import ReportStanceModel, StanceStage, packaged_model_dir
from claimwatch.stance.report.scoring import StanceScores


@dataclass(frozen=True)
class TrainingSettings:
    """Chosen on the development split (see docs/model-card-stance.md)."""

    relevance_terms: int = 40_000
    topic_terms: int = 5000
    lsa_components: int = 100
    stance_terms: int = 5000
    relatedness_iterations: int = 300
    relatedness_learning_rate: float = 0.1
    stance_iterations: int = 300
    stance_learning_rate: float = 0.1
    stance_leaves: int = 31
    linear_c: float = 1.0
    tree_weight: float = 0.5
    random_state: int = 0
    # OpenMP threads of the tree models while training: with one thread the training time stays steady
    # when other processes keep the cores busy (spinning OpenMP workers slowed a fit eightfold here)
    threads: int = 1


@dataclass(frozen=True)
class TrainingReport:
    model_dir: Path
    files: list[Path]
    training_seconds: float
    train_pairs: int
    dev_pairs: int
    dev: StanceScores

    def to_json(self) -> dict:
        return {
            "model_dir": str(self.model_dir),
            "files": {path.name: path.stat().st_size for path in self.files},
            "training_seconds": round(self.training_seconds, 1),
            "train_pairs": self.train_pairs,
            "dev_pairs": self.dev_pairs,
            "dev": self.dev.to_json(),
        }


def _fit_relatedness(features: np.ndarray, stances: np.ndarray, settings: TrainingSettings):
    model = HistGradientBoostingClassifier(
        max_iter=settings.relatedness_iterations,
        learning_rate=settings.relatedness_learning_rate,
        early_stopping=False,
        random_state=settings.random_state,
    )
    return model.fit(features, (stances != "unrelated").astype(np.int64))


def _fit_stance_stage(space: FeatureSpace, views: TextViews, relatedness: np.ndarray, stances: np.ndarray,
                      settings: TrainingSettings) -> StanceStage:
    rows = np.flatnonzero(stances != "unrelated")
    subset, labels = views.subset(rows), stances[rows]
    dense = space.stance_dense_features(subset, relatedness[rows])
    trees = HistGradientBoostingClassifier(
        max_iter=settings.stance_iterations,
        learning_rate=settings.stance_learning_rate,
        max_leaf_nodes=settings.stance_leaves,
        early_stopping=False,
        random_state=settings.random_state,
    ).fit(dense, labels)
    dense_for_linear = len(RELATEDNESS_FEATURES) + len(STANCE_EXTRA_FEATURES)
    scaler = StandardScaler().fit(dense[:, :dense_for_linear])
    stage = StanceStage(
        trees=trees,
        linear=LogisticRegression(C=settings.linear_c, max_iter=3000),
        scaler=scaler,
        dense_for_linear=dense_for_linear,
        tree_weight=settings.tree_weight,
        prior=np.array([np.mean(labels == stance) for stance in RELATED_STANCES]),
    )
    stage.linear.fit(stage.linear_inputs(dense, space.stance_term_vectors(subset)), labels)
    if list(trees.classes_) != list(RELATED_STANCES) or list(stage.linear.classes_) != list(RELATED_STANCES):
        raise ValueError("the training pairs lack one of agree, disagree, discuss")
    return stage


def fit_report_stance(pairs: list[StancePair], settings: TrainingSettings = TrainingSettings()) -> ReportStanceModel:
    """Fit both stages on labelled pairs (no metadata)."""
    space = FeatureSpace(
        relevance_terms=settings.relevance_terms,
        topic_terms=settings.topic_terms,
        lsa_components=settings.lsa_components,
        stance_terms=settings.stance_terms,
        random_state=settings.random_state,
    ).fit([pair.headline for pair in pairs], [pair.body for pair in pairs])
    views = TextViews.of([(pair.headline, pair.body) for pair in pairs])
    stances = np.array([pair.stance for pair in pairs])
    relatedness = space.relatedness_features(views)
    related_model = _fit_relatedness(relatedness, stances, settings)
    return ReportStanceModel(space, related_model, _fit_stance_stage(space, views, relatedness, stances, settings))


def _class_counts(pairs: list[StancePair]) -> dict[str, int]:
    return {stance: sum(1 for pair in pairs if pair.stance == stance) for stance in STANCES}


def _metadata(fnc1_dir: Path, split: SplitRule, settings: TrainingSettings, train: list[StancePair],
              dev: list[StancePair], training_seconds: float) -> dict:
    return {
        "model": "claimwatch report stance (FNC-1 labels: agree, disagree, discuss, unrelated)",
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "training_data": {
            "name": "FNC-1 training set (train_bodies.csv, train_stances.csv)",
            "sha256": fingerprint([fnc1_dir / TRAIN_BODIES, fnc1_dir / TRAIN_STANCES]),
            "train_pairs": len(train),
            "dev_pairs": len(dev),
            "train_headlines": len({pair.headline for pair in train}),
            "dev_headlines": len({pair.headline for pair in dev}),
            "train_classes": _class_counts(train),
            "dev_classes": _class_counts(dev),
        },
        "split": split.to_json(),
        "settings": asdict(settings),
        "training_seconds": round(training_seconds, 1),
        "features": {"relatedness": list(RELATEDNESS_FEATURES), "stance_extra": list(STANCE_EXTRA_FEATURES)},
        "versions": {
            "claimwatch": claimwatch.__version__,
            "python": platform.python_version(),
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "scikit-learn": sklearn.__version__,
            "joblib": joblib.__version__,
        },
    }


def train_report_stance(
    fnc1_dir: Path,
    out_dir: Path | None = None,
    *,
    split: SplitRule = SplitRule(),
    settings: TrainingSettings = TrainingSettings(),
    on_step: Callable[[str], None] | None = None,
) -> TrainingReport:
    """Fit on the training side of ``split``, score on its dev side, write weights and metadata."""
    say = on_step or (lambda message: None)
    out_dir = Path(out_dir) if out_dir else packaged_model_dir()
    say(f"reading {fnc1_dir}")
    train, dev = split.split(read_fnc1_training(Path(fnc1_dir)))
    say(f"training on {len(train):,} pairs ({len(dev):,} held out for development)")
    started = time.perf_counter()
    with threadpool_limits(limits=settings.threads):
        model = fit_report_stance(train, settings)
    training_seconds = time.perf_counter() - started
    say(f"trained in {training_seconds:.1f} s; scoring the development split")
    dev_scores = score_model(model, dev)
    model.metadata = {
        **_metadata(Path(fnc1_dir), split, settings, train, dev, training_seconds),
        "dev_scores": dev_scores.to_json(),
    }
    files = model.save(out_dir)
    return TrainingReport(out_dir, files, training_seconds, len(train), len(dev), dev_scores)
