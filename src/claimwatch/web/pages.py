"""Server-rendered pages (Jinja2, autoescaped): home, story and watch, claim matrix, article, speaker, search."""

from __future__ import annotations

from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from claimwatch import api
from claimwatch.errors import Errors
from claimwatch.store import search as fts
from claimwatch.web import queries
from claimwatch.web.desk import DeskDep, cached_brief, cached_stories
from claimwatch.web.render import (
    ACT_SYMBOLS,
    CERTAINTY_COLOURS,
    claim_matrix,
    highlight,
    timeline_points,
    word_diff,
)
from claimwatch.web.responses import error_for, render
from claimwatch.web.rest import Offset
from claimwatch.web.security import COOKIE, safe_next

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50


def plotly_path() -> Path:
    """plotly.js as the ``plotly`` package ships it (no CDN, nothing copied into this project)."""
    return Path(str(resources.files("plotly").joinpath("package_data", "plotly.min.js")))


@router.get("/static/plotly.min.js")
def plotly_js() -> FileResponse:
    return FileResponse(plotly_path(), media_type="text/javascript", headers={"Cache-Control": "max-age=86400"})


# -- home and search --------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def home(request: Request, desk: DeskDep) -> HTMLResponse:
    watches = [
        {**watch, "status": cached_brief(desk, watch["id"])["status"]} for watch in api.list_watches(desk.store)
    ]
    newest = cached_stories(desk, limit=10, offset=0)
    return render(request, "home.html", watches=watches, stories=newest)


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request, desk: DeskDep, q: Annotated[str, Query(max_length=200)] = "",
    kind: Literal["statements", "articles"] = "statements", offset: Offset = 0,
) -> HTMLResponse:
    found = fts.search(desk.store.engine, q, kind, PAGE_SIZE, offset) if q.strip() else {"total": 0, "items": []}
    return render(request, "search.html", q=q, kind=kind, found=found, offset=offset, page_size=PAGE_SIZE,
                  mark_start=fts.MARK_START, mark_end=fts.MARK_END)


# -- stories and watches ------------------------------------------------------------------------


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, desk: DeskDep, story_id: str) -> HTMLResponse:
    story = desk.store.story(story_id)
    brief = cached_brief(desk, story["id"])
    return _dossier(request, brief, story=story)


@router.get("/watches/{watch_id}", response_class=HTMLResponse)
def watch_page(request: Request, desk: DeskDep, watch_id: str) -> HTMLResponse:
    watch = desk.store.watch(watch_id)
    return _dossier(request, cached_brief(desk, watch["id"]), watch=watch)


def _dossier(request: Request, brief: dict, **context) -> HTMLResponse:
    counts = Counter(row["act"] for row in brief["statements"])
    links = {row["id"]: row["link"] for row in brief["statements"]}
    return render(
        request, "dossier.html", brief=brief, points=timeline_points(brief["statements"]), act_counts=counts,
        symbols=ACT_SYMBOLS, colours=CERTAINTY_COLOURS, statement_links=links, **context,
    )


@router.get("/stories/{story_id}/matrix", response_class=HTMLResponse)
def matrix_page(request: Request, desk: DeskDep, story_id: str) -> HTMLResponse:
    story = desk.store.story(story_id)
    rows = desk.store.list_statements(article_ids=story["article_ids"])
    texts = queries.claim_texts(desk.store, {row["claim_id"] for row in rows if row["claim_id"]})
    summary = desk.cached(("summary", story["id"]), lambda: api.story_summary(desk.store, story, desk.gazetteer))

    def positions_of(claim_id: str) -> list[dict]:
        return api.claim_positions_in_story(desk.store, claim_id, story["article_ids"], desk.gazetteer)

    matrix = desk.cached(("matrix", story["id"]), lambda: claim_matrix(rows, texts, positions_of))
    return render(request, "matrix.html", story=summary, matrix=matrix)


# -- articles and speakers --------------------------------------------------------------------------


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(
    request: Request, desk: DeskDep, article_id: str, compare: Annotated[str | None, Query(max_length=64)] = None,
) -> HTMLResponse:
    data = queries.article_view(desk.store, article_id)
    diff = None
    earlier = [r for r in data["revisions"] if r["revision"] < _revision_of(data)]
    against = compare or (earlier[-1]["id"] if earlier else None)
    if against:
        other = api.show_article(desk.store, against)
        diff = {"against": other, "changes": word_diff(other["body"], data["body"])}
    return render(request, "article.html", article=data, body=highlight(data["body"], data["statements"]), diff=diff)


def _revision_of(data: dict) -> int:
    return next((r["revision"] for r in data["revisions"] if r["id"] == data["id"]), 1)


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(request: Request, desk: DeskDep, entity_id: str, offset: Offset = 0) -> HTMLResponse:
    speaker = queries.entity(desk.store, entity_id)
    said = queries.statements_page(desk.store, queries.StatementFilters(entity=speaker["id"]), 500, offset)
    texts = queries.claim_texts(desk.store, {row["claim_id"] for row in said["items"] if row["claim_id"]})
    groups: dict[str | None, list[dict]] = {}
    for row in sorted(said["items"], key=lambda r: (r["said_on"] or "", r["published"] or "")):
        groups.setdefault(row["claim_id"], []).append(row)
    by_claim = sorted(groups.items(), key=lambda item: (item[0] is None, -len(item[1])))
    points = timeline_points([{**row, "claim": texts.get(row["claim_id"])} for row in said["items"]], y_key="claim")
    return render(request, "entity.html", speaker=speaker, said=said, by_claim=by_claim, texts=texts,
                  points=points, offset=offset)


# -- documentation and login ----------------------------------------------------------------------


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    """The API reference, drawn from the OpenAPI schema (also at /openapi.json)."""
    schema = request.app.openapi()
    return render(request, "docs.html", schema=schema)


@router.get("/login", response_class=HTMLResponse, response_model=None)
def login_form(request: Request, next: Annotated[str, Query(max_length=2000)] = "/") -> Response:
    if request.app.state.desk.access.token is None:
        return RedirectResponse("/", status_code=303)
    return render(request, "login.html", next=safe_next(next), failed=False)


@router.post("/login", response_class=HTMLResponse, response_model=None)
def login(
    request: Request, token: Annotated[str, Form(max_length=500)],
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    access = request.app.state.desk.access
    client = request.client.host if request.client else ""
    if wait := access.logins.wait_seconds(client):
        return error_for(request, 429, Errors.E509.format(seconds=wait), {"Retry-After": str(wait)})
    if not token.strip() or not access.token_matches(token):
        access.logins.failed(client)
        return render(request, "login.html", status=401, next=safe_next(next), failed=True)
    response = RedirectResponse(safe_next(next), status_code=303)
    response.set_cookie(
        COOKIE, access.sessions.start(), max_age=access.sessions.seconds, secure=request.url.scheme == "https",
        httponly=True, samesite="strict", path="/",
    )
    return response


@router.post("/logout", response_model=None)
def logout(request: Request) -> Response:
    request.app.state.desk.access.sessions.end(request.cookies.get(COOKIE, ""))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE, path="/", secure=request.url.scheme == "https", httponly=True, samesite="strict")
    return response

