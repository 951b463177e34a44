"""The seed article (../shared/seed) that claimwatch was conceived from: what it must make of it.

The article's text is read from ../shared at test time and never copied into the repository.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claimwatch import api
from claimwatch.records import Article
from claimwatch.store import Store

SEED = "seed/000_e2d3460dc448bfbb.txt"


@pytest.fixture(scope="module")
def seed(shared_path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Article]:
    path = shared_path(SEED)
    with Store(str(tmp_path_factory.mktemp("seed") / "seed.db")) as store:
        report = api.ingest(store, [str(path)], with_statements=False)
        (outcome,) = report.outcomes
        assert outcome.status == "ingested", outcome.error
        yield path, store.get_article(outcome.article_id, with_raw=True)


def test_seed_metadata(seed: tuple[Path, Article]) -> None:
    path, article = seed
    first_line = path.read_text("utf-8").splitlines()[0].strip()
    assert article.title == first_line
    assert article.authors == ("Im Yoon-seo",)
    assert article.outlet == "AJP"
    assert article.published == "2024-10-17T15:08:00+09:00"
    assert article.updated == "2024-10-17T15:32:00+09:00"
    assert article.timezone_inferred is True
    assert article.timezone_source == "dateline"
    assert article.dateline == "SEOUL"
    assert article.agencies == ()
    assert article.language == "en"
    assert article.raw == path.read_bytes()


def test_seed_body(seed: tuple[Path, Article]) -> None:
    path, article = seed
    assert article.body.startswith("SEOUL, October 17 (AJP)")
    assert not any(line.startswith("Korean Defense Minister") for line in article.body.splitlines())
    assert not re.search(r"[\uac00-\ud7a3]", article.body), "Korean page-interface text left in the body"
    captions = [line for line in article.removed_lines if line.startswith("Korean Defense Minister")]
    assert len(captions) == 2
    assert {"기사 이미지 확대 보기", "닫기"} <= set(article.removed_lines)
    lines = [line.strip() for line in path.read_text("utf-8").splitlines() if line.strip()]
    story = lines[next(i for i, line in enumerate(lines) if line.startswith("SEOUL, October 17 (AJP)")) :]
    source_paragraphs = [line for line in story if not re.search(r"[\uac00-\ud7a3]", line)]
    body_paragraphs = [article.body[p.start : p.end] for p in article.paragraphs]
    assert body_paragraphs == source_paragraphs  # every paragraph of the story, in order, nothing else
