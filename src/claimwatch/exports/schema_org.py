"""A brief's claim as schema.org JSON-LD: a ``Claim``, or a ``ClaimReview`` of it by a named reviewer.

The Claim lists every report carrying it (``appearance``), the earliest one (``firstAppearance``),
and as ``author`` the voice that made the claim in that first appearance. A ClaimReview's rating
follows the claim's status on a 1-5 scale (docs/exports.md).
"""

from __future__ import annotations

from datetime import datetime

from claimwatch.exports.positions import statement_stance
from claimwatch.extract.dates import iso_to_utc

CONTEXT = "https://schema.org"
# status -> (ratingValue on 1..5, alternateName)
RATINGS = {
    "officially confirmed": (5, "Officially confirmed"),
    "corroborated": (4, "Corroborated"),
    "unverified": (3, "Unverified"),
    "contested": (3, "Contested"),
    "refuted": (1, "Refuted"),
}
PERSON_TYPES = {"person"}


def claim(brief: dict) -> dict:
    """The ``Claim`` JSON-LD of a brief (``api.brief``'s JSON)."""
    appearances = [_appearance(report) for report in _by_time(brief["sources"])]
    return {"@context": CONTEXT, "@type": "Claim", **_claim_body(brief, appearances)}


def claim_review(brief: dict, reviewer: str, reviewed_on: str) -> dict:
    """A ``ClaimReview`` by ``reviewer`` (a person or an organisation's name), dated ``reviewed_on``."""
    appearances = [_appearance(report) for report in _by_time(brief["sources"])]
    value, name = RATINGS[brief["status"]]
    return {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "claimReviewed": brief["claim"],
        "itemReviewed": {"@type": "Claim", **_claim_body(brief, appearances)},
        "author": {"@type": "Organization", "name": reviewer},
        "datePublished": reviewed_on,
        "reviewBody": brief["bottom_line"],
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": value,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": name,
            "ratingExplanation": f"Status {brief['status']}; likelihood (ICD 203): {brief['likelihood']}.",
        },
    }


def _claim_body(brief: dict, appearances: list[dict]) -> dict:
    body = {"text": brief["claim"]}
    if appearances:
        first = appearances[0]
        body["appearance"] = appearances
        body["firstAppearance"] = first
        if first.get("datePublished"):
            body["datePublished"] = first["datePublished"]
        author = _first_voice(brief["statements"], first["identifier"])
        if author:
            body["author"] = author
    return body


def _by_time(reports: list[dict]) -> list[dict]:
    return sorted(reports, key=lambda r: iso_to_utc(r["published"]) or datetime.max)


def _appearance(report: dict) -> dict:
    article = {"@type": "NewsArticle", "identifier": report["article_id"], "headline": report["title"]}
    if report["url"]:
        article["url"] = report["url"]
    if report["published"]:
        article["datePublished"] = report["published"]
    if report["outlet"]:
        article["publisher"] = {"@type": "Organization", "name": report["outlet"]}
    return {key: value for key, value in article.items() if value is not None}


def _first_voice(statements: list[dict], article_id: str) -> dict | None:
    """The first named voice backing the claim in a report (else the first named voice in it)."""
    own = [s for s in statements if s["article_id"] == article_id and s["speaker_entity"]]
    backing = [s for s in own if statement_stance(s) == "backs"]
    chosen = (backing or own or [None])[0]
    if chosen is None:
        return None
    kind = "Person" if chosen.get("speaker_type") in PERSON_TYPES else "Organization"
    return {"@type": kind, "name": chosen["speaker_entity"]}
