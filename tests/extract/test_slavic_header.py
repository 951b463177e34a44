"""Russian and Ukrainian wire copy: month names in the genitive, "Опубликовано"/"Оновлено" stamps and
"МОСКВА, 7 октября. /ТАСС/." datelines. The stories are fictional."""

from __future__ import annotations

import pytest

from claimwatch import api
from claimwatch.extract import extract_article
from claimwatch.extract.dates import parse_time
from claimwatch.extract.text import match_dateline
from claimwatch.ingest import decode_input


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("6 марта 2025", "2025-03-06T00:00:00"),
        ("6 марта 2025, 15:20", "2025-03-06T15:20:00"),
        ("17 октября 2024 г., 08:05", "2024-10-17T08:05:00"),
        ("6 березня 2025", "2025-03-06T00:00:00"),
        ("28 листопада 2024 о 16:40", "2024-11-28T16:40:00"),
        ("1 травня 2025", "2025-05-01T00:00:00"),
        ("12 мая 2025", "2025-05-12T00:00:00"),
        ("3 січня 2025 року", "2025-01-03T00:00:00"),
    ],
)
def test_slavic_dates(text: str, iso: str) -> None:
    assert parse_time(text).value.isoformat() == iso


@pytest.mark.parametrize(
    ("line", "place", "credit", "text"),
    [
        ("АРНХАЛ, 6 марта. Министр обороны Селмары заявил, что войска прибыли.", "АРНХАЛ", None,
         "АРНХАЛ, 6 марта."),
        ("МОСКВА, 7 октября. /ТАСС/. Представитель МИД заявил, что переговоры продолжатся.", "МОСКВА", "ТАСС",
         "МОСКВА, 7 октября. /ТАСС/."),
        ("КИЇВ, 6 березня. Речник міністерства заявив, що війська прибули до країни.", "КИЇВ", None,
         "КИЇВ, 6 березня."),
        ("МОСКВА, 7 окт - Интерфакс. Представитель МИД заявил, что переговоры продолжатся.", "МОСКВА", "Интерфакс",
         "МОСКВА, 7 окт - Интерфакс."),
        ("НИЖНИЙ НОВГОРОД, 7 октября. /ТАСС/. Губернатор заявил, что дороги открыты.", "НИЖНИЙ НОВГОРОД", "ТАСС",
         "НИЖНИЙ НОВГОРОД, 7 октября. /ТАСС/."),
    ],
)
def test_cyrillic_dateline(line: str, place: str, credit: str | None, text: str) -> None:
    dateline = match_dateline(line)
    assert (dateline.place, dateline.credit, dateline.text) == (place, credit, text)


@pytest.mark.parametrize("line", ["Министр обороны Селмары заявил, что войска прибыли.", "В МОСКВЕ заявили, что нет."])
def test_prose_is_no_dateline(line: str) -> None:
    assert match_dateline(line) is None


@pytest.mark.parametrize(
    ("stamp", "dateline", "published", "updated"),
    [
        ("Опубликовано: 6 марта 2025, 15:20", "АРНХАЛ, 6 марта. /ТАСС/.", "2025-03-06T15:20:00+09:00", None),
        ("Опубликовано: 6 марта 2025, 15:20 Обновлено: 6 марта 2025, 16:02", "АРНХАЛ, 6 марта.",
         "2025-03-06T15:20:00+09:00", "2025-03-06T16:02:00+09:00"),
        ("Опубліковано: 6 березня 2025, 15:20", "АРНХАЛ, 6 березня.", "2025-03-06T15:20:00+09:00", None),
        ("Опубліковано 6 березня 2025 о 15:20 | Оновлено 6 березня 2025 о 16:02", "АРНХАЛ, 6 березня.",
         "2025-03-06T15:20:00+09:00", "2025-03-06T16:02:00+09:00"),
    ],
)
def test_slavic_header(stamp: str, dateline: str, published: str, updated: str | None) -> None:
    text = (
        f"Войска Кестрии прибыли в Селмару\n\n{stamp}\n\n"
        f"{dateline} Министр обороны Селмары заявил, что войска Кестрии прибыли в страну вчера вечером.\n"
    )
    (document,) = decode_input("ru.txt", text.encode("utf-8"))
    article = extract_article(document, api.sample_gazetteer())
    assert (article.published, article.updated) == (published, updated)
    assert (article.dateline, article.timezone_source) == ("АРНХАЛ", "dateline")
    assert article.dateline_text == dateline
    assert article.title == "Войска Кестрии прибыли в Селмару"
    assert article.agencies == (("TASS",) if "ТАСС" in dateline else ())


def test_interfax_dateline_credits_the_wire() -> None:
    text = "Заголовок\n\nМОСКВА, 7 окт - Интерфакс. Представитель министерства заявил, что переговоры продолжатся.\n"
    (document,) = decode_input("ru.txt", text.encode("utf-8"))
    article = extract_article(document, api.sample_gazetteer())
    assert (article.dateline, article.agencies, article.outlet) == ("МОСКВА", ("Interfax",), "Interfax")
