"""Exports over REST (``/api/exports``), linked for download from the story and watch pages (docs/exports.md)."""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from claimwatch import api
from claimwatch.exports.tables import render
from claimwatch.web.desk import DeskDep, cached_brief
from claimwatch.web.responses import download

router = APIRouter(prefix="/api/exports", tags=["exports"])
Code = Annotated[str | None, Query(max_length=40)]
Reviewer = Annotated[str | None, Query(min_length=1, max_length=200, description="Make it a ClaimReview by this name.")]


@router.get("/plover")
def plover(desk: DeskDep, story: Code = None, watch: Code = None, since: date | None = None) -> Response:
    """PLOVER event records (JSON Lines) of every statement, or of one story's or watch's, since a day."""
    records = api.export_plover(desk.store, story, since, watch, desk.gazetteer)
    scope = "".join(c for c in (story or watch or "all") if c.isalnum())
    return download(render(records, "jsonl"), "application/jsonl", f"claimwatch-{scope}.plover.jsonl")


@router.get("/{target}/stix")
def stix(desk: DeskDep, target: str) -> Response:
    """The STIX 2.1 bundle of a watch or story (id or unique prefix)."""
    brief = cached_brief(desk, target)
    return download(api.stix_of(brief), "application/stix+json;version=2.1", f"claimwatch-{brief['id']}.stix.json")


@router.get("/{target}/claim")
def claim(desk: DeskDep, target: str, review_by: Reviewer = None) -> Response:
    """schema.org Claim JSON-LD of a watch or story; with ``review_by`` a ClaimReview dated today."""
    brief = cached_brief(desk, target)
    text = json.dumps(api.claim_of(brief, review_by), indent=2, ensure_ascii=False)
    return download(text, "application/ld+json", f"claimwatch-{brief['id']}.claim.jsonld")
