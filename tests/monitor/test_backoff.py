"""The monitor's one backoff rule."""

from __future__ import annotations

import pytest

from claimwatch.monitor.backoff import doubling_delay


@pytest.mark.parametrize(
    ("base", "attempt", "cap", "expected"),
    [(1.0, 0, 30.0, 1.0), (1.0, 1, 30.0, 2.0), (1.0, 4, 30.0, 16.0), (1.0, 5, 30.0, 30.0), (2.0, 1000, 60.0, 60.0),
     (5.0, -1, 30.0, 5.0)],
)
def test_doubling_delay(base: float, attempt: int, cap: float, expected: float) -> None:
    assert doubling_delay(base, attempt, cap) == expected
