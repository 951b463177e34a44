"""Korean wire copy: the "(서울=연합뉴스) 홍길동 기자 =" dateline and Korean date stamps."""

from __future__ import annotations

import pytest

from claimwatch.extract import extract_article
from claimwatch.extract.dates import parse_time
from claimwatch.gazetteer import load_gazetteer
from claimwatch.ingest import decode_input


@pytest.mark.parametrize(
    ("stamp", "published", "updated"),
    [
        ("입력 2025.03.06 15:20", "2025-03-06T15:20:00+09:00", None),
        ("기사입력 2025년 03월 06일 15시20분", "2025-03-06T15:20:00+09:00", None),
        ("송고시간 2025-03-06 15:20", "2025-03-06T15:20:00+09:00", None),
        ("입력 2025-03-06 15:20 수정 2025-03-06 16:02", "2025-03-06T15:20:00+09:00", "2025-03-06T16:02:00+09:00"),
    ],
)
def test_yonhap_header(stamp: str, published: str, updated: str | None) -> None:
    text = f'국방부 "문제없다"\n\n{stamp}\n\n(서울=연합뉴스) 홍길동 기자 = 국방부는 6일 "문제없다"고 밝혔다.\n'
    (document,) = decode_input("ko.txt", text.encode("utf-8"))
    article = extract_article(document, load_gazetteer())
    assert (article.published, article.updated) == (published, updated)
    assert (article.dateline, article.agencies, article.timezone_source) == ("서울", ("Yonhap",), "dateline")
    assert article.dateline_text == "(서울=연합뉴스) 홍길동 기자 ="


@pytest.mark.parametrize(
    ("text", "iso"),
    [("2024년 10월 17일 오후 3시 8분", "2024-10-17T15:08:00"), ("2024년 10월 17일", "2024-10-17T00:00:00")],
)
def test_korean_dates(text: str, iso: str) -> None:
    assert parse_time(text).value.isoformat() == iso
