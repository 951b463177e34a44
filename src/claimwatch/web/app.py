"""The web desk's FastAPI application: ``create_app(store_url, token)``.

Nothing is global: each app opens its own store and keeps what its routes share in
``app.state.desk``. Errors are JSON ``{"error": {"code", "message", "status"}}`` for the API (an
HTML page for a browser asking for a page), always 4xx for a bad request.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader
from markupsafe import Markup, escape
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.base import BaseHTTPMiddleware

from claimwatch import __version__
from claimwatch.errors import ClaimwatchError, Errors, StoreError
from claimwatch.gazetteer import Gazetteer, load_gazetteer
from claimwatch.ingest.sources import DEFAULT_MAX_BYTES
from claimwatch.store import Store
from claimwatch.web.security import OPEN_PATHS, SAFE_METHODS, Access, new_nonce, security_headers

STATIC = Path(__file__).parent / "static"
CACHE_SIZE = 256
NOT_FOUND_CODES = ("E201", "E204")
_CODE = re.compile(r"\[(E\d{3})\] ")


@dataclass
class Desk:
    """What every route of one app shares."""

    store: Store
    gazetteer: Gazetteer
    access: Access
    templates: Environment
    max_upload_bytes: int = DEFAULT_MAX_BYTES
    sources: list[str] | None = None
    cache: dict = field(default_factory=dict)

    def cached(self, key: tuple, compute):
        """``compute()``, remembered until the store's files change (SQLite; elsewhere no caching)."""
        stamp = store_stamp(self.store)
        if stamp is None:
            return compute()
        if self.cache.get("stamp") != stamp or len(self.cache) > CACHE_SIZE:
            self.cache.clear()
            self.cache["stamp"] = stamp
        value = self.cache.get(key)  # one read: another request thread may clear the cache meanwhile
        if value is None:
            value = compute()
            self.cache[key] = value
        return value


def store_stamp(store: Store) -> tuple | None:
    """Changes with every commit to an SQLite file store (the database and its write-ahead log)."""
    url = store.engine.url
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    stamp = []
    for suffix in ("", "-wal"):
        try:
            info = os.stat(url.database + suffix)
        except OSError:
            info = None
        stamp.append((info.st_mtime_ns, info.st_size) if info else None)
    return tuple(stamp)


def create_app(
    store_url: str,
    token: str | None = None,
    *,
    gazetteers: Sequence[Path] = (),
    sources: list[str] | None = None,
    max_upload_bytes: int = DEFAULT_MAX_BYTES,
) -> FastAPI:
    """An app over the store at ``store_url`` (a path or SQLAlchemy URL).

    With ``token`` every request must carry it, and writes (ingest, watches) are allowed.
    """
    from claimwatch.web import pages, rest

    store = Store(store_url)
    desk = Desk(
        store=store, gazetteer=load_gazetteer(list(gazetteers)), access=Access(token or None),
        templates=template_environment(), max_upload_bytes=max_upload_bytes, sources=sources,
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        store.close()

    app = FastAPI(
        title="claimwatch desk", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
        description="Who claims what in the news: articles, statements, speakers, claims, stories, watches, briefs.",
    )
    app.state.desk = desk
    app.include_router(rest.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _add_error_handlers(app)
    app.add_middleware(Guard)
    app.add_middleware(BodyLimit, limit=max_upload_bytes)
    return app


def template_environment() -> Environment:
    environment = Environment(loader=PackageLoader("claimwatch.web", "templates"), autoescape=True)
    environment.filters["q"] = lambda value: quote(str(value), safe="")
    environment.filters["marks"] = marks
    return environment


def marks(snippet: str) -> Markup:
    """A search snippet escaped, its match marks (see store/search.py) turned into ``<mark>``."""
    from claimwatch.store.search import MARK_END, MARK_START

    return escape(snippet).replace(MARK_START, Markup("<mark>")).replace(MARK_END, Markup("</mark>"))


# -- access, headers, body size -----------------------------------------------------------


class Guard(BaseHTTPMiddleware):
    """Token, read-only mode and cross-site writes checked before any route; security headers after."""

    async def dispatch(self, request: Request, call_next) -> Response:
        request.state.nonce = new_nonce()
        response = _refusal(request, request.app.state.desk.access) or await call_next(request)
        for name, value in security_headers(request.state.nonce).items():
            response.headers.setdefault(name, value)
        return response


def _refusal(request: Request, access: Access) -> Response | None:
    path, method = request.url.path, request.method
    if path in OPEN_PATHS:
        return None
    if not access.authorized(request):
        if method == "GET" and wants_html(request):
            target = path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
        return error_response(401, Errors.E501, headers={"WWW-Authenticate": "Bearer"})
    if method not in SAFE_METHODS:
        if not access.writable:
            return error_response(403, Errors.E502)
        origin = request.headers.get("origin")
        if origin and urlsplit(origin).netloc != request.url.netloc:
            return error_response(403, Errors.E505.format(reason="a write from another site"))
    return None


class BodyLimit:
    """Refuses request bodies over ``limit`` bytes (413), by Content-Length or while reading."""

    def __init__(self, app, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope["headers"]).get(b"content-length", b"0")
        if not declared.isdigit():
            return await error_response(400, Errors.E505.format(reason="Content-Length is no number"))(
                scope, receive, send
            )
        if int(declared) > self.limit:
            return await error_response(413, Errors.E506.format(limit=self.limit))(scope, receive, send)
        received = 0

        async def counted():
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.limit:
                raise HTTPException(413, Errors.E506.format(limit=self.limit))
            return message

        return await self.app(scope, counted, send)


# -- errors ----------------------------------------------------------------------------------


def wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api") and "text/html" in request.headers.get("accept", "")


def error_response(status: int, message: str, headers: dict | None = None) -> JSONResponse:
    match = _CODE.search(message)
    body = {"error": {"code": match.group(1) if match else None, "message": message, "status": status}}
    return JSONResponse(body, status_code=status, headers=headers)


def _error(request: Request, status: int, message: str, headers: dict | None = None) -> Response:
    if wants_html(request):
        from claimwatch.web.pages import error_page

        return error_page(request, status, message)
    return error_response(status, message, headers)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        text = str(exc)
        if any(text.startswith(f"[{code}]") for code in NOT_FOUND_CODES):
            return _error(request, 404, text)
        return _error(request, 400 if text.startswith("[E202]") else 503, text)

    @app.exception_handler(ClaimwatchError)
    async def claimwatch_error(request: Request, exc: ClaimwatchError) -> Response:
        return _error(request, 400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        reason = "; ".join(_describe(error) for error in exc.errors()[:5])
        return _error(request, 422, Errors.E505.format(reason=reason))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404 and exc.detail == "Not Found":
            message = Errors.E503.format(path=request.url.path)
        elif exc.status_code == 405:
            message = Errors.E504.format(method=request.method, path=request.url.path)
        else:
            message = str(exc.detail)
        return _error(request, exc.status_code, message, getattr(exc, "headers", None))


def _describe(error: dict) -> str:
    where = ".".join(str(part) for part in error.get("loc", ()) if part not in ("query", "path", "body"))
    return f"{where or 'request'}: {error.get('msg', 'invalid')}"
