"""The one backoff rule of the monitor: a delay doubled per attempt, capped."""

from __future__ import annotations


def doubling_delay(base: float, attempt: int, cap: float) -> float:
    """``base`` doubled ``attempt`` times (attempt 0: ``base`` itself), never more than ``cap``."""
    return min(base * 2 ** min(max(attempt, 0), 40), cap)
