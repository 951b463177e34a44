"""The 64 Voice of America stories (JSON Lines) ingest with the metadata their records give."""

from __future__ import annotations

import json
import re

import pytest

from claimwatch import api
from claimwatch.extract.dates import iso_to_utc, parse_time, to_iso
from claimwatch.store import Store

VOA = "data/voa/voa_stories.jsonl"


@pytest.fixture(scope="module")
def voa(shared_path, tmp_path_factory: pytest.TempPathFactory):
    path = shared_path(VOA)
    records = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    with Store(str(tmp_path_factory.mktemp("voa") / "voa.db")) as store:
        report = api.ingest(store, [str(path)], with_statements=False)
        yield records, report, {row["source"]: row for row in api.list_articles(store)}


def test_all_records_ingest(voa) -> None:
    records, report, rows = voa
    assert len(records) == 64
    assert report.failures == []
    assert report.counts["ingested"] == len(records)
    assert len(rows) == len(records)


def test_record_metadata_is_kept(voa) -> None:
    records, report, rows = voa
    for outcome, record in zip(report.outcomes, records, strict=True):
        row = rows[outcome.source]
        assert row["title"] == record["title"]
        assert row["url"] == record["url"]
        assert row["authors"] == [name.strip() for name in re.split(r",|;| and ", record["author"]) if name.strip()]
        expected = to_iso(parse_time(record["published"]), None)
        assert row["published"] == expected
        assert iso_to_utc(row["published"]) is not None
        assert row["outlet"] == "Voice of America"
        assert row["timezone_source"] == "given"
