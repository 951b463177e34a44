"""The scores the evaluations share, from scipy (no hand-written statistics)."""

from __future__ import annotations

import math

from scipy.stats import hmean, spearmanr


def f1(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall (0.0 when either is 0)."""
    return float(hmean([precision, recall])) if precision > 0 and recall > 0 else 0.0


def counted_scores(tp: int, fp: int, fn: int) -> dict:
    """``{"p", "r", "f1", "gold"}`` from true positives, false positives and false negatives, rounded."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {"p": round(precision, 4), "r": round(recall, 4), "f1": round(f1(precision, recall), 4), "gold": tp + fn}


def spearman(first: list[float], second: list[float]) -> float:
    """Spearman's rank correlation, ties given mean ranks; nan under 3 items, 0.0 when a side is constant."""
    if len(first) < 3:
        return math.nan
    if len(set(first)) == 1 or len(set(second)) == 1:
        return 0.0
    return float(spearmanr(first, second).statistic)
