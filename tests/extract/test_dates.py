"""Publication stamps and their zones: parse_time, split_stamps, to_iso, offsets."""

from __future__ import annotations

import logging
import warnings
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimwatch.extract.dates import ParsedTime, iso_to_utc, offset_name, parse_time, split_stamps, to_iso


@pytest.mark.parametrize(
    ("text", "expected", "has_zone"),
    [
        ("October 17, 2024, 15:08", "2024-10-17T15:08:00", False),
        ("04 Mar 2025 09:12 GMT", "2025-03-04T09:12:00+00:00", True),
        ("5 March 2025, 11:30 UTC+3", "2025-03-05T11:30:00+03:00", True),
        ("5 March 2025, 11:30 UTC-3", "2025-03-05T11:30:00-03:00", True),
        ("5 March 2025, 11:30 UTC−3", "2025-03-05T11:30:00-03:00", True),  # U+2212 minus sign
        ("5 March 2025 11:30 GMT+05:30", "2025-03-05T11:30:00+05:30", True),
        ("5 March 2025 11:30 GMT+0530", "2025-03-05T11:30:00+05:30", True),
        ("March 7, 2025 8:15 AM KST", "2025-03-07T08:15:00+09:00", True),
        ("March 7, 2025 8:15 p.m. EST", "2025-03-07T20:15:00-05:00", True),
        ("Mar. 7, 2025 | 20:15 CET", "2025-03-07T20:15:00+01:00", True),
        ("Oct. 17, 2024 3:08 p.m. ET", "2024-10-17T15:08:00-04:00", True),  # ET follows daylight saving
        ("Jan. 17, 2025 3:08 p.m. ET", "2025-01-17T15:08:00-05:00", True),
        ("Nov 19, 2019 5:45 AM PT", "2019-11-19T05:45:00-08:00", True),
        ("2025-03-04T09:12:00+01:00", "2025-03-04T09:12:00+01:00", True),
        ("2025-03-04T09:12:00Z", "2025-03-04T09:12:00+00:00", True),
        ("2019-11-25 23:43:03Z", "2019-11-25T23:43:03+00:00", True),
        ("Tuesday, March 4, 2025 at 09:12", "2025-03-04T09:12:00", False),
        ("4 March 2025", "2025-03-04", False),
        ("2025-03-04", "2025-03-04", False),
    ],
)
def test_parse_time(text: str, expected: str, has_zone: bool) -> None:
    parsed = parse_time(text)
    assert parsed is not None
    assert parsed.has_zone is has_zone
    # A naive time is localised to the zone it is given: here a fixed Asia/Kathmandu (+05:45) marks it.
    localised = to_iso(parsed, "Asia/Kathmandu")
    assert localised == (expected if has_zone or len(expected) == 10 else expected + "+05:45")


@pytest.mark.parametrize("sign", ["+", "-"])
@pytest.mark.parametrize("hours", [1, 3, 9, 11])
def test_utc_offsets_keep_their_sign(sign: str, hours: int) -> None:
    """dateutil reads "UTC+3" POSIX-style (inverted); claimwatch must not."""
    parsed = parse_time(f"Updated 5 March 2025, 11:30 UTC{sign}{hours}")
    assert parsed is not None
    assert offset_name(parsed.value) == f"{sign}{hours:02d}:00"


@pytest.mark.parametrize(
    ("text", "has_time"),
    [("October 17, 2024, 15:08", True), ("October 17, 2024", False), ("17 Oct 2024 3 pm", True), ("2024-10-17", False)],
)
def test_has_time(text: str, has_time: bool) -> None:
    parsed = parse_time(text)
    assert parsed is not None
    assert parsed.has_time is has_time


@pytest.mark.parametrize("text", ["", "   ", "no date here", "Share this article", "—", "|||"])
def test_not_a_time(text: str) -> None:
    assert parse_time(text) is None


def test_default_year_fills_a_missing_year() -> None:
    parsed = parse_time("Oct. 17 15:08", default_year=2024)
    assert parsed is not None
    assert parsed.value == datetime(2024, 10, 17, 15, 8)


@pytest.mark.parametrize(
    ("line", "prefix", "stamps"),
    [
        (
            "By Im Ha-neul Posted : October 17, 2024, 15:08 Updated : October 17, 2024, 15:32",
            "By Im Ha-neul",
            [("posted", "October 17, 2024, 15:08"), ("updated", "October 17, 2024, 15:32")],
        ),
        (
            "Posted : October 17, 2024, 15:08 Updated : October 17, 2024, 15:32",
            "",
            [("posted", "October 17, 2024, 15:08"), ("updated", "October 17, 2024, 15:32")],
        ),
        ("Published: 04 Mar 2025 09:12 GMT", "", [("published", "04 Mar 2025 09:12 GMT")]),
        ("Updated 5 March 2025, 11:30 UTC+3", "", [("updated", "5 March 2025, 11:30 UTC+3")]),
        ("By Mara Kessel | Published on March 4, 2025", "By Mara Kessel", [("published", "March 4, 2025")]),
        ("Last updated: 6 March 2025 07:00", "", [("last updated", "6 March 2025 07:00")]),
        ("First published at 09:12, 4 March 2025", "", [("first published", "09:12, 4 March 2025")]),
        ("Harbour talks resume", "Harbour talks resume", []),
    ],
)
def test_split_stamps(line: str, prefix: str, stamps: list[tuple[str, str]]) -> None:
    assert split_stamps(line) == (prefix, stamps)


@pytest.mark.parametrize(
    ("value", "zone", "expected"),
    [
        (datetime(2024, 10, 17, 15, 8), "Asia/Seoul", "2024-10-17T15:08:00+09:00"),
        (datetime(2024, 10, 17, 15, 8), "America/New_York", "2024-10-17T15:08:00-04:00"),  # summer time
        (datetime(2025, 1, 17, 15, 8), "America/New_York", "2025-01-17T15:08:00-05:00"),
        (datetime(2025, 1, 17, 15, 8), "UTC", "2025-01-17T15:08:00+00:00"),
        (datetime(2025, 1, 17, 15, 8), None, "2025-01-17T15:08:00+00:00"),
        (datetime(2025, 1, 17, 15, 8), "Not/AZone", "2025-01-17T15:08:00+00:00"),
    ],
)
def test_to_iso_localises_naive_times(value: datetime, zone: str | None, expected: str) -> None:
    assert to_iso(ParsedTime(value, has_time=True), zone) == expected


def test_to_iso_keeps_a_bare_date_bare() -> None:
    assert to_iso(ParsedTime(datetime(2025, 3, 4), has_time=False), "Asia/Seoul") == "2025-03-04"


@pytest.mark.parametrize(
    ("iso", "expected"),
    [
        ("2024-10-17T15:08:00+09:00", datetime(2024, 10, 17, 6, 8)),
        ("2024-10-17T15:08:00-04:00", datetime(2024, 10, 17, 19, 8)),
        ("2024-10-17", datetime(2024, 10, 17)),
        ("2024-10-17T15:08:00", datetime(2024, 10, 17, 15, 8)),
        (None, None),
        ("", None),
        ("garbage", None),
    ],
)
def test_iso_to_utc(iso: str | None, expected: datetime | None) -> None:
    assert iso_to_utc(iso) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_parse_time_never_crashes(text: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # dateutil warns about zone names it does not know
        parsed = parse_time(text)
    if parsed is not None:
        assert to_iso(parsed, "Asia/Seoul")
        assert parsed.has_zone == (parsed.value.tzinfo is not None)


STAMPISH = st.lists(
    st.sampled_from(
        ["By", " Ilse Marten", " Posted", " : ", "Updated", "Published", "on", " at ", "October 17, 2024", ", ",
         "15:08", " UTC+3", " | ", "GMT", "2025", "x"]
    ),
    max_size=12,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=80), STAMPISH))
def test_split_stamps_never_crashes_and_returns_parts_of_the_line(line: str) -> None:
    prefix, stamps = split_stamps(line)
    assert prefix in line
    for label, value in stamps:
        assert value in line
        assert label.split()[-1].lower() in line.lower()


def test_an_unknown_zone_name_is_logged_once_naming_the_article(extract, make_story, caplog) -> None:
    story = make_story(stamp="Published: 04 Mar 2025 09:12 RC | Updated: 04 Mar 2025 11:40 RC")
    with warnings.catch_warnings(record=True) as caught, caplog.at_level(logging.WARNING, logger="claimwatch"):
        warnings.simplefilter("always")
        article = extract(story, source="reports/rc-story.txt")
    assert [w for w in caught if "tzname" in str(w.message)] == []
    records = [r for r in caplog.records if r.name.startswith("claimwatch")]
    assert len(records) == 1
    assert "reports/rc-story.txt" in records[0].getMessage()
    assert "'RC'" in records[0].getMessage()
    assert article.published.startswith("2025-03-04T09:12")


def test_claimwatch_logs_go_nowhere_unless_configured() -> None:
    assert any(isinstance(h, logging.NullHandler) for h in logging.getLogger("claimwatch").handlers)
