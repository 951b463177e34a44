"""When a statement was made: relative phrases resolved against the article's date.

"Wednesday" in a Thursday 17 Oct 2024 article -> 2024-10-16; "last weekend" ->
2024-10-12..2024-10-13; "earlier last week" -> 2024-10-07..2024-10-11; "in June" ->
2024-06; no phrase -> the publication date, marked as such.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from dateutil import parser as dateutil_parser

from claimwatch.records import SaidOn

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]
_MONTH_ABBREVIATIONS = {name[:3]: index + 1 for index, name in enumerate(MONTHS)} | {"sept": 9}
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "a": 1, "several": 3, "few": 3}


def publication_day(reference: date) -> SaidOn:
    return SaidOn(reference.isoformat(), reference.isoformat(), "publication", None)


def resolve_phrase(phrase: str, reference: date) -> SaidOn | None:
    """A date phrase ("last weekend", "on Tuesday", "Oct. 11") as a day, range or month; ``None`` if not one."""
    text = re.sub(r"[^\w\s]", " ", phrase.casefold())
    text = re.sub(r"\s+", " ", text).strip()
    for rule in (_today, _weekday, _week_range, _weekend, _ago, _month_range, _calendar_day, _month, _year):
        try:
            result = rule(text, reference)
        except (ValueError, OverflowError):  # "104303 weeks ago", "Feb. 29" of a year that has none
            return None
        if result is not None:
            start, end, precision = result
            return SaidOn(start, end, precision, phrase.strip())
    return None


def _day(value: date) -> tuple[str, str, str]:
    return value.isoformat(), value.isoformat(), "day"


def _span(first: date, last: date) -> tuple[str, str, str]:
    return first.isoformat(), last.isoformat(), "range"


def _today(text: str, reference: date):
    if re.search(r"\b(?:today|this (?:morning|afternoon|evening)|tonight|earlier today)\b", text):
        return _day(reference)
    if re.search(r"\b(?:yesterday|last night)\b", text):
        return _day(reference - timedelta(days=1))
    return None


def _weekday(text: str, reference: date):
    """A bare weekday is the latest such day up to the article's own day."""
    match = re.search(r"\b(last |this |on |earlier on |late on )?(" + "|".join(WEEKDAYS) + r")\b", text)
    if not match or re.search(r"\bweek\b", text):
        return None
    days_back = (reference.weekday() - WEEKDAYS.index(match.group(2))) % 7
    if match.group(1) == "last " and days_back == 0:
        days_back = 7
    return _day(reference - timedelta(days=days_back))


def _week_range(text: str, reference: date):
    monday = reference - timedelta(days=reference.weekday())
    if re.search(r"\blast week\b", text):
        first = monday - timedelta(days=7)
        if re.search(r"\b(?:earlier|early|late|later)\b", text):
            return _span(first, first + timedelta(days=4))  # working days
        return _span(first, first + timedelta(days=6))
    if re.search(r"\b(?:this|earlier this) week\b", text):
        return _span(monday, reference)
    return None


def _weekend(text: str, reference: date):
    if not re.search(r"\bweekend\b", text):
        return None
    monday = reference - timedelta(days=reference.weekday())
    if reference.weekday() >= 5 and re.search(r"\bthis weekend\b", text):
        saturday = monday + timedelta(days=5)
        return _span(saturday, saturday + timedelta(days=1))
    saturday = monday - timedelta(days=2)
    return _span(saturday, saturday + timedelta(days=1))


def _ago(text: str, reference: date):
    if re.search(r"\b(?:several|few) days ago\b|\brecent days\b", text):  # vague: a range, not a day
        return _span(reference - timedelta(days=5), reference - timedelta(days=1))
    match = re.search(r"\b(\d+|" + "|".join(_NUMBERS) + r") (day|days|week|weeks) ago\b", text)
    if match:
        amount = int(match.group(1)) if match.group(1).isdigit() else _NUMBERS[match.group(1)]
        days = amount * (7 if match.group(2).startswith("week") else 1)
        return _day(reference - timedelta(days=days))
    if re.search(r"\b(?:days|few days) ago\b|\brecent days\b", text):
        return _span(reference - timedelta(days=5), reference - timedelta(days=1))
    return None


def _month_range(text: str, reference: date):
    if re.search(r"\blast month\b", text):
        last = reference.replace(day=1) - timedelta(days=1)
        return last.strftime("%Y-%m"), last.strftime("%Y-%m"), "month"
    if re.search(r"\b(?:this|earlier this) month\b", text):
        return _span(reference.replace(day=1), reference)
    return None


def _calendar_day(text: str, reference: date):
    month_names = "|".join([*MONTHS, *_MONTH_ABBREVIATIONS])
    day_pattern = rf"\b(?:{month_names})\b \d{{1,2}}\b|\b\d{{1,2}} (?:{month_names})\b|\b\d{{4}} \d{{2}} \d{{2}}\b"
    if not re.search(day_pattern, text):
        return None
    has_year = bool(re.search(r"\b\d{4}\b", text))
    try:
        value = dateutil_parser.parse(text, default=datetime(reference.year, 1, 1), fuzzy=True).date()
    except (ValueError, OverflowError):
        return None
    if not has_year and value > reference + timedelta(days=1):
        value = value.replace(year=value.year - 1)  # "Dec. 28" in a January article
    return _day(value)


def _month(text: str, reference: date):
    match = re.search(r"\b(?:in |last |this |since |early |late |mid )?(" + "|".join(MONTHS) + r")\b", text)
    if not match:
        return None
    month = MONTHS.index(match.group(1)) + 1
    year_match = re.search(r"\b(\d{4})\b", text)
    year = int(year_match.group(1)) if year_match else reference.year - (1 if month > reference.month else 0)
    value = f"{year:04d}-{month:02d}"
    return value, value, "month"


def _year(text: str, reference: date):
    if re.search(r"\blast year\b", text):
        return str(reference.year - 1), str(reference.year - 1), "year"
    match = re.fullmatch(r"(?:in )?(\d{4})", text)
    if match:
        return match.group(1), match.group(1), "year"
    return None
