"""resolve_phrase: date phrases read against the article's own day (Thursday 17 October 2024 unless told)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimwatch.statements.when import MONTHS, WEEKDAYS, publication_day, resolve_phrase

THURSDAY = date(2024, 10, 17)  # a Thursday
JANUARY = date(2025, 1, 9)


@pytest.mark.parametrize(
    ("phrase", "reference", "start", "end", "precision"),
    [
        ("Wednesday", THURSDAY, "2024-10-16", "2024-10-16", "day"),
        ("on Tuesday", THURSDAY, "2024-10-15", "2024-10-15", "day"),
        ("Thursday", THURSDAY, "2024-10-17", "2024-10-17", "day"),  # the article's own weekday: that day
        ("last Thursday", THURSDAY, "2024-10-10", "2024-10-10", "day"),
        ("Friday", THURSDAY, "2024-10-11", "2024-10-11", "day"),  # never a day after the article
        ("Monday night", THURSDAY, "2024-10-14", "2024-10-14", "day"),
        ("last weekend", THURSDAY, "2024-10-12", "2024-10-13", "range"),
        ("earlier last week", THURSDAY, "2024-10-07", "2024-10-11", "range"),
        ("Earlier last week", THURSDAY, "2024-10-07", "2024-10-11", "range"),
        ("last week", THURSDAY, "2024-10-07", "2024-10-13", "range"),
        ("this week", THURSDAY, "2024-10-14", "2024-10-17", "range"),
        ("yesterday", THURSDAY, "2024-10-16", "2024-10-16", "day"),
        ("today", THURSDAY, "2024-10-17", "2024-10-17", "day"),
        ("this morning", THURSDAY, "2024-10-17", "2024-10-17", "day"),
        ("two days ago", THURSDAY, "2024-10-15", "2024-10-15", "day"),
        ("3 days ago", THURSDAY, "2024-10-14", "2024-10-14", "day"),
        ("a week ago", THURSDAY, "2024-10-10", "2024-10-10", "day"),
        ("a few days ago", THURSDAY, "2024-10-12", "2024-10-16", "range"),  # vague: a range, not one day
        ("several days ago", THURSDAY, "2024-10-12", "2024-10-16", "range"),
        ("in recent days", THURSDAY, "2024-10-12", "2024-10-16", "range"),
        ("in June", THURSDAY, "2024-06", "2024-06", "month"),
        ("in December", THURSDAY, "2023-12", "2023-12", "month"),  # a later month name is last year's
        ("June 2023", THURSDAY, "2023-06", "2023-06", "month"),
        ("last month", THURSDAY, "2024-09", "2024-09", "month"),
        ("earlier this month", THURSDAY, "2024-10-01", "2024-10-17", "range"),
        ("Oct. 11", THURSDAY, "2024-10-11", "2024-10-11", "day"),
        ("Sept. 30", THURSDAY, "2024-09-30", "2024-09-30", "day"),
        ("11 October", THURSDAY, "2024-10-11", "2024-10-11", "day"),
        ("on Oct. 11, 2024", THURSDAY, "2024-10-11", "2024-10-11", "day"),
        ("March 3, 2025", THURSDAY, "2025-03-03", "2025-03-03", "day"),  # a year given is kept
        ("Dec. 28", JANUARY, "2024-12-28", "2024-12-28", "day"),  # in a January article: the year before
        ("Jan. 8", JANUARY, "2025-01-08", "2025-01-08", "day"),
        ("last year", THURSDAY, "2023", "2023", "year"),
        ("in 2022", THURSDAY, "2022", "2022", "year"),
    ],
)
def test_resolve_phrase(phrase: str, reference: date, start: str, end: str, precision: str) -> None:
    said = resolve_phrase(phrase, reference)
    assert said is not None
    assert (said.start, said.end, said.precision) == (start, end, precision)
    assert said.phrase == phrase.strip()


@pytest.mark.parametrize("phrase", ["daily", "weekly", "every day", "tomorrow", "next week", "the ceasefire", "", "  "])
def test_non_dates_are_none(phrase: str) -> None:
    assert resolve_phrase(phrase, THURSDAY) is None


@pytest.mark.parametrize(
    ("phrase", "reference"),
    [
        ("1000000 weeks ago", THURSDAY),  # before the calendar's first day
        ("99999999999999999999 days ago", THURSDAY),
        ("Feb. 29", date(2024, 1, 15)),  # in the future this year; last year had no 29 February
    ],
)
def test_impossible_dates_are_none_not_errors(phrase: str, reference: date) -> None:
    assert resolve_phrase(phrase, reference) is None


def test_publication_day_is_marked_as_such() -> None:
    said = publication_day(THURSDAY)
    assert (said.start, said.end, said.precision, said.phrase) == ("2024-10-17", "2024-10-17", "publication", None)


_WORDS = st.sampled_from(
    [*MONTHS, *WEEKDAYS, "Oct.", "Sept.", "Dec", "last", "this", "earlier", "week", "weekend", "ago", "days", "in",
     "on", "a", "few", "yesterday", "31", "29", "2024", "0", "99999999999", ",", ".", "-"]
)
_PHRASES = st.one_of(
    st.text(max_size=40),
    st.lists(st.one_of(_WORDS, st.integers(min_value=-(10**12), max_value=10**12).map(str)), max_size=6).map(" ".join),
)


@settings(max_examples=300, deadline=None)
@given(phrase=_PHRASES, reference=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_resolve_phrase_never_raises(phrase: str, reference: date) -> None:
    said = resolve_phrase(phrase, reference)
    if said is not None:
        assert said.precision in ("day", "range", "month", "year")
        assert said.start is not None and said.end is not None and said.start <= said.end
        assert said.phrase == phrase.strip()
