"""Single-line tests for page furniture: interface labels, copyright lines, captions."""

from __future__ import annotations

import pytest

from claimwatch.extract import clutter


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("기사 이미지 확대 보기", True),
        ("닫기", True),
        ("Enlarge image", True),
        ("Close", True),
        ("CLOSE ×", True),
        ("Share this article", True),
        ("Facebook Twitter Email", True),
        ("Facebook  Twitter  WhatsApp  Copy link", True),
        ("Artikel teilen", True),
        ("Fermer", True),
        ("Partager", True),
        ("Cerrar", True),
        ("Закрыть", True),
        ("閉じる", True),
        ("Advertisement", True),
        ("•••", True),
        ("|", True),
        ("The minister said the talks would close on Friday.", False),
        ("Close allies of the mayor denied the report.", False),
        ("Twitter users shared the video widely.", False),
        ("Share prices fell", False),
        ("Home › World › Europe", True),
        ("National > Defense", True),
        ("Terms of use | Privacy policy | Cookie settings | Contact us", True),
        ("| 11 | Kalven Harbour FC | 2274 | 0 |", False),  # a table row is content
        ("Kalven | Essport | Arnhal", True),
        ("Prices rose > 5% in Kalven | analysts said the rise | was expected by the bank last week", False),
        ("", False),
    ],
)
def test_is_interface_line(line: str, expected: bool) -> None:
    assert clutter.is_interface_line(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("© 2025 Meridian Wire. All rights reserved.", True),
        ("(c) 2025 Harbor Post", True),
        ("Copyright 2024-2025 Ostravia Today", True),
        ("All rights reserved.", True),
        ("Read more: Kalven port strike enters third day", True),
        ("Sign up for our morning briefing", True),
        ("Related: Grain prices climb", True),
        ("Copyright ⓒ Selmara Herald. All rights reserved.", True),
        ("Tags: Kestria  Foreign Ministry  Ostravia", True),
        ("Our Standards: The Meridian Wire Trust Principles.", True),
        ("Purchase Licensing Rights", True),
        ("Ostravia Today is an independent newsroom funded by its readers. Support us from 50 a month.", True),
        ("lenaorvik@selmaraherald.example", True),
        ("This article was printed from https://northgate-daily.example/world/x", True),
        ("Write to lenaorvik@selmaraherald.example with tips about the harbour strike.", False),
        ("The copyright dispute went to court on Monday, lawyers for both publishers said.", False),
        ("He said all rights reserved for the people were at stake. " * 3, False),  # long prose is not furniture
    ],
)
def test_is_furniture_line(line: str, expected: bool) -> None:
    assert clutter.is_furniture_line(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Mayor Ingrid Solvang speaks at the town hall in Nordby on March 3, 2025. Meridian Wire photo", True),
        ("Residents wade through a flooded street in Nordby. (Reuters)", True),
        ("Rescue teams search the harbour on Monday. AP Photo/Lena Orvik", True),
        ("Minister Rolf Ekdahl arrives at parliament. Yonhap", True),
        ("Dockworkers gather at the gate. Getty Images", True),
        ('"We will not stop," she told Reuters', False),
        ("The agency said the figures came from Reuters.", False),
    ],
)
def test_has_caption_credit(line: str, expected: bool) -> None:
    assert clutter.has_caption_credit(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Mayor Ingrid Solvang speaks at the town hall in Nordby on March 3, 2025.", True),
        ("Finance Minister Rolf Ekdahl arrives for a cabinet meeting in Kalven.", True),
        ('"We will not stand by," Solvang said.', False),
        ("The council voted 12 to 3 to delay the project until the spring budget.", False),
    ],
)
def test_looks_like_photo_description(line: str, expected: bool) -> None:
    assert clutter.looks_like_photo_description(line) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (
            "Mayor Ingrid Solvang speaks at the town hall in Nordby on March 3 2025 Meridian Wire",
            "Mayor Ingrid Solvang speaks at the town hall in Nordby on March 3, 2025. Meridian Wire",
            True,
        ),
        (
            "Mayor Ingrid Solvang speaks at the town hall in Nordby on March 3, 2025.",
            "Mayor Ingrid Solvang speaks at the town hall in Nordby on March 3, 2025. Meridian Wire photo",
            True,
        ),
        ("Close", "Close", False),  # too short to call a repeated caption
        ("The council met on Monday.", "Shipping firms said prices would rise.", False),
        ("", "anything", False),
    ],
)
def test_near_duplicate(a: str, b: str, expected: bool) -> None:
    assert clutter.near_duplicate(a, b) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The harbour", "LATIN"),
        ("기사 이미지 확대 보기", "HANGUL"),
        ("Закрыть", "CYRILLIC"),
        ("12345 !?", None),
        ("Kalven 항만청은 화요일 밝혔다", "HANGUL"),
    ],
)
def test_dominant_script(text: str, expected: str | None) -> None:
    assert clutter.dominant_script(text) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Most read", True),
        ("MOST POPULAR", True),
        ("Related coverage", True),
        ("You may also like...", True),
        ("Mehr zum Thema", True),
        ("Lire aussi", True),
        ("관련 기사", True),
        ("Tags: Kestria, Ostravia", True),
        ("Read more:", True),
        ("Most people in Kalven read the harbour news.", False),
        ("Related talks will resume on Friday, the ministry said.", False),
    ],
)
def test_is_section_heading(line: str, expected: bool) -> None:
    assert clutter.is_section_heading(line) is expected
