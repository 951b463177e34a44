"""Every page of the Zyte article-extraction benchmark goes through the API without an unexpected error."""

from __future__ import annotations

import pytest

from claimwatch import api
from claimwatch.store import Store

MAX_PAGES_WITHOUT_ARTICLE = 3


@pytest.mark.slow
def test_every_benchmark_page_ingests(shared_path, tmp_path) -> None:
    folder = shared_path("data/article-extraction-benchmark/html")
    pages = sorted(folder.glob("*.html.gz"))
    assert pages
    with Store(str(tmp_path / "bench.db")) as store:
        report = api.ingest(store, [str(folder)], with_statements=False)
        assert len(report.outcomes) == len(pages)
        failures = report.failures
        assert all(f.error.startswith("[E101]") for f in failures), [(f.source, f.error) for f in failures]
        assert len(failures) <= MAX_PAGES_WITHOUT_ARTICLE, [f.source for f in failures]
        assert store.count_articles() + report.counts["duplicate"] == len(pages) - len(failures)
        assert store.check_integrity() == []
