"""schema.org Claim and ClaimReview JSON-LD of a brief."""

from __future__ import annotations

import json

import pytest

from claimwatch.exports.schema_org import RATINGS, claim, claim_review
from claimwatch.stories.status import STATUS_ORDER


def test_claim_json_ld(brief: dict) -> None:
    data = claim(brief)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Claim"
    assert data["text"] == brief["claim"]
    assert [a["identifier"] for a in data["appearance"]] == ["a1", "a2", "a3"]  # earliest first, undated last
    assert data["firstAppearance"] == data["appearance"][0]
    assert data["firstAppearance"]["url"] == "https://ledger.example/a1"
    assert data["firstAppearance"]["publisher"] == {"@type": "Organization", "name": "Lakeside Ledger"}
    assert data["datePublished"] == "2025-05-01T08:00:00+02:00"
    assert data["author"] == {"@type": "Person", "name": "Ilka Marsh"}
    assert "publisher" not in data["appearance"][2]  # no outlet known
    assert json.loads(json.dumps(data)) == data


def test_claim_without_reports(brief: dict) -> None:
    data = claim({**brief, "sources": []})
    assert data["text"] == brief["claim"]
    assert "appearance" not in data and "author" not in data


def test_claim_review(brief: dict) -> None:
    review = claim_review(brief, "Harbour Fact Desk", "2026-01-02")
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == brief["claim"]
    assert review["itemReviewed"]["@type"] == "Claim"
    assert review["itemReviewed"]["firstAppearance"]["identifier"] == "a1"
    assert review["author"] == {"@type": "Organization", "name": "Harbour Fact Desk"}
    assert review["datePublished"] == "2026-01-02"
    assert review["reviewRating"]["ratingValue"] == 3
    assert review["reviewRating"]["alternateName"] == "Contested"


@pytest.mark.parametrize(
    ("status", "value"),
    [("officially confirmed", 5), ("corroborated", 4), ("unverified", 3), ("contested", 3), ("refuted", 1)],
)
def test_rating_follows_status(brief: dict, status: str, value: int) -> None:
    rating = claim_review({**brief, "status": status}, "Desk", "2026-01-02")["reviewRating"]
    assert (rating["ratingValue"], rating["worstRating"], rating["bestRating"]) == (value, 1, 5)


def test_every_status_has_a_rating() -> None:
    assert set(RATINGS) == set(STATUS_ORDER)
