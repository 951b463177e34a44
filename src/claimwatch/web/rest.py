"""The REST API (``/api``): the shapes of ``claimwatch.api`` and the CLI's ``--json``, with filters and pages."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, File, Form, Query, UploadFile
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from pydantic import BaseModel, Field

from claimwatch import api
from claimwatch.errors import Errors, InputError
from claimwatch.ingest import decode_input
from claimwatch.store import search as fts
from claimwatch.stories.brief import render_html, render_markdown
from claimwatch.web import queries
from claimwatch.web.desk import DeskDep, cached_brief, cached_stories
from claimwatch.web.render import timeline_points, word_diff
from claimwatch.web.responses import RowFormat, rows_as, standalone_html

router = APIRouter(prefix="/api", tags=["api"])

Limit = Annotated[int, Query(ge=1, le=500, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000_000, description="Items to skip.")]
Text = Annotated[str | None, Query(max_length=200)]
Code = Annotated[str | None, Query(max_length=40)]
Ident = Annotated[str, Query(min_length=1, max_length=64)]


class WatchIn(BaseModel):
    claim: str = Field(min_length=3, max_length=500, description="The claim to track, as a sentence.")


# -- reading --------------------------------------------------------------------------


@router.get("/articles", response_model=None)
def articles(
    desk: DeskDep, outlet: Text = None, since: date | None = None, until: date | None = None, story: Code = None,
    q: Text = None, limit: Limit = 50, offset: Offset = 0, format: RowFormat = "json",
) -> dict | Response:
    """Stored article versions (metadata, no body), oldest publication first."""
    filters = queries.ArticleFilters(outlet=outlet, since=since, until=until, story=story, q=q)
    return rows_as(queries.articles_page(desk.store, filters, limit, offset), format, "articles")


@router.get("/articles/{article_id}")
def article(desk: DeskDep, article_id: str) -> dict:
    """One article (id or unique prefix): metadata, clean text, paragraphs, revision chain."""
    return api.show_article(desk.store, article_id)


@router.get("/articles/{article_id}/diff")
def article_diff(desk: DeskDep, article_id: str, against: Ident) -> dict:
    """Word-level changes from the version ``against`` to this one: ``[[op, text]]``, op same, del or ins."""
    new, old = api.show_article(desk.store, article_id), api.show_article(desk.store, against)
    return {"from": old["id"], "to": new["id"], "changes": word_diff(old["body"], new["body"])}


@router.get("/statements", response_model=None)
def statements(
    desk: DeskDep, speaker: Text = None, entity: Code = None, country: Code = None, act: Code = None,
    certainty: Code = None, outlet: Text = None, since: date | None = None, until: date | None = None,
    article: Code = None, claim: Code = None, story: Code = None, q: Text = None, limit: Limit = 50,
    offset: Offset = 0, format: RowFormat = "json",
) -> dict | Response:
    """Who said what, with provenance; every filter given must match (``q``: full-text words)."""
    filters = queries.StatementFilters(
        speaker=speaker, entity=entity, country=country, act=act, certainty=certainty, outlet=outlet, since=since,
        until=until, article=article, claim=claim, story=story, q=q,
    )
    return rows_as(queries.statements_page(desk.store, filters, limit, offset), format, "statements")


@router.get("/entities", response_model=None)
def entities(
    desk: DeskDep, q: Text = None, type: Code = None, country: Code = None, limit: Limit = 50, offset: Offset = 0,
    format: RowFormat = "json",
) -> dict | Response:
    """Canonical speakers, most statements first; ``q`` matches the name or an alias."""
    return rows_as(queries.entities_page(desk.store, q, type, country, limit, offset), format, "entities")


@router.get("/entities/{entity_id}")
def entity(desk: DeskDep, entity_id: str) -> dict:
    return queries.entity(desk.store, entity_id)


@router.get("/claims", response_model=None)
def claims(
    desk: DeskDep, story: Code = None, limit: Limit = 50, offset: Offset = 0, format: RowFormat = "json"
) -> dict | Response:
    """Claims with their statements grouped by act, most statements first (optionally one story's)."""
    return rows_as(queries.claims_page(desk.store, story, limit, offset), format, "claims")


@router.get("/stories", response_model=None)
def stories(desk: DeskDep, limit: Limit = 20, offset: Offset = 0, format: RowFormat = "json") -> dict | Response:
    """Stories, newest first: span of dates, reports, independent origins, top voices."""
    return rows_as(cached_stories(desk, limit, offset), format, "stories")


@router.get("/stories/{story_id}")
def story(desk: DeskDep, story_id: str) -> dict:
    return api.story_summary(desk.store, desk.store.story(story_id), desk.gazetteer)


@router.get("/stories/{story_id}/timeline")
def story_timeline(desk: DeskDep, story_id: str) -> list[dict]:
    """The story page's chart points: when said, voice, act (symbol), certainty (colour), quote, link."""
    return timeline_points(cached_brief(desk, desk.store.story(story_id)["id"])["statements"])


@router.get("/briefs/{target}", response_model=None)
def brief(desk: DeskDep, target: str, format: Literal["json", "md", "html"] = "json") -> Response | dict:
    """The brief on a watch or a story (id or unique prefix) as JSON, Markdown or a standalone HTML page."""
    data = cached_brief(desk, target)
    if format == "md":
        return PlainTextResponse(render_markdown(data), media_type="text/markdown; charset=utf-8")
    if format == "html":
        return standalone_html(render_html(data))
    return data


@router.get("/watches", response_model=None)
def watches(desk: DeskDep, format: RowFormat = "json") -> list[dict] | Response:
    return rows_as(api.list_watches(desk.store), format, "watches")


@router.get("/search", response_model=None)
def search(
    desk: DeskDep, q: Annotated[str, Query(min_length=1, max_length=200)],
    kind: Literal["statements", "articles"] = "statements", limit: Limit = 20, offset: Offset = 0,
    format: RowFormat = "json",
) -> dict | Response:
    """Full-text search; each snippet marks matches with \\u0002 ... \\u0003 (see store/search.py)."""
    found = fts.search(desk.store.engine, q, kind, limit, offset)
    return rows_as(queries.page(found["items"], found["total"], limit, offset), format, f"search-{kind}")


# -- writing (token required) ----------------------------------------------------------


@router.post("/watches", status_code=201)
def add_watch(desk: DeskDep, body: WatchIn) -> dict:
    """Track a claim: every stored and future report and statement bearing on it is linked."""
    return api.add_watch(desk.store, body.claim, desk.gazetteer)


@router.delete("/watches/{watch_id}", status_code=204)
def remove_watch(desk: DeskDep, watch_id: str) -> Response:
    api.remove_watch(desk.store, watch_id)
    return Response(status_code=204)


@router.post("/ingest")
def ingest(
    desk: DeskDep, files: Annotated[list[UploadFile], File(description="Articles: text, HTML, JSON Lines, .gz")],
    format: Annotated[Literal["text", "html", "jsonl"] | None, Form()] = None,
) -> JSONResponse:
    """Ingest uploaded files like ``claimwatch ingest``: the same per-input outcomes and coded errors."""
    documents = [doc for upload in files for doc in upload_documents(upload, format, desk.max_upload_bytes)]
    report = api.ingest_documents(desk.store, documents, gazetteer=desk.gazetteer)
    data = report.to_json()
    stored = data["ingested"] + data["revised"] + data["duplicate"]
    return JSONResponse(data, status_code=200 if stored or not data["failed"] else 422)


def upload_documents(upload: UploadFile, fmt: str | None, max_bytes: int) -> list:
    """The documents in one uploaded file, or the error that stops it (E015 over the size limit, ...)."""
    name = Path(upload.filename or "upload").name[-200:] or "upload"
    data = upload.file.read(max_bytes + 1)
    if len(data) > max_bytes:
        return [InputError(name, Errors.E015.format(limit=max_bytes, when=""))]
    try:
        return list(decode_input(name, data, fmt))
    except InputError as error:
        return [error]
