"""Exports of the bundled sample story (invented countries, outlets and people)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import stix2

from claimwatch import api
from claimwatch.exports.plover import plover_records
from claimwatch.exports.schema_org import claim
from claimwatch.exports.stix import bundle
from claimwatch.stance.plover import QUAD_CODES
from claimwatch.store import Store

WATCHED = "Kestria is sending troops to Valdoria"


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory):
    path = Path(tmp_path_factory.mktemp("exports")) / "sample.db"
    gazetteer = api.sample_gazetteer()
    with Store(str(path)) as store:
        api.ingest_sample(store, gazetteer=gazetteer)
        watch = api.add_watch(store, WATCHED, gazetteer)
        yield store, gazetteer, watch


def test_watch_bundle_has_agreeing_and_disagreeing_opinions(sample) -> None:
    store, gazetteer, watch = sample
    brief = api.brief(store, watch["id"], gazetteer)
    text = bundle(brief).serialize(pretty=True)
    found = stix2.parse(text, allow_custom=False, version="2.1")
    kinds = Counter(item.type for item in found.objects)
    assert kinds["identity"] and kinds["report"] == brief["reports"] and kinds["note"] == 1 and kinds["opinion"]
    opinions = Counter(item.opinion for item in found.objects if item.type == "opinion")
    assert opinions["agree"] + opinions["strongly-agree"] > 0
    assert opinions["disagree"] + opinions["strongly-disagree"] > 0
    again = api.brief(store, watch["id"], gazetteer)
    assert again["generated_at"] >= brief["generated_at"]
    assert bundle(again).serialize(pretty=True) == text  # same ids, same timestamps


def test_story_bundle_and_claim(sample) -> None:
    store, gazetteer, _watch = sample
    story = api.list_stories(store, gazetteer)[0]
    brief = api.brief(store, story["id"], gazetteer)
    found = stix2.parse(bundle(brief).serialize(), allow_custom=False, version="2.1")
    assert any(item.type == "grouping" for item in found.objects)
    data = claim(brief)
    assert data["@context"] == "https://schema.org" and data["appearance"]


def test_plover_records_of_the_sample(sample) -> None:
    store, _gazetteer, _watch = sample
    statements = api.list_statements(store)
    claims = {row["id"]: row for row in store.list_claims()}
    records = plover_records(statements, claims, "claimwatch test", "2026-01-02")
    assert records
    for record in records:
        assert record["id"] and record["date"] and record["actor"]
        assert record["event"][0] in QUAD_CODES
    events = Counter(record["event"][0] for record in records)
    assert events["ACCUSE"] and events["REJECT"]
