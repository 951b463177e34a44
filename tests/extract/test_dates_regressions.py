"""Stamps that once parsed wrong: a zone before the date, dotted dates, a date with no year."""

from __future__ import annotations

from datetime import datetime

import pytest

from claimwatch.extract.dates import parse_time, to_iso


@pytest.mark.parametrize(
    ("stamp", "expected"),
    [
        ("09:15 GMT 18 October 2024", "2024-10-18T09:15:00+00:00"),
        ("15:08 UTC, 17 Oct 2024", "2024-10-17T15:08:00+00:00"),
        ("17 Oct 2024 15:08GMT+3", "2024-10-17T15:08:00+03:00"),
        ("Posted 17.10.2024", "2024-10-17"),
        ("2024.10.17", "2024-10-17"),
    ],
)
def test_stamps(stamp: str, expected: str) -> None:
    assert to_iso(parse_time(stamp), "Europe/Kyiv") == expected


def test_a_date_without_a_year_is_never_far_in_the_future() -> None:
    parsed = parse_time("Dec. 31 10:00")
    assert parsed.value.replace(tzinfo=None) <= datetime.now().replace(year=datetime.now().year + 1)
    assert parsed.value.replace(tzinfo=None).toordinal() <= datetime.now().toordinal() + 2
