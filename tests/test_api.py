"""The Python API: batches with bad inputs, stdin, revisions, list and show shapes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from claimwatch import api
from claimwatch.store import Store

LIST_KEYS = {
    "id", "title", "outlet", "authors", "published", "updated", "timezone", "timezone_inferred", "timezone_source",
    "dateline", "agencies", "language", "url", "source", "revision", "revision_of",
}


def ingest(store: Store, paths: list[str], **options) -> api.IngestReport:
    options.setdefault("with_statements", False)  # the statement stage has its own tests
    return api.ingest(store, paths, **options)


def by_name(report: api.IngestReport, folder: Path) -> dict[str, object]:
    return {outcome.source.removeprefix(f"{folder}/"): outcome for outcome in report.outcomes}


def test_bad_inputs_fail_one_by_one_and_the_batch_goes_on(store: Store, mixed_batch) -> None:
    report = ingest(store, [str(mixed_batch.folder)], max_bytes=mixed_batch.max_bytes)
    outcomes = by_name(report, mixed_batch.folder)
    assert set(outcomes) == set(mixed_batch.expected)
    for name, code in mixed_batch.expected.items():
        outcome = outcomes[name]
        if code is None:
            assert outcome.status == "ingested", (name, outcome.error)
            assert outcome.article_id
        else:
            assert outcome.status == "failed", name
            assert outcome.error.startswith(f"[{code}] "), (name, outcome.error)
            assert "\n" not in outcome.error
            assert outcome.article_id is None
    good = [name for name, code in mixed_batch.expected.items() if code is None]
    assert report.counts == {"ingested": len(good), "duplicate": 0, "revised": 0, "failed": len(report.failures)}
    assert report.skipped_files == 1  # notes.md
    assert store.count_articles() == len(good)  # nothing partial from a failed input
    assert store.check_integrity() == []
    stored_sources = {row["source"] for row in store.list_articles()}
    assert stored_sources == {str(mixed_batch.folder / name) for name in good}


def test_legacy_encodings_are_stored_decoded(store: Store, mixed_batch) -> None:
    report = ingest(store, [str(mixed_batch.folder / "05_russian.txt"), str(mixed_batch.folder / "06_korean.txt")])
    russian, korean = (store.get_article(o.article_id, with_raw=True) for o in report.outcomes)
    assert russian.title == "Порт Калвен рассматривает новый тариф на зерно"
    assert russian.body.startswith("Портовое управление Калвена")
    assert russian.language == "ru"
    assert russian.raw == (mixed_batch.folder / "05_russian.txt").read_bytes()
    assert korean.title == "칼벤 항만청, 곡물 관세 검토"
    assert korean.language == "ko"


def test_gzipped_html_and_jsonl_metadata(store: Store, mixed_batch) -> None:
    ingest(store, [str(mixed_batch.folder / "02_page.html.gz"), str(mixed_batch.folder / "08_feed.jsonl")])
    rows = {row["title"]: row for row in api.list_articles(store)}
    page = rows["Ferry fares to rise in April"]
    assert page["outlet"] == "Harbor Post"
    assert page["url"] == "https://harbor-post.example/2025/03/05/ferry-fares"
    assert page["published"] == "2025-03-05T07:45:00-05:00"
    record = rows["Dock strike ends after pay deal"]
    assert record["url"] == "https://meridian-wire.example/a/dock-strike"
    assert record["authors"] == ["Lena Orvik", "Jonas Petrov"]
    assert record["published"] == "2025-03-04T10:00:00+00:00"
    assert record["source"].endswith("08_feed.jsonl:1")


def test_missing_path_is_one_failure(store: Store, tmp_path: Path) -> None:
    report = ingest(store, [str(tmp_path / "nope.txt")])
    (outcome,) = report.outcomes
    assert (outcome.status, outcome.source) == ("failed", str(tmp_path / "nope.txt"))
    assert outcome.error.startswith("[E009]")


def test_stdin(store: Store, make_story) -> None:
    report = ingest(store, ["-"], stdin=io.BytesIO(make_story().encode()))
    (outcome,) = report.outcomes
    assert (outcome.status, outcome.source) == ("ingested", "-")


def test_reingest_and_revision(store: Store, tmp_path: Path, make_story) -> None:
    path = tmp_path / "story.txt"
    byline = "By Petra Lindqvist | Harbor Post"  # same outlet and title make the same article
    path.write_text(make_story(byline=byline))
    first = ingest(store, [str(path)]).outcomes[0]
    again = ingest(store, [str(path)]).outcomes[0]
    assert (again.status, again.article_id) == ("duplicate", first.article_id)
    edited = make_story(byline=byline, paragraphs=(
        "The harbour authority of Kalven said on Tuesday it would impose a new tariff on grain shipments.",
        "The tariff takes effect in May, the authority said in a correction to its earlier statement.",
    ))
    path.write_text(edited)
    revised = ingest(store, [str(path)]).outcomes[0]
    assert (revised.status, revised.revision_of) == ("revised", first.article_id)
    shown = api.show_article(store, revised.article_id[:8])
    assert [(r["id"], r["revision"]) for r in shown["revisions"]] == [(first.article_id, 1), (revised.article_id, 2)]
    assert store.count_articles() == 2


def test_list_and_show_shapes(store: Store, mixed_batch) -> None:
    ingest(store, [str(mixed_batch.folder / "01_story.txt")])
    (row,) = api.list_articles(store)
    assert set(row) >= LIST_KEYS
    assert row["authors"] == ["Petra Lindqvist"]
    assert row["revision"] == 1
    shown = api.show_article(store, row["id"])
    assert {"body", "paragraphs", "removed_lines", "revisions"} <= set(shown)
    assert all(shown["body"][p["start"] : p["end"]] for p in shown["paragraphs"])


def test_report_json_leaves_out_empty_fields(store: Store, mixed_batch) -> None:
    report = ingest(store, [str(mixed_batch.folder / "01_story.txt"), str(mixed_batch.folder / "03_empty.txt")])
    data = report.to_json()
    assert {"ingested", "duplicate", "revised", "failed", "skipped_files", "outcomes"} <= set(data)
    ok, failed = data["outcomes"]
    assert set(ok) == {"source", "status", "article_id", "title"}
    assert set(failed) == {"source", "status", "error"}


def test_on_start_and_on_outcome_callbacks(store: Store, mixed_batch) -> None:
    started, seen = [], []
    ingest(store, [str(mixed_batch.folder)], on_start=started.append, on_outcome=seen.append)
    assert started == [10]  # nine article-named files and the dangling link; the JSONL file is one input
    assert len(seen) == 12


@pytest.mark.slow
def test_ingest_with_statements(store: Store, mixed_batch) -> None:
    report = api.ingest(store, [str(mixed_batch.folder / "01_story.txt")])
    assert report.counts["ingested"] == 1
    assert store.check_integrity() == []


@pytest.mark.parametrize(
    ("settle_every", "stored_at_each_settle"),
    [(4, [4, 8, 12, 16, 16]), (5, [5, 10, 15, 16]), (100, [16])],
)
def test_ingest_settles_every_settle_every_new_articles_and_at_the_end(
    store: Store, tmp_path: Path, make_story, monkeypatch, settle_every: int, stored_at_each_settle: list[int]
) -> None:
    for number in range(16):
        (tmp_path / f"{number:02}.txt").write_text(make_story(
            title=f"Harbour report number {number}",
            paragraphs=(f"The harbour authority of Kalven said on Tuesday that berth {number} would close.",),
        ))
    stored_then: list[int] = []
    settle = api.settle_ingest

    def recording_settle(settled: Store, **options) -> None:
        stored_then.append(settled.count_articles())
        settle(settled, **options)

    monkeypatch.setattr(api, "SETTLE_EVERY", settle_every)
    monkeypatch.setattr(api, "settle_ingest", recording_settle)
    report = ingest(store, [str(tmp_path)])
    assert report.counts["ingested"] == 16
    assert stored_then == stored_at_each_settle
    assert store.unassigned_articles() == []
