"""Train the report stance model on FNC-1's training data and score it on the held-out headlines.

The model is fitted on the training side of the split only, so the development scores written to
the metadata (and checked by the acceptance test) are of headlines the model never saw.
"""

from __future__ import annotations

import hashlib
import platform
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

import joblib
import numpy as np
import scipy
import sklearn
from scipy import sparse
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits

import claimwatch
from claimwatch.nlp.embeddings import DIMENSIONS, load_encoder
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
    GENERAL_COLUMNS,
    RELATEDNESS_FEATURES,
    STANCE_EXTRA_FEATURES,
    Encode,
    FeatureSpace,
    TextViews,
)
from claimwatch.stance.report.model import ReportStanceModel, StanceStage, body_key, packaged_model_dir
from claimwatch.stance.report.scoring import StanceScores

ENCODE_BATCH = 256  # sentences an encoder call while filling the training cache


@dataclass(frozen=True)
class TrainingSettings:
    """Chosen on the development split (see docs/model-card-stance.md)."""

    topic_terms: int = 5000
    lsa_components: int = 100
    stance_terms: int = 5000
    relatedness_iterations: int = 300
    relatedness_learning_rate: float = 0.1
    # P(related) of the relatedness trees that counts as even odds: below 0.5 because a related pair called
    # unrelated costs four times what the opposite mistake costs in the FNC score, and unseen stories
    # look less related than training ones
    related_threshold: float = 0.3
    stance_iterations: int = 300
    stance_learning_rate: float = 0.1
    stance_leaves: int = 31
    linear_c: float = 1.0
    tree_weight: float = 0.5
    # class weights of the general stance stage: (1/3 / class share) ** class_balance; 1 balances the classes,
    # which lifts disagree (3% of related training pairs) at some cost to agree and discuss
    class_balance: float = 1.0
    # share of the memory stage (topics and terms of the body) for bodies seen in training: all of it, so that
    # FNC-1 bodies get what the earlier, topic-based model gave them; news never reaches this stage
    memory_weight: float = 1.0
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


def _fit_stance_stage(dense: np.ndarray, terms: sparse.csr_matrix | None, labels: np.ndarray,
                      settings: TrainingSettings, *, tree_columns: int, balance: float) -> StanceStage:
    """Trees on the first ``tree_columns`` dense features, a logistic regression on the topic-free ones (and
    the TF-IDF terms when given); classes weighted by (1/3 / class share) ** ``balance`` (0: as they come)."""
    shares = {stance: float(np.mean(labels == stance)) for stance in RELATED_STANCES}
    weights = np.array([(1 / 3 / shares[label]) ** balance for label in labels])
    trees = HistGradientBoostingClassifier(
        max_iter=settings.stance_iterations,
        learning_rate=settings.stance_learning_rate,
        max_leaf_nodes=settings.stance_leaves,
        early_stopping=False,
        random_state=settings.random_state,
    ).fit(dense[:, :tree_columns], labels, sample_weight=weights)
    stage = StanceStage(
        trees=trees,
        linear=LogisticRegression(C=settings.linear_c, max_iter=3000),
        scaler=StandardScaler().fit(dense[:, :GENERAL_COLUMNS]),
        tree_columns=tree_columns,
        linear_columns=GENERAL_COLUMNS,
        uses_terms=terms is not None,
        tree_weight=settings.tree_weight,
        prior=np.array([shares[stance] for stance in RELATED_STANCES]),
    )
    stage.linear.fit(stage.linear_inputs(dense, terms), labels, sample_weight=weights)
    if list(trees.classes_) != list(RELATED_STANCES) or list(stage.linear.classes_) != list(RELATED_STANCES):
        raise ValueError("the training pairs lack one of agree, disagree, discuss")
    return stage


class CachedEncoder:
    """The shared sentence encoder with a cache of every sentence it saw in ``folder`` (one .npy file a
    sentence, named by its SHA-256), so that training embeds each FNC-1 sentence once."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)

    def _path(self, text: str) -> Path:
        return self.folder / f"{hashlib.sha256(text.encode('utf-8')).hexdigest()}.npy"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        missing = [text for text in dict.fromkeys(texts) if not self._path(text).is_file()]
        for start in range(0, len(missing), ENCODE_BATCH):
            batch = missing[start : start + ENCODE_BATCH]
            for text, vector in zip(batch, load_encoder().encode(batch), strict=True):
                np.save(self._path(text), vector)
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return np.stack([np.load(self._path(text)) for text in texts])


def fit_report_stance(
    pairs: list[StancePair], settings: TrainingSettings = TrainingSettings(), encode: Encode | None = None
) -> ReportStanceModel:
    """Fit both stages on labelled pairs (no metadata); ``encode`` defaults to the shared sentence encoder."""
    space = FeatureSpace(
        topic_terms=settings.topic_terms,
        lsa_components=settings.lsa_components,
        stance_terms=settings.stance_terms,
        random_state=settings.random_state,
    ).fit([pair.headline for pair in pairs], [pair.body for pair in pairs])
    views = TextViews.of([(pair.headline, pair.body) for pair in pairs], encode)
    stances = np.array([pair.stance for pair in pairs])
    relatedness = space.relatedness_features(views)
    related_model = _fit_relatedness(relatedness, stances, settings)
    rows = np.flatnonzero(stances != "unrelated")
    subset, labels = views.subset(rows), stances[rows]
    dense = space.stance_dense_features(subset, relatedness[rows])
    general = _fit_stance_stage(dense, None, labels, settings, tree_columns=GENERAL_COLUMNS,
                                balance=settings.class_balance)
    memory = _fit_stance_stage(dense, space.stance_term_vectors(subset), labels, settings,
                               tree_columns=dense.shape[1], balance=0.0)
    known_bodies = frozenset(body_key(views.views[row]) for row in views.body_rows)
    return ReportStanceModel(
        space, related_model, general, memory, known_bodies, settings.related_threshold, settings.memory_weight
    )


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
    embedding_cache: Path | None = None,
) -> TrainingReport:
    """Fit on the training side of ``split``, score on its dev side, write weights and metadata.

    Sentence vectors are cached in ``embedding_cache`` (kept, for the next run) or else in a temporary
    folder removed at the end.
    """
    with tempfile.TemporaryDirectory(prefix="claimwatch-embeddings-") as temporary:
        encoder = CachedEncoder(Path(embedding_cache) if embedding_cache else Path(temporary))
        return _train(Path(fnc1_dir), out_dir, split, settings, on_step or (lambda message: None), encoder)


def _train(fnc1_dir: Path, out_dir: Path | None, split: SplitRule, settings: TrainingSettings,
           say: Callable[[str], None], encoder: CachedEncoder) -> TrainingReport:
    out_dir = Path(out_dir) if out_dir else packaged_model_dir()
    say(f"reading {fnc1_dir}")
    train, dev = split.split(read_fnc1_training(fnc1_dir))
    say(f"training on {len(train):,} pairs ({len(dev):,} held out for development)")
    started = time.perf_counter()
    with threadpool_limits(limits=settings.threads):
        model = fit_report_stance(train, settings, encoder.encode)
    training_seconds = time.perf_counter() - started
    say(f"trained in {training_seconds:.1f} s; scoring the development split")
    dev_scores = score_model(model, dev, encoder.encode)
    model.metadata = {
        **_metadata(fnc1_dir, split, settings, train, dev, training_seconds),
        "dev_scores": dev_scores.to_json(),
    }
    files = model.save(out_dir)
    return TrainingReport(out_dir, files, training_seconds, len(train), len(dev), dev_scores)
