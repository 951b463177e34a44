"""Fixtures shared by the whole suite. Every text here is invented: people, outlets and places."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from claimwatch.extract import extract_article
from claimwatch.gazetteer import Gazetteer, load_gazetteer
from claimwatch.records import Article, SourceDocument, SourceHints
from claimwatch.store import Store

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


@pytest.fixture
def store(db_path: Path):
    with Store(str(db_path)) as opened:
        yield opened


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
