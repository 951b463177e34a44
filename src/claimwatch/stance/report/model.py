"""The report-level stance model: is a body about a headline's claim, and if so does it agree,
disagree or just discuss it?

Two stages. A gradient-boosted tree model on relatedness features (word overlap and sentence
meaning) gives P(related). On the related side, the *general* stance stage (a gradient-boosted
tree model and a logistic regression, averaged, on relatedness, meaning and cue-word features,
nothing that names a topic) gives P(agree | related), P(disagree | related), P(discuss | related).
For a body the model was trained on (FNC-1 bodies only; known by a hash), a *memory* stage that
also sees the body's LSA topics and TF-IDF terms is averaged in: it remembers how that body
stands toward its story, which the general stage cannot. News the model has not seen gets the
general stage alone. The four probabilities returned are P(unrelated) = 1 - P(related) and
P(class) = P(related) * P(class | related); the label is the most probable of the four.

Storage: ``report-stance.joblib`` (the fitted scikit-learn objects and the feature space, a
pickle: load only files you trust, with the scikit-learn version pinned in pyproject.toml) and
``report-stance.json`` (metadata: data hash, split, dev scores, date, versions).
"""

from __future__ import annotations

import hashlib
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
from claimwatch.stance.report.features import Encode, FeatureSpace, Pair, TextViews
from claimwatch.stance.report.text import TextView

MODEL_FILE, METADATA_FILE = "report-stance.joblib", "report-stance.json"
FORMAT_VERSION = 3  # 2: meaning features (sentence embeddings); 3: no TF-IDF or LSA cosine in relatedness
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
    tree_columns: int  # the first columns of the dense stance features the trees see
    linear_columns: int  # ... and the linear model sees, standardised
    uses_terms: bool  # the linear model also sees the TF-IDF vectors of headline and body
    tree_weight: float
    prior: np.ndarray  # class shares of the related training pairs, in RELATED_STANCES order

    def probabilities(self, dense: np.ndarray, terms: sparse.csr_matrix | None) -> np.ndarray:
        trees = self.trees.predict_proba(dense[:, : self.tree_columns])
        linear = self.linear.predict_proba(self.linear_inputs(dense, terms))
        return self.tree_weight * trees + (1 - self.tree_weight) * linear

    def linear_inputs(self, dense: np.ndarray, terms: sparse.csr_matrix | None) -> sparse.csr_matrix:
        scaled = sparse.csr_matrix(self.scaler.transform(dense[:, : self.linear_columns]))
        return sparse.hstack([terms, scaled], format="csr") if self.uses_terms else scaled


def body_key(body: TextView) -> str:
    """How the model knows a training body again: a hash of its lower-cased, space-collapsed text."""
    return hashlib.sha256(body.lowered.encode("utf-8")).hexdigest()[:16]


@dataclass
class ReportStanceModel:
    features: FeatureSpace
    relatedness: HistGradientBoostingClassifier
    stance: StanceStage  # the general stage
    memory: StanceStage  # the memory stage, for training bodies only
    known_bodies: frozenset[str]  # body_key of every training body
    related_threshold: float = 0.5  # the relatedness trees' P(related) that counts as even odds
    memory_weight: float = 0.5  # share of the memory stage in P(class | related) for a training body
    metadata: dict = field(default_factory=dict)

    def predict(
        self, pairs: Sequence[tuple[str, str]], encode: Encode | None = None
    ) -> list[tuple[str, dict[str, float]]]:
        """(label, {stance: probability}) of each (headline, body) pair, in order.

        ``encode`` (texts -> unit vectors) defaults to the shared sentence encoder.
        """
        probabilities = self.probabilities(pairs, encode)
        labels = [STANCES[i] for i in probabilities.argmax(axis=1)] if len(pairs) else []
        return [
            (label, {stance: float(p) for stance, p in zip(STANCES, row, strict=True)})
            for label, row in zip(labels, probabilities, strict=True)
        ]

    def probabilities(self, pairs: Sequence[Pair], encode: Encode | None = None) -> np.ndarray:
        """One row a pair, columns in ``STANCES`` order (agree, disagree, discuss, unrelated); rows sum to 1."""
        if not pairs:
            return np.zeros((0, len(STANCES)))
        with threadpool_limits(limits=PREDICT_THREADS):
            views = TextViews.of([(headline or "", body or "") for headline, body in pairs], encode)
            return self._probabilities(views)

    def _probabilities(self, views: TextViews) -> np.ndarray:
        relatedness = self.features.relatedness_features(views)
        related = _shifted(self.relatedness.predict_proba(relatedness)[:, 1], self.related_threshold)
        given_related = np.tile(self.stance.prior, (len(views), 1))
        rows = np.flatnonzero(related >= STANCE_STAGE_FLOOR)
        if len(rows):
            subset = views.subset(rows)
            dense = self.features.stance_dense_features(subset, relatedness[rows])
            given_related[rows] = self.stance.probabilities(dense, None)
            known = np.array([body_key(subset.views[b]) in self.known_bodies for b in subset.body_rows], dtype=bool)
            if known.any():
                terms = self.features.stance_term_vectors(subset.subset(np.flatnonzero(known)))
                remembered = self.memory.probabilities(dense[known], terms)
                mixed = (1 - self.memory_weight) * given_related[rows[known]] + self.memory_weight * remembered
                given_related[rows[known]] = mixed
        joint = np.column_stack([given_related * related[:, None], 1.0 - related])
        return joint / joint.sum(axis=1, keepdims=True)

    def save(self, folder: Path) -> list[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        model_path, metadata_path = folder / MODEL_FILE, folder / METADATA_FILE
        state = {"format": FORMAT_VERSION, "features": self.features, "relatedness": self.relatedness}
        stages = {"stance": self.stance, "memory": self.memory, "known_bodies": sorted(self.known_bodies),
                  "related_threshold": self.related_threshold, "memory_weight": self.memory_weight}
        joblib.dump({**state, **stages}, model_path, compress=("xz", 6))
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
        return cls(state["features"], state["relatedness"], state["stance"], state["memory"],
                   frozenset(state["known_bodies"]), state["related_threshold"], state["memory_weight"], metadata)


def _shifted(probability: np.ndarray, threshold: float) -> np.ndarray:
    """P(related) moved on the logit scale so that ``threshold`` becomes 0.5."""
    clipped = np.clip(probability, 1e-9, 1 - 1e-9)
    logit = np.log(clipped / (1 - clipped)) - np.log(threshold / (1 - threshold))
    return 1.0 / (1.0 + np.exp(-logit))


@cache
def load_report_stance_model(folder: Path | None = None) -> ReportStanceModel:
    """The shipped model (or the one in ``folder``), loaded once per process."""
    return ReportStanceModel.load(Path(folder) if folder else packaged_model_dir())


assert STANCES[:3] == RELATED_STANCES, "the joint probabilities put the related classes first"
