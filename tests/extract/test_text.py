"""The plain-text parser: paragraphs, datelines, bylines and the header above the story."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimwatch.extract.text import match_dateline, parse_byline, parse_text, split_units

LEDE = (
    "The harbour authority of Kalven said on Tuesday it would consider a new tariff on grain shipments "
    "passing through the port, citing congestion at the northern quay."
)
QUOTE = '"We cannot keep absorbing these costs," said deputy harbour master Ilse Brandvold on Tuesday.'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One paragraph.\nTwo paragraph.\n", ["One paragraph.", "Two paragraph."]),
        ("One.\n\n\n\nTwo.", ["One.", "Two."]),
        ("One.\r\n\r\nTwo.\rThree.", ["One.", "Two.", "Three."]),
        ("  indented line  \n\u00a0\nnext", ["indented line", "next"]),
        ("A\u00a0B", ["A B"]),
        ("", []),
        ("\n \n\t\n", []),
        (
            # hard-wrapped at ~70 columns, paragraphs separated by blank lines
            "The national parliament approved the annual budget early on Tuesday\n"
            "after an all-night session, the speaker's office said.\n\n"
            "Finance Minister Rolf Ekdahl told reporters the budget would restore\n"
            "confidence in public finances.\n\n"
            "The vote was 88 to 71.",
            [
                "The national parliament approved the annual budget early on Tuesday after an all-night session, "
                "the speaker's office said.",
                "Finance Minister Rolf Ekdahl told reporters the budget would restore confidence in public finances.",
                "The vote was 88 to 71.",
            ],
        ),
        (
            # short lines stacked under a one-line-per-paragraph story are not a hard wrap
            f"Enlarge image\nClose\nShare this article\n\n{LEDE}\n\nArtikel teilen\nFermer\n\n{QUOTE}\n"
            "© 2025 Meridian Wire. All rights reserved.",
            ["Enlarge image", "Close", "Share this article", LEDE, "Artikel teilen", "Fermer", QUOTE,
             "© 2025 Meridian Wire. All rights reserved."],
        ),
    ],
    ids=["lines", "blank-runs", "crlf", "nbsp-blank", "nbsp", "empty", "blank", "hard-wrapped", "stacked-buttons"],
)
def test_split_units(text: str, expected: list[str]) -> None:
    assert split_units(text) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_split_units_never_crashes_and_keeps_every_word(text: str) -> None:
    units = split_units(text)
    for unit in units:
        assert unit == unit.strip()
        assert unit
        assert "\n" not in unit and "\r" not in unit
    normalised = text.replace("\u00a0", " ")
    assert "".join("".join(units).split()) == "".join(normalised.split())


@pytest.mark.parametrize(
    ("paragraph", "place", "credit", "date", "region", "text"),
    [
        (f"SEOUL, October 17 (AJP) - {LEDE}", "SEOUL", "AJP", "October 17", None, "SEOUL, October 17 (AJP) -"),
        (f"KYIV (Reuters) -- {LEDE}", "KYIV", "Reuters", None, None, "KYIV (Reuters) --"),
        (f"WASHINGTON — {LEDE}", "WASHINGTON", None, None, None, "WASHINGTON —"),
        (f"KALVEN, Ostravia — {LEDE}", "KALVEN", None, None, "Ostravia", "KALVEN, Ostravia —"),
        (f"Seoul, Oct. 17 (Yonhap) -- {LEDE}", "Seoul", "Yonhap", "Oct. 17", None, "Seoul, Oct. 17 (Yonhap) --"),
        (f"NEW YORK, March 4 (Meridian) - {LEDE}", "NEW YORK", "Meridian", "March 4", None, None),
        (f"PORT ELIN, Ostravia, March 4 — {LEDE}", "PORT ELIN", None, "March 4", "Ostravia", None),
        (f"SAN JOSÉ, Costa Rica – {LEDE}", "SAN JOSÉ", None, None, "Costa Rica", None),
        (f"KALVEN, 4 March 2025 (Harbor Post) — {LEDE}", "KALVEN", "Harbor Post", "4 March 2025", None, None),
        (f"U.S. (Meridian) - {LEDE}", "U.S", "Meridian", None, None, None),
    ],
)
def test_match_dateline(
    paragraph: str, place: str, credit: str | None, date: str | None, region: str | None, text: str | None
) -> None:
    dateline = match_dateline(paragraph)
    assert dateline is not None
    assert (dateline.place, dateline.credit, dateline.date, dateline.region) == (place, credit, date, region)
    assert paragraph.startswith(dateline.text)
    if text:
        assert dateline.text == text


@pytest.mark.parametrize(
    "paragraph",
    [
        LEDE,
        "Meanwhile, the ministry said — without evidence — that the report was false.",
        "Kalven — the capital — was quiet on Tuesday.",
        "Note: this story has been updated.",
        "UPDATE: the council has postponed the vote.",  # a colon needs an agency credit to be a dateline
        "KALVEN",
        "",
    ],
)
def test_not_a_dateline(paragraph: str) -> None:
    assert match_dateline(paragraph) is None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_match_dateline_never_crashes_and_is_a_prefix(paragraph: str) -> None:
    dateline = match_dateline(paragraph)
    if dateline is not None:
        assert paragraph.startswith(dateline.text)
        assert dateline.place


@pytest.mark.parametrize(
    ("line", "authors", "outlets"),
    [
        ("By Mara Kessel", ["Mara Kessel"], []),
        ("by Mara Kessel", ["Mara Kessel"], []),
        ("By Mara Kessel and Jonas Petrov", ["Mara Kessel", "Jonas Petrov"], []),
        ("By Lena Orvik, Jonas Petrov and Ada Mwangi", ["Lena Orvik", "Jonas Petrov", "Ada Mwangi"], []),
        ("By Lena Orvik & Jonas Petrov", ["Lena Orvik", "Jonas Petrov"], []),
        ("Lena Orvik, Reuters", ["Lena Orvik"], ["Reuters"]),
        ("Lena Orvik, Meridian Wire", ["Lena Orvik"], ["Meridian Wire"]),
        ("By Lena Orvik | Meridian Wire", ["Lena Orvik"], ["Meridian Wire"]),
        ("By Mara Kessel, Harbor Post", ["Mara Kessel"], ["Harbor Post"]),
        ("By Nguyen Van An | VNA", ["Nguyen Van An"], ["VNA"]),
        ("By Im Ha-neul", ["Im Ha-neul"], []),
        ("By ANNA KOVAL", ["ANNA KOVAL"], []),
        ("By Jean-Luc de la Croix", ["Jean-Luc de la Croix"], []),
        ("By Ahmed al-Rashidi and Pieter van der Berg", ["Ahmed al-Rashidi", "Pieter van der Berg"], []),
        ("Von Katrin Albers", ["Katrin Albers"], []),
        ("Par Élodie Marchand", ["Élodie Marchand"], []),
    ],
)
def test_parse_byline(line: str, authors: list[str], outlets: list[str]) -> None:
    assert parse_byline(line) == (authors, outlets)


@pytest.mark.parametrize(
    "line",
    [
        "Harbour authority weighs new tariff on grain shipments",
        LEDE,
        "By the end of the week",
        "The minister, Reuters reported",
        "Share this article",
        "",
    ],
)
def test_not_a_byline(line: str) -> None:
    assert parse_byline(line) is None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=100))
def test_parse_byline_never_crashes(line: str) -> None:
    parsed = parse_byline(line)
    if parsed is not None:
        authors, outlets = parsed
        assert authors
        assert all(isinstance(name, str) and name for name in authors + outlets)


def _header(text: str):
    parsed = parse_text(text)
    header = parsed.header
    stamps = {key: value.value.isoformat() for key, value in header.stamps.items()}
    return parsed, header, stamps


@pytest.mark.parametrize(
    ("head", "authors", "outlets", "stamps"),
    [
        (
            "By Im Ha-neul Posted : October 17, 2024, 15:08 Updated : October 17, 2024, 15:32",
            ["Im Ha-neul"],
            [],
            {"published": "2024-10-17T15:08:00", "updated": "2024-10-17T15:32:00"},
        ),
        (
            "By Im Ha-neul\n\nPosted : October 17, 2024, 15:08 Updated : October 17, 2024, 15:32",
            ["Im Ha-neul"],
            [],
            {"published": "2024-10-17T15:08:00", "updated": "2024-10-17T15:32:00"},
        ),
        (
            "By Mara Kessel | Harbor Post\nPublished: 04 Mar 2025 09:12 GMT",
            ["Mara Kessel"],
            ["Harbor Post"],
            {"published": "2025-03-04T09:12:00+00:00"},
        ),
        (
            "Lena Orvik, Reuters\n4 March 2025, 08:31 GMT",
            ["Lena Orvik"],
            ["Reuters"],
            {"published": "2025-03-04T08:31:00+00:00"},
        ),
        (
            "By Anton Grell\nUpdated 5 March 2025, 11:30 UTC+3",
            ["Anton Grell"],
            [],
            {"updated": "2025-03-05T11:30:00+03:00"},
        ),
        (
            "By Mara Kessel and Jonas Petrov\n\nPublished: 04 Mar 2025 09:12 GMT\nUpdated: 04 Mar 2025 17:40 GMT",
            ["Mara Kessel", "Jonas Petrov"],
            [],
            {"published": "2025-03-04T09:12:00+00:00", "updated": "2025-03-04T17:40:00+00:00"},
        ),
    ],
    ids=["stamps-on-byline", "stamps-own-line", "pipe-outlet", "name-comma-wire", "utc-plus-3", "two-authors"],
)
def test_header_styles(head: str, authors: list[str], outlets: list[str], stamps: dict[str, str]) -> None:
    text = f"Harbour authority weighs new tariff on grain shipments\n\n{head}\n\nKALVEN, Ostravia — {LEDE}\n\n{QUOTE}\n"
    parsed, header, found_stamps = _header(text)
    assert header.title == "Harbour authority weighs new tariff on grain shipments"
    assert header.authors == authors
    assert header.byline_outlets == outlets
    assert found_stamps == stamps
    assert parsed.paragraphs == [f"KALVEN, Ostravia — {LEDE}", QUOTE]
    assert parsed.dateline is not None and parsed.dateline.place == "KALVEN"


def test_repeated_caption_with_and_without_credit_is_removed() -> None:
    caption = "Mayor Ingrid Solvang speaks at the town hall in Nordby on March 3 2025"
    text = (
        "Storm floods coastal villages in the north\n\n"
        f"By Tomas Ferreira Posted : March 4, 2025, 09:12\n \n{caption} Meridian Wire\n"
        f"{caption.replace(' 2025', ', 2025.')} Meridian Wire\n"
        f"NORDBY, Ostravia — {LEDE}\n\n{QUOTE}\n기사 이미지 확대 보기\n닫기\n"
    )
    parsed = parse_text(text)
    assert parsed.header.title == "Storm floods coastal villages in the north"
    assert parsed.header.authors == ["Tomas Ferreira"]
    assert parsed.paragraphs == [f"NORDBY, Ostravia — {LEDE}", QUOTE]
    assert len(parsed.removed) == 4
    assert all(caption[:30] in line for line in parsed.removed[:2])


def test_caption_without_dateline_before_the_lede() -> None:
    text = (
        "Storm floods coastal villages in the north\n\nBy Tomas Ferreira\n\n"
        "Residents wade through a flooded street in Nordby on March 3, 2025. (Meridian Wire photo)\n\n"
        f"{LEDE}\n\n{QUOTE}\n"
    )
    parsed = parse_text(text)
    assert parsed.paragraphs == [LEDE, QUOTE]
    assert parsed.dateline is None
    assert any(line.startswith("Residents wade") for line in parsed.removed)


@pytest.mark.parametrize(
    "interface",
    [
        ["기사 이미지 확대 보기", "닫기"],
        ["Enlarge image", "Close"],
        ["Share this article", "Facebook Twitter Email"],
        ["Artikel teilen", "Schließen"],
        ["Partager", "Fermer"],
        ["© 2025 Harbor Post. All rights reserved."],
    ],
)
@pytest.mark.parametrize("where", ["header", "middle", "end"])
def test_interface_lines_are_removed_anywhere(interface: list[str], where: str) -> None:
    block = "\n".join(interface)
    parts = ["Harbour authority weighs new tariff on grain shipments", "By Petra Lindqvist", LEDE, QUOTE]
    position = {"header": 2, "middle": 3, "end": 4}[where]
    parts.insert(position, block)
    parsed = parse_text("\n\n".join(parts))
    assert parsed.paragraphs == [LEDE, QUOTE]
    assert parsed.removed == interface


@pytest.mark.parametrize(
    "line",
    [
        "© 2025 Harbor Post. All rights reserved.",
        "Copyright ⓒ Harbor Post. All rights reserved.",
        "ⓒ 2025 Harbor Post",
        "Copyright (c) 2019-2025, Harbor Post | Privacy | Terms",
        "(c) Harbor Post",
    ],
)
def test_copyright_line_names_the_outlet(line: str) -> None:
    parsed = parse_text(f"Harbour strike\n\n{LEDE}\n\n{QUOTE}\n\n{line}")
    assert parsed.header.copyright_outlet == "Harbor Post"
    assert parsed.paragraphs == [LEDE, QUOTE]


@pytest.mark.parametrize(
    "lists",
    [
        "Read more:\nNarvenia pledges 400 million in air-defence aid\nValdoria claims capture of two villages",
        "Related Articles\nNIB 'working with Ostravia' on troop reports\nOpinion: Selmara cannot stay neutral",
        'Most read\n1. Tram fares in Essport to rise 12%\nCitadel: reports are "a fabrication from start to finish"',
        "Mehr zum Thema\nKestria bestreitet Truppenentsendung\nAldenland verlängert Ausbildungsmission",
        "Tags: Kestria  Foreign Ministry  Ostravia\nSubscribe to VNA on Telegram",
    ],
)
@pytest.mark.parametrize("where", ["middle", "end"])
def test_lists_of_other_stories_are_removed(lists: str, where: str) -> None:
    tail = "© 2025 Harbor Post. All rights reserved.\nTerms of use | Privacy policy | Cookie settings"
    parts = ["Harbour strike", "By Petra Lindqvist", LEDE, lists, QUOTE] if where == "middle" else [
        "Harbour strike", "By Petra Lindqvist", LEDE, QUOTE, lists + "\n" + tail]
    parsed = parse_text("\n\n".join(parts))
    assert parsed.paragraphs == [LEDE, QUOTE]
    assert len(parsed.removed) == len(lists.splitlines()) + (2 if where == "end" else 0)


def test_a_list_ends_at_the_next_paragraph_of_prose() -> None:
    short = "The talks resume on Friday."  # short, but a sentence: the story goes on
    parsed = parse_text("\n".join(["Harbour strike", LEDE, "Related", "Ferry fares rise", short, QUOTE]))
    assert parsed.paragraphs == [LEDE, short, QUOTE]


def test_agency_named_in_a_body_sentence_is_not_a_caption() -> None:
    sentences = [
        "The ministry declined to comment further when contacted by Meridian Wire.",
        '"The report is false from start to finish," a senior ministry official told Reuters.',
        "A spokesman said no orders had been issued, according to AFP.",
    ]
    parsed = parse_text("\n\n".join(["Ministry denies troop report", "By Anton Grell", f"KYIV (Reuters) -- {LEDE}",
                                     *sentences]))
    assert parsed.paragraphs == [f"KYIV (Reuters) -- {LEDE}", *sentences]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=60),
            st.sampled_from(
                ["By Ilse Marten", "Posted : October 17, 2024, 15:08", "KALVEN, Ostravia — ", "닫기", "Close", "", LEDE,
                 QUOTE, "Updated 5 March 2025, 11:30 UTC+3", "Lena Orvik, Reuters", "(Reuters)", "Photo: Meridian Wire"]
            ),
        ),
        max_size=12,
    ).map("\n".join)
)
def test_parse_text_never_crashes_and_keeps_or_removes_every_unit(text: str) -> None:
    parsed = parse_text(text)
    units = split_units(text)
    for paragraph in parsed.paragraphs:
        assert paragraph in units
    assert len(parsed.paragraphs) + len(parsed.removed) <= len(units)


LONG_FIRST_PARAGRAPH = (
    "Dockworkers at the southern harbour of Kalven ended a nine-day strike on Tuesday after the port authority "
    "agreed to raise night-shift pay, restore two rest days a month and review the safety rules that union "
    "leaders said had been ignored since the new cranes arrived last spring."
)
SHORT_FIRST_PARAGRAPH = "Dockworkers at the southern harbour of Kalven ended their strike on Tuesday."
SECOND_PARAGRAPH = "Union leader Mara Kessel said the first ships would sail by Friday."


@pytest.mark.parametrize(
    ("text", "given_title", "title", "first_paragraph"),
    [
        # a story with no headline line: its long first paragraph is not taken for one
        (f"{LONG_FIRST_PARAGRAPH}\n\n{SECOND_PARAGRAPH}", None, None, LONG_FIRST_PARAGRAPH),
        # the source gave the headline beside the text (JSON Lines): a short first paragraph is body too
        (f"{SHORT_FIRST_PARAGRAPH}\n\n{SECOND_PARAGRAPH}", "Kalven dock strike ends", None, SHORT_FIRST_PARAGRAPH),
        # ...unless it is that headline
        (f"Kalven dock strike ends after nine days of talks.\n\n{SHORT_FIRST_PARAGRAPH}\n\n{SECOND_PARAGRAPH}",
         "Kalven dock strike ends after nine days of talks", "Kalven dock strike ends after nine days of talks.",
         SHORT_FIRST_PARAGRAPH),
        # a headline line and no given title: as before
        (f"Kalven dock strike ends\n\n{SHORT_FIRST_PARAGRAPH}\n\n{SECOND_PARAGRAPH}", None, "Kalven dock strike ends",
         SHORT_FIRST_PARAGRAPH),
    ],
)
def test_the_first_paragraph_is_body_unless_it_is_a_headline(text, given_title, title, first_paragraph) -> None:
    parsed = parse_text(text, given_title=given_title)
    assert parsed.header.title == title
    assert parsed.paragraphs[0] == first_paragraph
