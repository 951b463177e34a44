"""The extract stage on plain text: metadata resolution, zones, outlets, agencies, paragraphs."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimwatch.errors import InputError
from claimwatch.extract import extract_article
from claimwatch.gazetteer import load_gazetteer
from claimwatch.records import Article, SourceDocument, article_id

LEDE = (
    "The defence ministry on Wednesday denied a newspaper report that troops had been moved toward the "
    "border town of Vessa, calling it a fabrication."
)
SECOND = "A spokesman, Oleg Marin, said no orders had been issued and that the units remained at their bases."


def text_article(head: str, dateline: str = "", paragraphs: tuple[str, ...] = (LEDE, SECOND)) -> str:
    body = [dateline + paragraphs[0], *paragraphs[1:]]
    return "\n\n".join(["Ministry denies report of troop movements near Vessa", head, *body]) + "\n"


def assert_paragraphs_slice_body(article: Article) -> None:
    slices = [article.body[p.start : p.end] for p in article.paragraphs]
    assert "\n\n".join(slices) == article.body
    assert all(piece and piece == piece.strip() and "\n\n" not in piece for piece in slices)


@pytest.mark.parametrize(
    ("head", "dateline", "expected"),
    [
        (
            "By Anton Grell Posted : October 17, 2024, 15:08 Updated : October 17, 2024, 15:32",
            "SEOUL, October 17 (Harbor Post) - ",
            {
                "authors": ("Anton Grell",), "outlet": "Harbor Post", "published": "2024-10-17T15:08:00+09:00",
                "updated": "2024-10-17T15:32:00+09:00", "timezone": "Asia/Seoul", "timezone_inferred": True,
                "timezone_source": "dateline", "dateline": "SEOUL", "agencies": (),
            },
        ),
        (
            "By Anton Grell\n\nPosted : October 17, 2024, 15:08 Updated : October 17, 2024, 15:32",
            "WASHINGTON — ",
            {
                "published": "2024-10-17T15:08:00-04:00", "updated": "2024-10-17T15:32:00-04:00",
                "timezone": "America/New_York", "timezone_source": "dateline", "dateline": "WASHINGTON",
            },
        ),
        (
            "Lena Orvik, Reuters\nPublished: 04 Mar 2025 09:12 GMT",
            "KYIV (Reuters) -- ",
            {
                "authors": ("Lena Orvik",), "outlet": "Reuters", "agencies": ("Reuters",),
                "published": "2025-03-04T09:12:00+00:00", "timezone": "+00:00", "timezone_inferred": False,
                "timezone_source": "given", "dateline": "KYIV",
            },
        ),
        (
            "By Mara Kessel | Harbor Post\nUpdated 5 March 2025, 11:30 UTC+3",
            "KYIV (Reuters) -- ",
            {
                "outlet": "Harbor Post", "agencies": ("Reuters",), "published": None,
                "updated": "2025-03-05T11:30:00+03:00", "timezone": "+03:00", "timezone_source": "given",
            },
        ),
        (
            "By Mara Kessel and Jonas Petrov\nPublished: March 4, 2025 09:12",
            "Seoul, Oct. 17 (Yonhap) -- ",
            {
                "authors": ("Mara Kessel", "Jonas Petrov"), "outlet": "Yonhap", "agencies": ("Yonhap",),
                "dateline": "SEOUL", "timezone_source": "dateline", "published": "2025-03-04T09:12:00+09:00",
            },
        ),
        (
            "By Petra Lindqvist | The Korea Herald\nPublished: March 4, 2025 09:12",
            "",
            {
                "outlet": "The Korea Herald", "published": "2025-03-04T09:12:00+09:00", "timezone": "Asia/Seoul",
                "timezone_inferred": True, "timezone_source": "outlet", "dateline": None,
            },
        ),
        (
            "By Petra Lindqvist\nPublished: March 4, 2025 09:12",
            "KALVEN, Ostravia — ",  # a place nobody's gazetteer knows, and no outlet
            {
                "outlet": None, "published": "2025-03-04T09:12:00+00:00", "timezone": "UTC",
                "timezone_inferred": True, "timezone_source": "assumed-utc", "dateline": "KALVEN",
            },
        ),
        (
            "By Petra Lindqvist\nMarch 4, 2025",
            "",
            {"published": "2025-03-04", "timezone": None, "timezone_inferred": False, "timezone_source": None},
        ),
        (
            "By Anton Grell\nPublished: 5 March 2025, 09:00\nUpdated 5 March 2025, 11:30 UTC+3",
            "",
            {
                "published": "2025-03-05T09:00:00+03:00", "updated": "2025-03-05T11:30:00+03:00",
                "timezone": "+03:00", "timezone_source": "given", "timezone_inferred": False,
            },
        ),
        (
            "By Anton Grell",
            "",
            {"published": None, "updated": None, "timezone": None, "timezone_source": None},
        ),
    ],
    ids=[
        "dateline-zone", "stamps-own-line-dst", "wire-byline", "outlet-and-wire", "yonhap-dateline", "outlet-zone",
        "assumed-utc", "bare-date", "one-zone-for-both", "no-stamp",
    ],
)
def test_text_metadata(extract, head: str, dateline: str, expected: dict) -> None:
    article = extract(text_article(head, dateline))
    assert article.title == "Ministry denies report of troop movements near Vessa"
    for name, value in expected.items():
        assert getattr(article, name) == value, name
    assert article.body.startswith(dateline + LEDE[:20])
    assert_paragraphs_slice_body(article)
    assert article.id == article_id(article.body)
    assert article.language == "en"
    assert article.format == "text"


def test_user_gazetteer_gives_an_invented_city_its_zone(tmp_path: Path) -> None:
    toml = tmp_path / "ostravia.toml"
    toml.write_text(
        '[[country]]\nname = "Ostravia"\ncode = "XOS"\ncapital = "Kalven"\ntimezone = "Europe/Riga"\n\n'
        '[[outlet]]\nname = "Meridian Wire"\nkind = "wire_agency"\ncountry = "XOS"\nabbreviations = ["Meridian"]\n',
        "utf-8",
    )
    gazetteer = load_gazetteer([toml])
    content = text_article("By Petra Lindqvist\nPublished: March 4, 2025 09:12", "KALVEN (Meridian) -- ")
    document = SourceDocument("t.txt", "text", content, content.encode(), "utf-8")
    article = extract_article(document, gazetteer)
    assert article.published == "2025-03-04T09:12:00+02:00"
    assert (article.timezone, article.timezone_source, article.timezone_inferred) == ("Europe/Riga", "dateline", True)
    assert article.outlet == "Meridian Wire"
    assert article.agencies == ("Meridian Wire",)


def test_captions_interface_lines_and_copyright_are_kept_out_of_the_body(extract) -> None:
    content = "\n".join(
        [
            "Storm floods coastal villages in the north",
            "",
            "By Tomas Ferreira",
            "Published: 04 Mar 2025 09:12 GMT",
            "",
            "Enlarge image",
            "Residents wade through a flooded street in Nordby on March 3, 2025. Meridian Wire photo",
            "Residents wade through a flooded street in Nordby on March 3, 2025.",
            "Close",
            "Share this article",
            "Facebook Twitter Email",
            "",
            "NORDBY, Ostravia — Heavy rain flooded dozens of coastal villages overnight, forcing hundreds of "
            "families to leave their homes, the regional emergency service said on Tuesday.",
            "",
            "Artikel teilen",
            "Fermer",
            "",
            '"The water rose faster than anyone expected," said Mayor Ingrid Solvang.',
            "© 2025 Meridian Wire. All rights reserved.",
        ]
    )
    article = extract(content)
    assert article.body.startswith("NORDBY, Ostravia — Heavy rain")
    assert article.body.endswith('said Mayor Ingrid Solvang.')
    assert len(article.paragraphs) == 2
    for line in ("Enlarge", "Residents wade", "Close", "Share", "Facebook", "Artikel", "Fermer", "©"):
        assert line not in article.body
    assert article.outlet == "Meridian Wire"  # from the copyright line
    assert article.removed_lines[0] == "Enlarge image"
    assert_paragraphs_slice_body(article)


def test_hard_wrapped_text_keeps_every_paragraph(extract) -> None:
    content = (
        "Parliament approves budget after all-night session\n\nBy Ada Mwangi\n\n"
        "Published: 04 Mar 2025 09:12 GMT\n\n"
        "The national parliament approved the annual budget early on Tuesday\n"
        "after an all-night session in which opposition members tabled more\n"
        "than two hundred amendments, the speaker's office said.\n\n"
        'Finance Minister Rolf Ekdahl told reporters the budget would "restore\n'
        'confidence" in public finances, while critics said it cut too deeply\n'
        "into regional health services.\n\n"
        "The vote was 88 to 71, with three abstentions.\n"
    )
    article = extract(content)
    assert article.authors == ("Ada Mwangi",)
    assert article.body.startswith("The national parliament approved the annual budget early on Tuesday after an")
    assert len(article.paragraphs) == 3
    assert article.removed_lines == ()
    assert_paragraphs_slice_body(article)


@pytest.mark.parametrize(
    ("content", "code"),
    [
        ("Share this article\nFacebook Twitter Email\nClose", "E102"),
        ("기사 이미지 확대 보기\n닫기", "E102"),
    ],
)
def test_nothing_left_after_cleaning_is_an_error(extract, content: str, code: str) -> None:
    with pytest.raises(InputError) as caught:
        extract(content, source="reports/furniture.txt")
    assert caught.value.code == code
    assert caught.value.source == "reports/furniture.txt"


def test_hints_win_over_parsed_metadata(extract) -> None:
    article = extract(
        text_article("By Anton Grell\nPublished: 04 Mar 2025 09:12 GMT"),
        title="Ministry denies troop report",
        url="https://harbor-post.example/2025/03/04/troops",
        author="Ayla Brandt, Jonas Petrov and Mara Kessel",
        published="2025-03-04 10:15:00Z",
        outlet="Harbor Post",
    )
    assert article.title == "Ministry denies troop report"
    assert article.url == "https://harbor-post.example/2025/03/04/troops"
    assert article.authors == ("Ayla Brandt", "Jonas Petrov", "Mara Kessel")
    assert article.published == "2025-03-04T10:15:00+00:00"
    assert article.outlet == "Harbor Post"


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        ("Ayla Brandt", ("Ayla Brandt",)),
        ("Ayla Brandt; Jonas Petrov", ("Ayla Brandt", "Jonas Petrov")),
        ("Ayla Brandt, Jonas Petrov", ("Ayla Brandt", "Jonas Petrov")),
        ("Ayla Brandt and Jonas Petrov", ("Ayla Brandt", "Jonas Petrov")),
        ("Ayla Brandt & Jonas Petrov", ("Ayla Brandt", "Jonas Petrov")),
        ("Анна Коваль", ("Анна Коваль",)),
    ],
)
def test_author_hint_lists(extract, author: str, expected: tuple[str, ...]) -> None:
    assert extract(text_article("By Someone Else"), author=author).authors == expected


def test_outlet_from_the_url_host(extract) -> None:
    article = extract(text_article("By Anton Grell"), url="https://www.koreaherald.com/view.php?ud=1")
    assert article.outlet == "The Korea Herald"


def test_same_text_same_id_whatever_the_source(extract) -> None:
    content = text_article("By Anton Grell")
    assert extract(content, source="a.txt").id == extract(content.replace("\n", "\r\n"), source="b.txt").id


WORDS = st.sampled_from(
    ["Kalven", "said", "the", "minister", "on", "Tuesday", ".", ",", '"', "—", "By", "Posted", ":", "2024", "15:08",
     "SEOUL", "(AJP)", "-", "Reuters", "닫기", "Close", "\n", "\n\n", "photo", "Yonhap", "© 2025", "|"]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(max_size=300), st.lists(WORDS, max_size=80).map(" ".join)))
def test_extract_never_crashes_and_paragraphs_slice_the_body(extract, content: str) -> None:
    try:
        article = extract(content)
    except InputError as error:
        assert error.code == "E102"
        return
    assert article.body
    assert_paragraphs_slice_body(article)
