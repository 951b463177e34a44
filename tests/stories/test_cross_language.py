"""One event told in four languages lands in one story, and an English watch gathers the Korean statements.

The articles are fictional (the sample story's world): an English, a Russian and a Ukrainian version in
tests/data/crosslang and the Korean original, the first article of the Korean dev set.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claimwatch import api
from claimwatch.eval.dev_statements import dev_document, load_dev_set
from claimwatch.ingest import decode_input
from claimwatch.store import Store
from claimwatch.stories.brief import resolve_target, target_positions

DATA = Path(__file__).parents[1] / "data"

pytestmark = pytest.mark.slow  # ingests four articles through every pipeline (about 30 s with model loads)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    documents = [
        document
        for path in sorted((DATA / "crosslang").glob("*.txt"))
        for document in decode_input(str(path), path.read_bytes())
    ]
    documents.append(dev_document(load_dev_set(DATA / "ko" / "ko_dev.toml")[0]))
    with Store(str(tmp_path_factory.mktemp("crosslang") / "store.db")) as store:
        report = api.ingest_documents(store, documents, gazetteer=api.sample_gazetteer())
        assert len(report.new_article_ids) == 4
        yield store


def test_four_languages_one_story(store: Store) -> None:
    languages = {article["id"]: article["language"] for article in api.list_articles(store)}
    assert sorted(languages.values()) == ["en", "ko", "ru", "uk"]
    (story,) = api.list_stories(store, api.sample_gazetteer())
    assert set(story["article_ids"]) == set(languages)


def test_english_watch_gathers_korean_statements(store: Store) -> None:
    added = api.add_watch(store, "Kestria is sending troops to Valdoria", api.sample_gazetteer())
    (watch,) = [row for row in store.watches() if row["id"] == added["id"]]
    languages = {article["id"]: article["language"] for article in api.list_articles(store)}
    gathered = target_positions(store, resolve_target(store, watch["id"]), api.sample_gazetteer()).statements
    korean = [row for row in gathered if languages[row["article_id"]] == "ko"]
    assert len(korean) >= 5
    assert {"National Intelligence Bureau", "Oleg Varin"} <= {row["speaker_entity"] for row in korean}
    assert all(re.search("[가-힣]", row["content"]) for row in korean)  # statements keep their original text


def test_russian_and_ukrainian_statements_carry_the_english_claim(store: Store) -> None:
    languages = {article["id"]: article["language"] for article in api.list_articles(store)}
    added = api.add_watch(store, "Kestria is sending troops to Valdoria", api.sample_gazetteer())
    (watch,) = [row for row in store.watches() if row["id"] == added["id"]]
    gathered = target_positions(store, resolve_target(store, watch["id"]), api.sample_gazetteer()).statements
    by_language = {language: [row for row in gathered if languages[row["article_id"]] == language]
                   for language in ("ru", "uk")}
    for rows in by_language.values():
        assert {"National Intelligence Bureau", "Oleg Varin", "Mirela Vantosh"} <= {r["speaker_entity"] for r in rows}
