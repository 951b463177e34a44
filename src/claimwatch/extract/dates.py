"""Publication stamps ("Posted : October 17, 2024, 15:08") and their time zones."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import parser as dateutil_parser
from dateutil.tz import gettz, tzoffset, tzutc

# Zone abbreviations news sites print. dateutil knows only UTC/GMT by itself, and
# some abbreviations are ambiguous (IST, CST): these are the news-desk readings.
ZONE_ABBREVIATIONS = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "WET": 0,
    "BST": 3600,
    "IST": 19800,
    "CET": 3600,
    "CEST": 7200,
    "EET": 7200,
    "EEST": 10800,
    "MSK": 10800,
    "TRT": 10800,
    "GST": 14400,
    "PKT": 18000,
    "ICT": 25200,
    "WIB": 25200,
    "SGT": 28800,
    "HKT": 28800,
    "PHT": 28800,
    "AWST": 28800,
    "KST": 32400,
    "JST": 32400,
    "AEST": 36000,
    "AEDT": 39600,
    "NZST": 43200,
    "NZDT": 46800,
    "EST": -18000,
    "EDT": -14400,
    "CST": -21600,
    "CDT": -18000,
    "MST": -25200,
    "MDT": -21600,
    "PST": -28800,
    "PDT": -25200,
}
_TZINFOS = {name: tzoffset(name, seconds) for name, seconds in ZONE_ABBREVIATIONS.items()}
# US desks print the zone without daylight saving ("3:08 p.m. ET"): it follows the calendar.
_TZINFOS.update(
    {
        name: gettz(zone)
        for name, zone in (
            ("ET", "America/New_York"),
            ("CT", "America/Chicago"),
            ("MT", "America/Denver"),
            ("PT", "America/Los_Angeles"),
        )
    }
)
# "UTC+3" / "GMT+09:00": dateutil would read these POSIX-style, with the sign inverted.
_UTC_OFFSET = re.compile(r"(?<![A-Za-z])(?:UTC|GMT)\s*([+\-−])\s*(\d{1,2})(?::?(\d{2}))?\b")
_KOREAN_DAY = re.compile(r"(?:(\d{4})년\s*)?(\d{1,2})월\s*(\d{1,2})일")
_KOREAN_CLOCK = re.compile(r"(?:(오전|오후)\s*)?(\d{1,2})시\s*(?:(\d{1,2})분)?")
# Russian and Ukrainian month names, every case a date prints them in ("6 марта", "6 березня",
# "в марте", "березень") and the Russian desk abbreviations ("7 окт"; the Ukrainian ones are words too:
# "лист", "трав"). dateutil reads only English names.
_SLAVIC_MONTHS = (
    ("январ[ьяюе]|янв|січ(?:ень|ня|ні)", "Jan"),
    ("феврал[ьяюе]|фев|лют(?:ий|ого|ому)", "Feb"),
    ("март[аеу]?|мар|берез(?:ень|ня|ні)", "Mar"),
    ("апрел[ьяюе]|апр|квіт(?:ень|ня|ні)", "Apr"),
    ("ма[йяюе]|трав(?:ень|ня|ні)", "May"),
    ("июн[ьяюе]|июн|черв(?:ень|ня|ні)", "Jun"),
    ("июл[ьяюе]|июл|лип(?:ень|ня|ні)", "Jul"),
    ("август[аеу]?|авг|серп(?:ень|ня|ні)", "Aug"),
    ("сентябр[ьяюе]|сен|сент|верес(?:ень|ня|ні)", "Sep"),
    ("октябр[ьяюе]|окт|жовт(?:ень|ня|ні)", "Oct"),
    ("ноябр[ьяюе]|ноя|нояб|листопад(?:а|і)?", "Nov"),
    ("декабр[ьяюе]|дек|груд(?:ень|ня|ні)", "Dec"),
)
SLAVIC_MONTH = "|".join(pattern for pattern, _ in _SLAVIC_MONTHS)
_SLAVIC_MONTH_WORD = re.compile(rf"(?<!\w)(?:{SLAVIC_MONTH})\.?(?!\w)", re.I)
_SLAVIC_ENGLISH = [(re.compile(rf"(?:{pattern})", re.I), english) for pattern, english in _SLAVIC_MONTHS]
# "2024 г.", "2025 року", "о 16:40", "в 15:20": words around the numbers that only confuse the parser.
_SLAVIC_FILLER = re.compile(r"(?<=\d)\s*(?:г\.|год[аух]?|р\.|року)(?!\w)|(?<!\w)(?:о|в|об|во)(?=\s+\d)", re.I)
_NOISE = re.compile(r"\s*(?:\||•|·)\s*|\b(?:at|on)\b(?=\s+\d)", re.I)
# "15:08", "15h08", "3.15 pm"; not the "17.10" of a dotted date "17.10.2024".
_HAS_TIME = re.compile(r"(?<![\d.])\d{1,2}[:h.]\d{2}(?![.\d])|\d{1,2}\s*[ap]\.?m\b", re.I)
STAMP_LABEL = re.compile(
    r"(?P<label>(?:(?:first\s+)?(?:posted|published|updated|last\s+updated|modified|last\s+modified|created|issued)"
    r"|기사입력|입력|등록|송고시간|송고|최종\s*수정|수정"
    r"|опубликовано|обновлено|дата\s+публикации|опубліковано|оновлено|дата\s+публікації)"
    r"(?:\s+(?:on|at))?)\s*[:：]?\s*",
    re.I,
)


@dataclass(frozen=True, slots=True)
class ParsedTime:
    """A moment as printed: ``value`` is naive when the source gave no zone."""

    value: datetime
    has_time: bool
    unknown_zone: str | None = None  # a zone name printed but not known: ``value`` is then naive

    @property
    def has_zone(self) -> bool:
        return self.value.tzinfo is not None


def parse_time(text: str, default_year: int | None = None) -> ParsedTime | None:
    """Parse one printed date-time; ``None`` when it is not one."""
    cleaned = _UTC_OFFSET.sub(_offset_replacement, _slavic_to_english(_korean_to_numeric(text)))
    cleaned = _NOISE.sub(" ", cleaned).strip(" ,;:-–—")
    if not cleaned or not re.search(r"\d", cleaned):
        return None
    default = datetime(default_year or datetime.now().year, 1, 1)
    unknown: list[str] = []

    def zone(name: str | None, offset: int | None):
        """dateutil's zone lookup; a callable, so an unknown name is noted here rather than warned
        about on the terminal (extract_article logs it, naming the article)."""
        if name in _TZINFOS:
            return _TZINFOS[name]
        if offset is not None:
            return tzutc() if offset == 0 else tzoffset(name, offset)
        if name:
            unknown.append(name)
        return None

    try:
        value = dateutil_parser.parse(cleaned, default=default, tzinfos=zone)
    except (ValueError, OverflowError):
        try:
            value = dateutil_parser.parse(cleaned, default=default, tzinfos=zone, fuzzy=True)
        except (ValueError, OverflowError):
            return None
    if (
        default_year is None
        and not re.search(r"\d{4}", cleaned)
        and value > datetime.now(value.tzinfo) + timedelta(days=2)
    ):
        value = value.replace(year=value.year - 1)  # "Dec. 30" read in January: last December
    return ParsedTime(value, has_time=bool(_HAS_TIME.search(cleaned)), unknown_zone=unknown[-1] if unknown else None)


def _korean_to_numeric(text: str) -> str:
    """ "2025년 03월 06일 오후 3시20분" -> "2025-03-06 3:20 pm" (the parser reads the numbers alone wrongly)."""
    text = _KOREAN_DAY.sub(lambda m: "-".join(filter(None, m.groups())) + " ", text)
    return _KOREAN_CLOCK.sub(_clock, text)


def _slavic_to_english(text: str) -> str:
    """ "6 марта 2025 г., 15:20" -> "6 Mar 2025, 15:20" (the parser alone reads it as 2025-06-01)."""
    text = _SLAVIC_MONTH_WORD.sub(lambda m: _english_month(m.group(0).rstrip(".")), text)
    return _SLAVIC_FILLER.sub(" ", text)


def _english_month(word: str) -> str:
    return next(english for pattern, english in _SLAVIC_ENGLISH if pattern.fullmatch(word))


def _clock(match: re.Match) -> str:
    half = {"오전": " am", "오후": " pm"}.get(match.group(1) or "", "")
    return f"{match.group(2)}:{int(match.group(3) or 0):02d}{half}"


def _offset_replacement(match: re.Match) -> str:
    sign = "-" if match.group(1) in "-−" else "+"
    return f" {sign}{int(match.group(2)):02d}:{match.group(3) or '00'}"


def split_stamps(line: str) -> tuple[str, list[tuple[str, str]]]:
    """Split "By X Posted : A Updated : B" into ("By X", [("posted", A), ("updated", B)])."""
    matches = list(STAMP_LABEL.finditer(line))
    if not matches:
        return line, []
    stamps = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(line)
        label = re.sub(r"\s+(?:on|at)$", "", match.group("label").lower())
        stamps.append((label, line[match.end() : end].strip(" |,;")))
    return line[: matches[0].start()].strip(" |,;"), stamps


def zone_for(name: str | None) -> timezone | ZoneInfo | None:
    """An IANA zone, or a fixed offset written the way ``offset_name`` writes it ("+03:00")."""
    if not name:
        return None
    if offset := re.fullmatch(r"([+-])(\d{2}):(\d{2})", name):
        sign = -1 if offset.group(1) == "-" else 1
        return timezone(sign * timedelta(hours=int(offset.group(2)), minutes=int(offset.group(3))))
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def to_iso(parsed: ParsedTime, zone_name: str | None) -> str:
    """ISO 8601: with the printed zone, else localised to ``zone_name``, else a bare date."""
    value = parsed.value
    if not parsed.has_time and not parsed.has_zone:
        return value.date().isoformat()
    if value.tzinfo is None:
        zone = zone_for(zone_name) or UTC
        value = value.replace(tzinfo=zone)
    return value.isoformat(timespec="seconds")


def offset_name(value: datetime) -> str:
    offset = value.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def iso_to_utc(iso: str | None) -> datetime | None:
    """For sorting and range filters: the UTC moment of an ISO stamp (a bare date is its midnight UTC)."""
    if not iso:
        return None
    try:
        value = datetime.fromisoformat(iso)
    except ValueError:
        try:
            value = datetime.combine(date.fromisoformat(iso[:10]), datetime.min.time())
        except ValueError:
            return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).replace(tzinfo=None)
