"""The plain-text article parser: what copy-pasted news carries above and around the story.

Recognises a title line, bylines ("By NAME", "NAME, Reuters", "By NAME | Outlet"),
"Posted : ... Updated : ..." stamps, datelines ("SEOUL, October 17 (AJP) -",
"KYIV (Reuters) --", "МОСКВА, 7 октября. /ТАСС/.", "(서울=연합뉴스)"), photo captions (also a caption
repeated with and without its credit) and page-interface lines in any language, and separates them from the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from claimwatch.extract import clutter
from claimwatch.extract.dates import SLAVIC_MONTH, ParsedTime, parse_time, split_stamps

MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_PLACE_CAPS = r"[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.\-]*(?:\s+[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.\-]*){0,3}"
_PLACE_TITLE = r"[A-Z][a-zà-ÿ'’.\-]+(?:\s+[A-Z][a-zà-ÿ'’.\-]+){0,2}"
DATELINE = re.compile(
    rf"""^(?P<place>{_PLACE_CAPS}|{_PLACE_TITLE})
    (?:,\s*(?!{MONTH}\s*\d)(?P<region>[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+){{0,2}}))?
    (?:,?\s*(?P<date>{MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{MONTH}(?:\s+\d{{4}})?))?
    \s*(?:\((?P<credit>[^()]{{1,40}})\))?
    \s*(?P<dash>--|[-–—:])\s+(?=\S)""",
    re.X,
)
# Korean wire copy: "(서울=연합뉴스) 홍길동 기자 = ", "(워싱턴=연합뉴스) 김철수 특파원 = ".
KOREAN_DATELINE = re.compile(
    r"^\((?P<place>[^=()\s][^=()]{0,20})=(?P<credit>[^()=]{1,30})\)\s*"
    r"(?:[가-힣]{2,4}(?:\s*[·,]\s*[가-힣]{2,4})*\s*(?:기자|특파원)\s*)?=?\s*"
)
# Russian and Ukrainian wire copy: "МОСКВА, 7 октября. /ТАСС/.", "МОСКВА, 7 окт - Интерфакс.", "КИЇВ, 6 березня.".
_CYRILLIC_CAPS = r"[А-ЯЁІЇЄҐ][А-ЯЁІЇЄҐ'’\-]+"
CYRILLIC_DATELINE = re.compile(
    rf"""^(?P<place>{_CYRILLIC_CAPS}(?:\s+{_CYRILLIC_CAPS}){{0,3}}),
    \s*(?P<date>\d{{1,2}}\s+(?:{SLAVIC_MONTH})(?!\w)\.?)(?:\s+\d{{4}})?
    (?:\s*[-–—]\s*(?P<wire>[^\s.][^.]{{0,29}})\.|\.\s*(?:/(?P<credit>[^/]{{1,30}})/\.?)?)
    \s+(?=\S)""",
    re.X,
)
_NAME_TOKEN = r"(?:[A-ZÀ-ÖØ-ÞĀ-ž][\w'’\-]*\.?|(?:van|von|de|da|del|der|bin|al|el|la|le|di|du)(?:-[A-Z][\w'’\-]*)?)"
PERSON_NAME = re.compile(rf"^{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{1,4}}$")
_BYLINE_PREFIX = re.compile(r"^(?:by|written by|words by|reporting by|von|par|por)\s+", re.I)
_NAME_SEPARATORS = re.compile(r"\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b)\s*")
_OUTLET_WORDS = re.compile(
    r"\b(?:Wire|News|Press|Agency|Post|Times|Herald|Daily|Tribune|Journal|Gazette|Telegraph|Review|"
    r"Reuters|Bloomberg|Service|Network|Broadcasting|Radio|TV|Television|Online|Today|Report|Monitor)\b"
)
_SENTENCE_END = re.compile(r"[.!?]['\"”’)]*$|[\"”’]$")
_ENDS_SENTENCE = re.compile(r"[.!?。][\"'”’)]*$")  # a headline has no full stop; a paragraph of prose does


@dataclass
class TextHeader:
    """What the header lines of a plain-text article said."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    byline_outlets: list[str] = field(default_factory=list)
    stamps: dict[str, ParsedTime] = field(default_factory=dict)
    copyright_outlet: str | None = None


@dataclass
class Dateline:
    place: str
    text: str  # as printed, dash included
    region: str | None = None
    date: str | None = None
    credit: str | None = None


@dataclass
class ParsedText:
    header: TextHeader
    paragraphs: list[str]
    dateline: Dateline | None
    removed: list[str]


def split_units(text: str) -> list[str]:
    """Paragraphs: one per line, or blank-line blocks joined when the text is hard-wrapped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    blocks = [block.split("\n") for block in re.split(r"\n\s*\n", text)]
    blocks = [[line.strip() for line in block if line.strip()] for block in blocks]
    blocks = [block for block in blocks if block]
    multi = [block for block in blocks if len(block) > 1]
    # Hard-wrapped text has no line wider than its wrap width, and the lines a wrap broke
    # are nearly that wide; short lines stacked together are captions and page buttons.
    width = max((len(line) for block in blocks for line in block), default=0)
    broken = [line for block in multi for line in block[:-1]]
    wrapped = (
        len(multi) >= 2
        and width <= 100
        and sum(len(line) >= 0.6 * width for line in broken) >= 2 * len(broken) / 3
    )
    if wrapped:
        return [" ".join(block) for block in blocks]
    return [line for block in blocks for line in block]


def match_dateline(paragraph: str) -> Dateline | None:
    korean = KOREAN_DATELINE.match(paragraph)
    if korean:
        return Dateline(place=korean.group("place").strip(), text=korean.group(0).strip(), region=None, date=None,
                        credit=korean.group("credit").strip())
    if cyrillic := CYRILLIC_DATELINE.match(paragraph):
        credit = cyrillic.group("credit") or cyrillic.group("wire")
        return Dateline(place=cyrillic.group("place"), text=cyrillic.group(0).strip(), date=cyrillic.group("date"),
                        credit=credit.strip() if credit else None)
    match = DATELINE.match(paragraph)
    if not match:
        return None
    place = match.group("place").strip()
    credit = match.group("credit")
    all_caps = place.upper() == place and sum(ch.isalpha() for ch in place) >= 3
    if not all_caps and not (credit and match.group("dash") != ":"):
        return None  # "Meanwhile, the ..." must not pass for "SEOUL -"
    if match.group("dash") == ":" and not credit:
        return None
    return Dateline(
        place=place.rstrip(".").strip(),
        text=match.group(0).strip(),
        region=match.group("region"),
        date=match.group("date"),
        credit=credit.strip() if credit else None,
    )


def parse_byline(line: str) -> tuple[list[str], list[str]] | None:
    """Authors and outlet credits of a byline, or ``None`` if the line is not one."""
    has_prefix = bool(_BYLINE_PREFIX.match(line))
    rest = _BYLINE_PREFIX.sub("", line).strip()
    outlets: list[str] = []
    for separator in (" | ", " - ", " — ", " / "):
        if separator in rest:
            rest, _, outlet = rest.partition(separator)
            outlets.append(outlet.strip())
    parts = [part.strip() for part in _NAME_SEPARATORS.split(rest) if part and part.strip()]
    if not parts:
        return None
    names = [part for part in parts if PERSON_NAME.match(part) and not _OUTLET_WORDS.search(part)]
    others = [part for part in parts if part not in names]
    if not has_prefix:
        # "Lena Orvik, Meridian Wire": a name, then exactly one outlet-like credit.
        if not names or len(others) != 1 or not _looks_like_outlet(others[0]) or len(line.split()) > 12:
            return None
    elif not names:
        return None
    outlets.extend(other for other in others if _looks_like_outlet(other))
    return names, outlets


def _looks_like_outlet(text: str) -> bool:
    return bool(_OUTLET_WORDS.search(text)) or (text.isupper() and 2 <= len(text) <= 8)


MAX_TITLE_WORDS = 30  # a first paragraph longer than this is the story, not its headline


def is_prose(paragraph: str) -> bool:
    words = len(paragraph.split())
    return words >= 8 and bool(_SENTENCE_END.search(paragraph)) and not clutter.has_caption_credit(paragraph)


def parse_text(text: str, default_year: int | None = None, given_title: str | None = None) -> ParsedText:
    """``given_title``: the headline the source gave beside the text (a JSON Lines field), which such a text
    need not repeat: its first paragraph is then body unless it is that headline."""
    units = split_units(text)
    header = TextHeader()
    removed: list[str] = []
    body_start = _find_body_start(units, given_title)
    dateline = match_dateline(units[body_start]) if body_start < len(units) else None
    for unit in units[:body_start]:
        if clutter.is_interface_line(unit) or clutter.is_furniture_line(unit):
            removed.append(unit)
        elif read_header_line(unit, header, default_year):
            continue
        elif header.title is None and not clutter.has_caption_credit(unit):
            header.title = unit
        else:
            removed.append(unit)  # captions and credits between the headline and the story
    paragraphs = clean_body(units[body_start:], header, removed, default_year)
    return ParsedText(header=header, paragraphs=paragraphs, dateline=dateline, removed=removed)


def _find_body_start(units: list[str], given_title: str | None = None) -> int:
    """The first body paragraph: a dateline paragraph, else the first prose after the title; the very first
    when it is prose that cannot be a headline (too long, or not the headline the source gave)."""
    window = units[:20]
    for index, unit in enumerate(window):
        if match_dateline(unit) and len(unit.split()) >= 6:
            return index
    if window and is_prose(window[0]) and (
        len(window[0].split()) > MAX_TITLE_WORDS or (given_title and not clutter.near_duplicate(window[0], given_title))
    ):
        return 0
    seen_title = False
    for index, unit in enumerate(window):
        if not seen_title:
            seen_title = not (parse_byline(unit) or split_stamps(unit)[1])
            continue
        if (
            is_prose(unit)
            and not clutter.looks_like_photo_description(unit)
            and not parse_byline(unit)
            and not _duplicates_neighbour(units, index)
        ):
            return index
    return 1 if len(units) > 1 else 0


def _duplicates_neighbour(units: list[str], index: int) -> bool:
    neighbours = units[max(0, index - 1) : index] + units[index + 1 : index + 2]
    return any(clutter.near_duplicate(units[index], other) for other in neighbours)


def read_header_line(line: str, header: TextHeader, default_year: int | None = None) -> bool:
    """Take a byline and/or stamp line into ``header``; ``False`` if the line is neither."""
    prefix, stamps = split_stamps(line)
    parsed_stamps = {label: parse_time(value, default_year) for label, value in stamps}
    parsed_stamps = {label: value for label, value in parsed_stamps.items() if value}
    byline = parse_byline(prefix) if prefix else None
    if not parsed_stamps and byline is None:
        if header.title is not None and (stamp := parse_time(line, default_year)) and _is_bare_date(line):
            header.stamps.setdefault("published", stamp)
            return True
        return False
    if prefix and byline is None and parsed_stamps and header.title is None:
        return False  # a headline that happens to contain "updated"
    for label, value in parsed_stamps.items():
        key = "updated" if re.search(r"updat|modif|수정|обновл|оновл", label) else "published"
        header.stamps.setdefault(key, value)
    if byline:
        names, outlets = byline
        header.authors.extend(name for name in names if name not in header.authors)
        header.byline_outlets.extend(outlets)
    return True


def _is_bare_date(line: str) -> bool:
    """A line that is only a date and time ("March 7, 2025 8:15 AM")."""
    # Two lower-case words: "Вибори президента 2025" is a headline, "Friday March 7, 2025" a date.
    two_words = re.search(r"[a-zа-яёіїєґ]{4,}\s+[a-zа-яёіїєґ]{4,}", line)
    return len(line.split()) <= 8 and bool(re.search(r"\d{4}", line)) and not two_words


def clean_body(
    units: list[str], header: TextHeader, removed: list[str], default_year: int | None = None
) -> list[str]:
    body_script = clutter.dominant_script(" ".join(units))
    kept: list[str] = []
    in_list = False  # under a "Most read" / "Related" heading: the headlines of other stories
    for index, unit in enumerate(units):
        if clutter.is_section_heading(unit):
            in_list = True
            removed.append(unit)
            continue
        in_list = in_list and len(unit.split()) < 20 and not _ENDS_SENTENCE.search(unit)
        if in_list:
            removed.append(unit)
            if clutter.is_furniture_line(unit):
                header.copyright_outlet = header.copyright_outlet or _copyright_holder(unit)
        elif clutter.is_interface_line(unit):
            removed.append(unit)
        elif clutter.is_furniture_line(unit):
            removed.append(unit)
            header.copyright_outlet = header.copyright_outlet or _copyright_holder(unit)
        elif _is_foreign_short_line(unit, body_script) or (
            index > 0 and clutter.has_caption_credit(unit) and not is_prose(unit)
        ):
            removed.append(unit)  # interface text in another script, photo captions
        elif index > 0 and not kept and read_header_line(unit, header, default_year) and len(unit.split()) < 25:
            continue
        else:
            kept.append(unit)
    return kept


def _is_foreign_short_line(unit: str, body_script: str | None) -> bool:
    """Interface text in another writing system than the article ("기사 이미지 확대 보기" under English)."""
    script = clutter.dominant_script(unit)
    return script is not None and script != body_script and len(unit) <= 40 and not _SENTENCE_END.search(unit)


def _copyright_holder(line: str) -> str | None:
    match = re.search(
        r"(?:©|ⓒ|\(c\)|copyright)(?:\s*(?:©|ⓒ|\(c\)))?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*"
        r"([^.|]+?)(?:\.|\||all rights|$)",
        line,
        re.I,
    )
    holder = match.group(1).strip(" ,") if match else ""
    return holder or None
