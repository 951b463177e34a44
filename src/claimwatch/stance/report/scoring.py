"""The FNC-1 score, per-class F1, macro F1 and the confusion matrix of stance labels.

FNC-1 score (as the competition's scorer.py): a pair earns 0.25 when the related/unrelated
decision is right (gold and prediction both unrelated, or both one of agree/disagree/discuss),
and 0.75 more when a related pair gets exactly its class. ``fnc_score`` gives the total as a
fraction of the best possible total of the gold labels (0.25 per unrelated, 1.0 per related pair).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from claimwatch.stance.report.data import RELATED_STANCES, STANCES

RELATEDNESS_POINTS = 0.25
CLASS_POINTS = 0.75


def _check_lengths(gold: Sequence[str], predicted: Sequence[str]) -> None:
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")


def fnc_points(gold: Sequence[str], predicted: Sequence[str]) -> tuple[float, float]:
    """(points earned, best possible points) of the predictions."""
    _check_lengths(gold, predicted)
    earned = best = 0.0
    for truth, guess in zip(gold, predicted, strict=True):
        truth_related, guess_related = truth in RELATED_STANCES, guess in RELATED_STANCES
        best += RELATEDNESS_POINTS + (CLASS_POINTS if truth_related else 0.0)
        if truth_related == guess_related:
            earned += RELATEDNESS_POINTS
            if truth_related and truth == guess:
                earned += CLASS_POINTS
    return earned, best


def fnc_score(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """FNC-1 score as a fraction of the maximum (1.0 = every pair right; 0.0 for no pairs)."""
    earned, best = fnc_points(gold, predicted)
    return earned / best if best else 0.0


def confusion_matrix(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, dict[str, int]]:
    """``confusion[gold][predicted]`` -> count, over the four FNC-1 stances."""
    _check_lengths(gold, predicted)
    matrix = {truth: dict.fromkeys(STANCES, 0) for truth in STANCES}
    for truth, guess in zip(gold, predicted, strict=True):
        matrix[truth][guess] += 1
    return matrix


def per_class_f1(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    """F1 of each stance (0.0 when a stance is neither in the gold labels nor predicted)."""
    matrix = confusion_matrix(gold, predicted)
    scores = {}
    for stance in STANCES:
        true_positives = matrix[stance][stance]
        gold_count = sum(matrix[stance].values())
        predicted_count = sum(row[stance] for row in matrix.values())
        denominator = gold_count + predicted_count
        scores[stance] = 2 * true_positives / denominator if denominator else 0.0
    return scores


def macro_f1(gold: Sequence[str], predicted: Sequence[str]) -> float:
    scores = per_class_f1(gold, predicted)
    return sum(scores.values()) / len(scores)


@dataclass(frozen=True)
class StanceScores:
    pairs: int
    fnc_score: float
    macro_f1: float
    per_class_f1: dict[str, float]
    confusion: dict[str, dict[str, int]]
    pairs_per_second: float | None = None

    @classmethod
    def of(cls, gold: Sequence[str], predicted: Sequence[str], pairs_per_second: float | None = None) -> StanceScores:
        return cls(
            pairs=len(gold),
            fnc_score=fnc_score(gold, predicted),
            macro_f1=macro_f1(gold, predicted),
            per_class_f1=per_class_f1(gold, predicted),
            confusion=confusion_matrix(gold, predicted),
            pairs_per_second=pairs_per_second,
        )

    def to_json(self) -> dict:
        data = {
            "pairs": self.pairs,
            "fnc_score": round(self.fnc_score, 4),
            "macro_f1": round(self.macro_f1, 4),
            "per_class_f1": {stance: round(value, 4) for stance, value in self.per_class_f1.items()},
            "confusion": self.confusion,
        }
        if self.pairs_per_second is not None:
            data["pairs_per_second"] = round(self.pairs_per_second, 1)
        return data
