"""The report-level stance model: is a body about a headline's claim, and if so does it agree,
disagree or just discuss it?

Two stages. A gradient-boosted tree model on relatedness features gives P(related). On the
related side, a gradient-boosted tree model (dense features and LSA topics) and a logistic
regression (TF-IDF of headline and body plus the dense features) are averaged into
P(agree | related), P(disagree | related), P(discuss | related). The four probabilities returned
are P(unrelated) = 1 - P(related) and P(class) = P(related) * P(class | related); the label is
the most probable of the four.

Storage: ``report-stance.joblib`` (the fitted scikit-learn objects and the feature space, a
pickle: load only files you trust, with the scikit-learn version pinned in pyproject.toml) and
``report-stance.json`` (metadata: data hash, split, dev scores, date, versions).
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import joblib
import numpy as np
import sklearn
from scipy import sparse
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits

from claimwatch.errors import ClaimwatchError, Errors
from claimwatch.stance.report.data import RELATED_STANCES, STANCES
from claimwatch.stance.report.features import FeatureSpace, Pair, TextViews

MODEL_FILE, METADATA_FILE = "report-stance.joblib", "report-stance.json"
FORMAT_VERSION = 1
# Pairs less likely than this to be related skip the second stage (their class shares are the prior).
STANCE_STAGE_FLOOR = 0.01
# OpenMP threads of the tree models while predicting: batches are small, and on a busy machine spinning
# OpenMP workers made prediction three times slower than one thread.
PREDICT_THREADS = 1



class ModelError(ClaimwatchError):
    """A stance model cannot be loaded."""


def packaged_model_dir() -> Path:
    """The folder of the shipped weights inside the installed package."""
    return Path(str(resources.files("claimwatch.data") / "models"))


@dataclass
class StanceStage:
    """P(agree | related), P(disagree | related), P(discuss | related): trees and a linear model, averaged."""

    trees: HistGradientBoostingClassifier
    linear: LogisticRegression
    scaler: StandardScaler
    dense_for_linear: int  # the first columns of the dense features the linear model also sees
    tree_weight: float
    prior: np.ndarray  # class shares of the related training pairs, in RELATED_STANCES order

    def probabilities(self, dense: np.ndarray, terms: sparse.csr_matrix) -> np.ndarray:
        trees = self.trees.predict_proba(dense)
        linear = self.linear.predict_proba(self.linear_inputs(dense, terms))
        return self.tree_weight * trees + (1 - self.tree_weight) * linear

    def linear_inputs(self, dense: np.ndarray, terms: sparse.csr_matrix) -> sparse.csr_matrix:
        scaled = self.scaler.transform(dense[:, : self.dense_for_linear])
        return sparse.hstack([terms, sparse.csr_matrix(scaled)], format="csr")


@dataclass
class ReportStanceModel:
    features: FeatureSpace
    relatedness: HistGradientBoostingClassifier
    stance: StanceStage
    metadata: dict = field(default_factory=dict)

    def predict(self, pairs: Sequence[tuple[str, str]]) -> list[tuple[str, dict[str, float]]]:
        """(label, {stance: probability}) of each (headline, body) pair, in order."""
        probabilities = self.probabilities(pairs)
        labels = [STANCES[i] for i in probabilities.argmax(axis=1)] if len(pairs) else []
        return [
            (label, {stance: float(p) for stance, p in zip(STANCES, row, strict=True)})
            for label, row in zip(labels, probabilities, strict=True)
        ]

    def probabilities(self, pairs: Sequence[Pair]) -> np.ndarray:
        """One row a pair, columns in ``STANCES`` order (agree, disagree, discuss, unrelated); rows sum to 1."""
        if not pairs:
            return np.zeros((0, len(STANCES)))
        with threadpool_limits(limits=PREDICT_THREADS):
            return self._probabilities(TextViews.of([(headline or "", body or "") for headline, body in pairs]))

    def _probabilities(self, views: TextViews) -> np.ndarray:
        relatedness = self.features.relatedness_features(views)
        related = self.relatedness.predict_proba(relatedness)[:, 1]
        given_related = np.tile(self.stance.prior, (len(views), 1))
        rows = np.flatnonzero(related >= STANCE_STAGE_FLOOR)
        if len(rows):
            subset = views.subset(rows)
            dense = self.features.stance_dense_features(subset, relatedness[rows])
            given_related[rows] = self.stance.probabilities(dense, self.features.stance_term_vectors(subset))
        joint = np.column_stack([given_related * related[:, None], 1.0 - related])
        return joint / joint.sum(axis=1, keepdims=True)

    def save(self, folder: Path) -> list[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        model_path, metadata_path = folder / MODEL_FILE, folder / METADATA_FILE
        state = {"format": FORMAT_VERSION, "features": self.features, "relatedness": self.relatedness}
        joblib.dump({**state, "stance": self.stance}, model_path, compress=("xz", 6))
        metadata = {**self.metadata, "format": FORMAT_VERSION, "weights_bytes": model_path.stat().st_size}
        metadata_path.write_text(json.dumps(metadata, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        self.metadata = metadata
        return [model_path, metadata_path]

    @classmethod
    def load(cls, folder: Path) -> ReportStanceModel:
        model_path, metadata_path = folder / MODEL_FILE, folder / METADATA_FILE
        if not model_path.is_file() or not metadata_path.is_file():
            raise ModelError(Errors.E611.format(path=folder))
        metadata = json.loads(metadata_path.read_text(encoding="utf-8"))
        if metadata.get("format") != FORMAT_VERSION:
            raise ModelError(Errors.E612.format(path=folder, found=metadata.get("format"), expected=FORMAT_VERSION))
        written = metadata.get("versions", {}).get("scikit-learn")
        if written != sklearn.__version__:
            message = Errors.E613.format(path=folder, written=written, running=sklearn.__version__)
            warnings.warn(message, stacklevel=2)
        state = joblib.load(model_path)
        return cls(state["features"], state["relatedness"], state["stance"], metadata)


@cache
def load_report_stance_model(folder: Path | None = None) -> ReportStanceModel:
    """The shipped model (or the one in ``folder``), loaded once per process."""
    return ReportStanceModel.load(Path(folder) if folder else packaged_model_dir())


assert STANCES[:3] == RELATED_STANCES, "the joint probabilities put the related classes first"
