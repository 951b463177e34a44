"""The shared evaluation scores (scipy and scikit-learn underneath)."""

from __future__ import annotations

import math

import pytest

from claimwatch.eval.clustering import bcubed, pairwise
from claimwatch.eval.metrics import f1, spearman


@pytest.mark.parametrize(
    ("precision", "recall", "expected"),
    [(1.0, 1.0, 1.0), (0.5, 1.0, 2 / 3), (0.0, 1.0, 0.0), (0.0, 0.0, 0.0), (0.8, 0.6, 0.96 / 1.4)],
)
def test_f1(precision: float, recall: float, expected: float) -> None:
    assert f1(precision, recall) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ([1, 2, 3, 4], [10, 20, 30, 40], 1.0),
        ([1, 2, 3, 4], [4, 3, 2, 1], -1.0),
        ([1, 2, 2, 3], [1, 2, 3, 4], 0.9486832980505138),  # ties get mean ranks
        ([1, 1, 1], [1, 2, 3], 0.0),  # a constant side correlates with nothing
    ],
)
def test_spearman(first, second, expected: float) -> None:
    assert spearman(first, second) == pytest.approx(expected)


def test_spearman_needs_three_items() -> None:
    assert math.isnan(spearman([1, 2], [2, 1]))


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        ([0, 0, 1, 1], ["a", "a", "b", "b"], (1.0, 1.0, 1.0)),
        ([0, 0, 0, 0], ["a", "a", "b", "b"], (1 / 3, 1.0, 0.5)),  # 2 of 6 pairs right
        ([0, 1, 2, 3], ["a", "a", "b", "b"], (0.0, 0.0, 0.0)),
    ],
)
def test_pairwise(predicted, gold, expected) -> None:
    assert pairwise(predicted, gold) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        ([0, 0, 1, 1], ["a", "a", "b", "b"], (1.0, 1.0, 1.0)),
        ([0, 0, 0, 0], ["a", "a", "b", "b"], (0.5, 1.0, 2 / 3)),
        ([0, 1, 2, 3], ["a", "a", "b", "b"], (1.0, 0.5, 2 / 3)),
    ],
)
def test_bcubed(predicted, gold, expected) -> None:
    assert bcubed(predicted, gold) == pytest.approx(expected)
