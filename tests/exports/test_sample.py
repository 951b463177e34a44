"""Exports of the bundled sample story (invented countries, outlets and people)."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date

import stix2

from claimwatch import api
from claimwatch.exports.plover import plover_records
from claimwatch.exports.schema_org import claim
from claimwatch.exports.stix import bundle
from claimwatch.stance.plover import QUAD_CODES


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


def test_api_exports(sample) -> None:
    store, gazetteer, watch = sample
    text = api.export_stix(store, watch["id"], gazetteer)
    assert text == api.export_stix(store, watch["id"][:8], gazetteer)  # a prefix, and the same bundle again
    assert json.loads(text)["type"] == "bundle"
    assert api.export_claim(store, watch["id"], gazetteer)["@type"] == "Claim"
    review = api.export_claim(store, watch["id"], gazetteer, review_by="Harbour Fact Desk")
    assert review["@type"] == "ClaimReview" and review["reviewRating"]["ratingValue"] in range(1, 6)
    everything = api.export_plover(store)
    later = api.export_plover(store, since=date(2025, 3, 14))
    assert 0 < len(later) < len(everything)
    assert all(record["date"] >= "2025-03-14" for record in later)
    story = api.list_stories(store, gazetteer)[0]
    assert {r["id"] for r in api.export_plover(store, story=story["id"][:8])} <= {r["id"] for r in everything}
    watched = api.export_plover(store, watch=watch["id"])
    assert watched and {r["id"] for r in watched} <= {r["id"] for r in everything}
