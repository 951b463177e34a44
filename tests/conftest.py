"""Fixtures shared by the whole suite. Every text here is invented: people, outlets and places."""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from claimwatch.extract import extract_article
from claimwatch.gazetteer import Gazetteer, load_gazetteer
from claimwatch.records import Article, SourceDocument, SourceHints
from claimwatch.store import Store
from databases import ENGINES, POSTGRES_ENV, drop_database, new_database

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


@pytest.fixture
def extract(gazetteer: Gazetteer) -> Callable[..., Article]:
    """``extract(content, fmt="text", **hints)``: one document through the extract stage."""

    def run(content: str, fmt: str = "text", source: str = "test-input", **hints: str) -> Article:
        document = SourceDocument(
            source=source,
            format=fmt,
            content=content,
            raw=content.encode("utf-8"),
            encoding="utf-8",
            hints=SourceHints(**hints),
        )
        return extract_article(document, gazetteer)

    return run


@pytest.fixture(autouse=True)
def _no_user_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """A developer's CLAIMWATCH_* variables must not leak into the tests."""
    for name in ("CLAIMWATCH_DB", "CLAIMWATCH_GAZETTEER", "CLAIMWATCH_MAX_BYTES"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "claimwatch-test.db"


@pytest.fixture(scope="session")
def postgres_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An empty PostgreSQL store at the newest schema, copied for each test (faster than migrating each)."""
    template = new_database("postgresql", tmp_path_factory.mktemp("pg"))
    Store(template).close()
    yield template
    drop_database(template)


@pytest.fixture(params=ENGINES)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new empty store's ``--db`` on each engine: an SQLite file, a PostgreSQL database (dropped after)."""
    template = request.getfixturevalue("postgres_template") if request.param == "postgresql" else None
    created = new_database(request.param, tmp_path, template)
    yield created
    drop_database(created)


@pytest.fixture
def store(db: str) -> Iterator[Store]:
    with Store(db) as opened:
        yield opened


def pytest_report_header() -> str:
    return f"PostgreSQL cases: {os.environ.get(POSTGRES_ENV) or 'skipped, ' + POSTGRES_ENV + ' is not set'}"


def _story(
    title: str = "Harbour authority weighs new tariff on grain shipments",
    byline: str = "By Petra Lindqvist",
    stamp: str = "Published: 04 Mar 2025 09:12 GMT",
    dateline: str = "KALVEN, Ostravia — ",
    paragraphs: tuple[str, ...] = (),
) -> str:
    """A plain-text article as copied from a web page (one paragraph a line, blank lines between)."""
    paragraphs = paragraphs or (
        "The harbour authority of Kalven said on Tuesday it would consider a new tariff on grain shipments "
        "passing through the port, citing congestion at the northern quay.",
        '"We cannot keep absorbing these costs," said deputy harbour master Ilse Brandvold, adding that a '
        "decision was expected within weeks.",
        "Shipping firms said the tariff would raise prices for consumers across the region, and several said "
        "they would look at routes through neighbouring ports instead.",
    )
    head = [line for line in (title, byline, stamp) if line]
    body = [dateline + paragraphs[0], *paragraphs[1:]]
    return "\n\n".join([*head, *body]) + "\n"


@pytest.fixture
def make_story() -> Callable[..., str]:
    """``make_story(title=..., byline=..., stamp=..., dateline=..., paragraphs=...)`` -> article text."""
    return _story


GOOD_HTML = (
    '<!doctype html><html lang="en"><head><title>Ferry fares to rise in April | Harbor Post</title>'
    '<meta property="og:site_name" content="Harbor Post">'
    '<meta property="article:published_time" content="2025-03-05T07:45:00-05:00">'
    '<link rel="canonical" href="https://harbor-post.example/2025/03/05/ferry-fares"></head><body>'
    "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>Ferry fares to rise in April</h1>"
    "<p>The island ferry operator said on Wednesday it would raise fares by eight percent from April, blaming "
    "higher fuel costs and a new harbour tariff in Kalven.</p>"
    "<p>Commuter groups said the increase would hit workers who cross the strait every day, and called on the "
    "regional government to step in with a subsidy.</p></article>"
    "<footer>© 2025 Harbor Post</footer></body></html>"
)
NO_ARTICLE_HTML = (
    "<html><head><title>Harbor Post — Home</title></head><body><nav>"
    + "".join(f"<a href='/s{i}'>Section {i}</a> " for i in range(6))
    + "</nav><footer>© 2025 Harbor Post</footer></body></html>"
)
RUSSIAN_STORY = (
    "Порт Калвен рассматривает новый тариф на зерно\n\n"
    "Портовое управление Калвена во вторник заявило, что рассмотрит новый тариф на перевозку зерна через порт, "
    "сославшись на заторы у северного причала.\n\n"
    "«Мы не можем продолжать покрывать эти расходы», — сказал заместитель начальника порта Илья Брандт.\n"
)
KOREAN_STORY = (
    "칼벤 항만청, 곡물 관세 검토\n\n"
    "칼벤 항만청은 화요일 북부 부두의 혼잡을 이유로 항구를 통과하는 곡물 선적에 대한 "
    "새로운 관세를 검토하겠다고 밝혔다.\n\n"
    "해운 회사들은 관세가 지역 전반의 소비자 가격을 올릴 것이라고 말했다.\n"
)


def _jsonl_feed() -> str:
    record = {
        "id": "mw-1",
        "url": "https://meridian-wire.example/a/dock-strike",
        "title": "Dock strike ends after pay deal",
        "author": "Lena Orvik, Jonas Petrov",
        "published": "2025-03-04 10:00:00Z",
        "text": "Dockworkers at the southern harbour ended their strike on Tuesday after the port operator agreed "
        "to a new pay deal, union leaders said.",
    }
    second = {**record, "url": "https://meridian-wire.example/a/ferry", "title": "Ferry service resumes",
              "text": "Ferry service between Kalven and the islands resumed on Wednesday after a two-day halt."}
    return "\n".join([json.dumps(record), "{this line is not json", json.dumps(second)]) + "\n"


@pytest.fixture
def mixed_batch(tmp_path: Path, make_story: Callable[..., str]) -> SimpleNamespace:
    """A folder of good and bad inputs: ``folder``, ``expected`` (source name -> None when it is
    ingested, else the error code) and ``max_bytes`` (09_big.txt is over it, every other input under)."""

    folder = tmp_path / "batch"
    folder.mkdir()
    files: dict[str, bytes] = {
        "01_story.txt": make_story().encode(),
        "02_page.html.gz": gzip.compress(GOOD_HTML.encode()),
        "03_empty.txt": b"",
        "04_image.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",
        "05_russian.txt": RUSSIAN_STORY.encode("cp1251"),
        "06_korean.txt": KOREAN_STORY.encode("euc-kr"),
        "07_index.html": NO_ARTICLE_HTML.encode(),
        "08_feed.jsonl": _jsonl_feed().encode(),
        "09_big.txt": make_story(title="A very long report").encode() * 40,
        "notes.md": b"not an article: skipped by name",
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    (folder / "10_gone.txt").symlink_to(folder / "deleted-before-ingest.txt")
    expected = {
        "01_story.txt": None,
        "02_page.html.gz": None,
        "03_empty.txt": "E001",
        "04_image.txt": "E002",
        "05_russian.txt": None,
        "06_korean.txt": None,
        "07_index.html": "E101",
        "08_feed.jsonl:1": None,
        "08_feed.jsonl:2": "E006",
        "08_feed.jsonl:3": None,
        "09_big.txt": "E004",
        "10_gone.txt": "E003",
    }
    return SimpleNamespace(folder=folder, expected=expected, max_bytes=10_000)
