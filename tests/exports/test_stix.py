"""The STIX 2.1 bundle of a brief: valid, deterministic, and faithful to voices, reports and grades."""

from __future__ import annotations

import json

import pytest
import stix2

from claimwatch.exports.stix import (
    admiralty_labels,
    bundle,
    claim_likelihood,
    identity_id,
    likelihood_label,
    note_id,
    opinion_confidence,
    opinion_label,
)


def parsed(brief: dict) -> stix2.v21.Bundle:
    return stix2.parse(bundle(brief).serialize(), allow_custom=False, version="2.1")


def of_type(result: stix2.v21.Bundle, kind: str) -> list:
    return [item for item in result.objects if item.type == kind]


def test_bundle_parses_strictly_and_holds_every_kind(brief: dict) -> None:
    result = parsed(brief)
    assert {item.type for item in result.objects} == {"grouping", "note", "report", "opinion", "identity"}
    assert len(of_type(result, "report")) == 3
    assert len(of_type(result, "grouping")) == 1


def test_exporting_twice_gives_the_same_bundle(brief: dict) -> None:
    assert bundle(brief).serialize(pretty=True) == bundle(json.loads(json.dumps(brief))).serialize(pretty=True)


def test_ids_come_from_stable_keys(brief: dict) -> None:
    result = parsed(brief)
    note = of_type(result, "note")[0]
    assert note.id == note_id("Brennmark is shipping  DRONES to Sorvia")  # case and spacing do not matter
    other = {**brief, "id": "0000000000000000"}
    assert of_type(parsed(other), "grouping")[0].id != of_type(result, "grouping")[0].id
    assert {r.id for r in of_type(parsed(other), "report")} == {r.id for r in of_type(result, "report")}


def test_one_opinion_per_voice_from_stance_and_certainty(brief: dict) -> None:
    opinions = {item.authors[0]: item for item in of_type(parsed(brief), "opinion")}
    assert {voice: item.opinion for voice, item in opinions.items()} == {
        "Ilka Marsh": "agree",  # her latest word hedges ("likely")
        "Government of Sorvia": "strongly-disagree",
        "Tomas Reeve": "disagree",  # "likely ... not drones"
        "Halden Institute": "neutral",  # only "if confirmed"
    }
    denial = opinions["Government of Sorvia"]
    assert denial.created_by_ref == identity_id("Government of Sorvia")
    assert denial.object_refs == [note_id(brief["claim"])]
    assert denial.confidence == 95
    assert likelihood_label("almost no chance") in denial.labels
    assert admiralty_labels("D5") == [
        'admiralty-scale:source-reliability="d"',
        'admiralty-scale:information-credibility="5"',
    ]
    assert set(admiralty_labels("D5")) <= set(denial.labels)
    assert likelihood_label("unlikely") in opinions["Tomas Reeve"].labels  # his words turned round
    assert "fabrication" in denial.explanation


def test_reports_carry_publication_outlet_url_and_grade(brief: dict) -> None:
    reports = {item.external_references[0].external_id: item for item in of_type(parsed(brief), "report")}
    first = reports["a1"]
    assert first.published == stix2.utils.parse_into_datetime("2025-05-01T06:00:00Z")
    assert first.created_by_ref == identity_id("Lakeside Ledger")
    assert first.external_references[0].url == "https://ledger.example/a1"
    assert first.confidence == 50  # credibility 3: possibly true
    assert 'admiralty-scale:source-reliability="c"' in first.labels
    assert note_id(brief["claim"]) in first.object_refs
    assert identity_id("Ilka Marsh") in first.object_refs
    assert "url" not in reports["a2"].external_references[0]
    unsourced = reports["a3"]
    assert "created_by_ref" not in unsourced and "confidence" not in unsourced  # no outlet; credibility 6


def test_identities_per_voice_and_outlet(brief: dict) -> None:
    identities = {item.name: item for item in of_type(parsed(brief), "identity")}
    assert identities["Ilka Marsh"].identity_class == "individual"
    assert identities["Ilka Marsh"].roles == ["Foreign Minister"]
    assert identities["Government of Sorvia"].identity_class == "organization"
    assert identities["Ferrow Wire"].identity_class == "organization"
    assert identities["claimwatch"].identity_class == "system"


def test_note_holds_the_claim_with_its_likelihood(brief: dict) -> None:
    note = of_type(parsed(brief), "note")[0]
    assert note.abstract == brief["claim"]
    assert note.confidence == 50
    assert likelihood_label("roughly even chance") in note.labels
    assert likelihood_label("roughly even chance") == 'estimative-language:likelihood-probability="roughly-even-chance"'


def test_positions_in_the_brief_are_used_as_they_are(brief: dict) -> None:
    brief["positions"] = [
        {"voice": "Ilka Marsh", "entity_id": "e1", "stance": "backs", "hedged": False, "conditional": False,
         "certainty": "almost certain", "first_said_on": "2025-05-01", "last_said_on": "2025-05-03",
         "statements": ["s1", "s5"]},
    ]
    opinions = of_type(parsed(brief), "opinion")
    assert [(item.authors, item.opinion) for item in opinions] == [(["Ilka Marsh"], "strongly-agree")]


def test_an_empty_brief_still_makes_a_valid_bundle(brief: dict) -> None:
    empty = {**brief, "statements": [], "sources": [], "voices": []}
    assert of_type(parsed(empty), "note")


@pytest.mark.parametrize(
    ("position", "expected"),
    [
        ({"stance": "backs", "certainty": "not stated"}, "strongly-agree"),
        ({"stance": "backs", "certainty": "very likely"}, "strongly-agree"),
        ({"stance": "backs", "certainty": "likely"}, "agree"),
        ({"stance": "backs", "certainty": "not stated", "hedged": True}, "agree"),
        ({"stance": "backs", "certainty": "almost certain", "conditional": True}, "neutral"),
        ({"stance": "neutral", "certainty": "roughly even chance"}, "neutral"),
        ({"stance": "denies", "certainty": "unlikely"}, "disagree"),
        ({"stance": "denies", "certainty": "almost no chance"}, "strongly-disagree"),
        ({"stance": "denies", "certainty": "not stated"}, "strongly-disagree"),
    ],
)
def test_opinion_label(position: dict, expected: str) -> None:
    assert opinion_label(position) == expected


@pytest.mark.parametrize(
    ("position", "likelihood", "confidence"),
    [
        ({"stance": "backs", "certainty": "very likely"}, "very likely", 85),
        ({"stance": "denies", "certainty": "almost no chance"}, "almost no chance", 95),
        ({"stance": "denies", "certainty": "likely"}, "unlikely", 70),
        ({"stance": "neutral", "certainty": "roughly even chance"}, "roughly even chance", 50),
        ({"stance": "backs", "certainty": "not stated"}, None, None),
    ],
)
def test_claim_likelihood_and_confidence(position: dict, likelihood: str | None, confidence: int | None) -> None:
    assert claim_likelihood(position) == likelihood
    assert opinion_confidence(position) == confidence
