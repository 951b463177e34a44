"""Report-level stance: does a news body agree with, disagree with, discuss, or not concern a claim?

Trained on FNC-1 (headline, body) pairs; see docs/model-card-stance.md.

    >>> model = load_report_stance_model()
    >>> label, probabilities = model.predict([(claim_sentence, article_body)])[0]
"""

from claimwatch.stance.report.data import RELATED_STANCES, STANCES, SplitRule, StancePair, read_pairs
from claimwatch.stance.report.model import ReportStanceModel, load_report_stance_model
from claimwatch.stance.report.scoring import (
    StanceScores,
    confusion_matrix,
    fnc_points,
    fnc_score,
    macro_f1,
    per_class_f1,
)
from claimwatch.stance.report.train import TrainingReport, TrainingSettings, train_report_stance

__all__ = [
    "RELATED_STANCES",
    "STANCES",
    "ReportStanceModel",
    "SplitRule",
    "StancePair",
    "StanceScores",
    "TrainingReport",
    "TrainingSettings",
    "confusion_matrix",
    "fnc_points",
    "fnc_score",
    "load_report_stance_model",
    "macro_f1",
    "per_class_f1",
    "read_pairs",
    "train_report_stance",
]
