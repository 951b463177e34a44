"""The per-article stages over batches: results in input order, plain records that pickle, failures kept."""

from __future__ import annotations

import pickle

import pytest

from claimwatch import api
from claimwatch.errors import InputError
from claimwatch.ingest import decode_input, expand_inputs, read_item
from claimwatch.ingest.sources import DEFAULT_MAX_BYTES
from claimwatch.nlp import load_nlp
from claimwatch.pipeline import LocalProcessor, batches, process_documents
from claimwatch.records import ProcessedArticle, SourceDocument


@pytest.fixture(scope="module")
def sample_documents() -> list[SourceDocument]:
    items, _, _ = expand_inputs([str(api.sample_corpus_path())])
    return [doc for item in items for doc in decode_input(item.source, read_item(item, DEFAULT_MAX_BYTES, None))]


@pytest.mark.parametrize(
    ("sizes", "batch_size", "expected"),
    [
        ([1, 1, 1, 1, 1], 2, [[0, 1], [2, 3], [4]]),
        ([3, 1, 1], 2, [[0], [1, 2]]),  # a unit of many documents is never split
        ([0, 1], 1, [[0, 1]]),  # a unit that failed to read has no document
        ([], 4, []),
    ],
)
def test_batches_group_whole_units(sizes: list[int], batch_size: int, expected: list[list[int]]) -> None:
    units = [(index, ["doc"] * size) for index, size in enumerate(sizes)]
    assert [[tag for tag, _ in group] for group in batches(units, batch_size)] == expected


def test_a_batch_gives_what_one_document_at_a_time_gives(sample_documents) -> None:
    gazetteer = api.sample_gazetteer()
    nlp = load_nlp()
    together = process_documents(sample_documents, gazetteer, nlp)
    alone = [process_documents([doc], gazetteer, nlp)[0] for doc in sample_documents]
    assert together == alone
    assert all(isinstance(item, ProcessedArticle) for item in together)
    assert sum(len(item.statements) for item in together) > 50
    assert pickle.loads(pickle.dumps(together)) == together  # they can travel to and from a worker


def test_failures_stay_in_place_and_units_come_back_in_order(sample_documents) -> None:
    broken = InputError("broken.txt", "the input is empty.")
    not_an_article = SourceDocument("index.html", "html", "<html><body><nav>Home</nav></body></html>", b"", "utf-8")
    units = [("a", sample_documents[:2]), ("b", [broken]), ("c", [not_an_article, sample_documents[2]]), ("d", [])]
    mapped = list(LocalProcessor(api.sample_gazetteer(), batch_size=3).map(units))
    assert [tag for tag, _ in mapped] == ["a", "b", "c", "d"]
    results = dict(mapped)
    assert [r.article.source for r in results["a"]] == [d.source for d in sample_documents[:2]]
    assert results["b"] == [broken]
    assert isinstance(results["c"][0], InputError) and results["c"][0].code == "E101"
    assert results["c"][1].article.source == sample_documents[2].source and results["c"][1].statements
    assert results["d"] == []


def test_warm_up_loads_what_the_stages_load_on_first_use() -> None:
    from claimwatch.gazetteer.model import geonames_places
    from claimwatch.nlp.embeddings import load_encoder
    from claimwatch.pipeline import warm_up

    geonames_places.cache_clear()  # other tests may have built it; warm_up must build it itself
    warm_up()
    assert geonames_places.cache_info().currsize == 1
    assert load_encoder.cache_info().currsize >= 1
    assert load_nlp.cache_info().currsize >= 1
