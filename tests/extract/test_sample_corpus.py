"""Every file of the bundled fictional sample story gives the metadata in sample_expected.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimwatch import api
from claimwatch.store import Store

EXPECTED_PATH = Path(__file__).parents[1] / "fixtures" / "sample_expected.json"
EXPECTED: dict[str, dict] = json.loads(EXPECTED_PATH.read_text("utf-8")) if EXPECTED_PATH.exists() else {}
FIELDS = ("title", "authors", "outlet", "published", "updated", "timezone_inferred", "dateline", "agencies")


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory):
    """The whole corpus ingested in file order (so revisions find their earlier version)."""
    with Store(str(tmp_path_factory.mktemp("sample") / "sample.db")) as store:
        report = api.ingest(
            store, [str(api.sample_corpus_path())], gazetteer=api.sample_gazetteer(), with_statements=False
        )
        outcomes = {Path(outcome.source).name: outcome for outcome in report.outcomes}
        yield store, outcomes


def test_the_expectations_cover_every_sample_file() -> None:
    files = {path.name for path in api.sample_corpus_path().iterdir() if path.suffix in (".txt", ".html")}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_file_metadata(sample_store, name: str) -> None:
    store, outcomes = sample_store
    expected = EXPECTED[name]
    outcome = outcomes[name]
    assert outcome.status in ("ingested", "revised"), outcome.error
    article = store.get_article(outcome.article_id)
    found = article.to_json()
    assert {field: found[field] for field in FIELDS} == {field: expected[field] for field in FIELDS}

    body = article.body
    if article.dateline_text and not expected["body_start_includes_dateline"]:
        assert body.startswith(article.dateline_text)
        body = body[len(article.dateline_text) :].lstrip()
    assert body.startswith(expected["body_starts_with"])
    for unwanted in expected["body_must_not_contain"]:
        assert unwanted not in article.body

    revision_of = expected["revision_of"]
    assert outcome.revision_of == (outcomes[revision_of].article_id if revision_of else None)
