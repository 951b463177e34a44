"""A batch survives its worst inputs: an over-long article and a 5,000-level JSON record fail alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimwatch import api
from claimwatch.errors import InputError
from claimwatch.nlp.pipeline import MAX_PARSED_CHARS
from claimwatch.records import SourceDocument
from claimwatch.store import Store

PARAGRAPH = (
    "The harbour authority of Kalven said on Tuesday it would consider a new tariff on grain shipments "
    "passing through the port, citing congestion at the northern quay."
)


def long_story(chars: int) -> str:
    return "Harbour tariff hearings run long\n\n" + "\n\n".join([PARAGRAPH] * (chars // (len(PARAGRAPH) + 2) + 1))


def test_over_long_and_deep_inputs_fail_alone_and_good_records_are_stored(
    store: Store, tmp_path: Path, make_story
) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "01_long.txt").write_text(long_story(1_200_000))
    deep = '{"text": "x", "extra": ' + "[" * 5_000 + "]" * 5_000 + "}"
    good = {"title": "Ferry service resumes", "text": "Ferry service between Kalven and the islands resumed on "
            "Wednesday after a two-day halt, the operator said."}
    (folder / "02_feed.jsonl").write_text("\n".join([deep, json.dumps(good)]) + "\n")
    (folder / "03_story.txt").write_text(make_story())
    report = api.ingest(store, [str(folder)])
    by_source = {Path(o.source).name: o for o in report.outcomes}
    assert by_source["01_long.txt"].status == "failed"
    assert by_source["01_long.txt"].error.startswith("[E014] ")
    assert by_source["02_feed.jsonl:1"].error.startswith("[E012] ")
    assert all("\n" not in o.error for o in report.failures)
    assert by_source["02_feed.jsonl:2"].status == "ingested"
    assert by_source["03_story.txt"].status == "ingested"
    assert store.count_articles() == 2
    assert all(story["article_ids"] for story in store.stories())
    assert sum(len(story["article_ids"]) for story in store.stories()) == 2


def test_an_over_long_body_is_stored_without_statements(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(long_story(MAX_PARSED_CHARS + 10_000))
    report = api.ingest(store, [str(path)], with_statements=False)
    assert report.counts["ingested"] == 1


def test_an_unexpected_failure_is_one_coded_line_and_the_batch_goes_on(
    store: Store, gazetteer, monkeypatch: pytest.MonkeyPatch, make_story
) -> None:
    from claimwatch import pipeline

    def broken(document, *args):
        if document.source == "bad":
            raise RecursionError("maximum recursion depth exceeded")
        return extract(document, *args)

    extract = pipeline.extract_article
    monkeypatch.setattr(pipeline, "extract_article", broken)
    documents = [
        SourceDocument(source=name, format="text", content=make_story(title=name), raw=b"", encoding="utf-8")
        for name in ("bad", "good")
    ]
    report = api.ingest_documents(store, documents, gazetteer=gazetteer, with_statements=False)
    assert [o.status for o in report.outcomes] == ["failed", "ingested"]
    assert report.outcomes[0].error.startswith("[E016] ")
    assert "RecursionError" in report.outcomes[0].error
    assert store.count_articles() == 1
    assert not isinstance(report.outcomes[1], InputError)


def test_a_stored_article_is_not_parsed_again(store: Store, tmp_path: Path, make_story, monkeypatch) -> None:
    path = tmp_path / "story.txt"
    path.write_text(make_story())
    assert api.ingest(store, [str(path)]).counts["ingested"] == 1

    from claimwatch import pipeline

    def no_parsing(*args, **kwargs):
        raise AssertionError("a stored article was parsed again")

    monkeypatch.setattr(pipeline, "extract_statements", no_parsing)
    monkeypatch.setattr(pipeline, "parse_body", no_parsing)
    report = api.ingest(store, [str(path)])
    assert [o.status for o in report.outcomes] == ["duplicate"]


def test_a_huge_text_is_refused_before_extraction(store: Store, tmp_path: Path, monkeypatch) -> None:
    def no_extraction(*args, **kwargs):
        raise AssertionError("a text too long to parse was extracted first")

    from claimwatch import pipeline

    monkeypatch.setattr(pipeline, "extract_article", no_extraction)
    path = tmp_path / "huge.txt"
    path.write_text(long_story(1_200_000))
    (outcome,) = api.ingest(store, [str(path)]).outcomes
    assert outcome.error.startswith("[E014] ")
