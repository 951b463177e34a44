"""The web desk's FastAPI application: ``create_app(store_url, token)``.

Nothing is global: each app opens its own store and keeps what its routes share in
``app.state.desk`` (see ``desk.py``). Errors are JSON ``{"error": {"code", "message", "status"}}`` for the API (an
HTML page for a browser asking for a page), always 4xx for a bad request.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import quote, urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.base import BaseHTTPMiddleware

from claimwatch import __version__
from claimwatch.errors import AmbiguousError, ClaimwatchError, Errors, InputError, NotFoundError, StoreError
from claimwatch.gazetteer import load_gazetteer
from claimwatch.ingest.sources import DEFAULT_MAX_BYTES
from claimwatch.store import Store
from claimwatch.web import exports, pages, rest
from claimwatch.web.desk import Desk, template_environment
from claimwatch.web.responses import error_for, error_response, wants_html
from claimwatch.web.security import OPEN_PATHS, SAFE_METHODS, Access, host_name, new_nonce, security_headers

STATIC = Path(__file__).parent / "static"
# The HTTP status of each error class, most specific first; any other ClaimwatchError is a bad request.
ERROR_STATUSES: tuple[tuple[type[ClaimwatchError], int], ...] = (
    (NotFoundError, 404),
    (AmbiguousError, 400),
    (StoreError, 503),
    (InputError, 400),
)


def status_of(error: ClaimwatchError) -> int:
    return next((status for kind, status in ERROR_STATUSES if isinstance(error, kind)), 400)


def create_app(
    store_url: str,
    token: str | None = None,
    *,
    gazetteers: Sequence[Path] = (),
    sources: list[str] | None = None,
    max_upload_bytes: int = DEFAULT_MAX_BYTES,
    allowed_hosts: Sequence[str] = (),
) -> FastAPI:
    """An app over the store at ``store_url`` (a path or SQLAlchemy URL).

    With ``token`` every request must carry it, and writes (ingest, watches) are allowed. Without
    one, only loopback host names and ``allowed_hosts`` are answered.
    """
    store = Store(store_url)
    access = Access(token or None, frozenset(host_name(host) for host in allowed_hosts))
    desk = Desk(
        store=store, gazetteer=load_gazetteer(list(gazetteers)), access=access,
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
    app.include_router(exports.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _add_error_handlers(app)
    app.add_middleware(Guard)
    app.add_middleware(BodyLimit, limit=max_upload_bytes)
    return app


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
    if not access.host_allowed(request):
        return error_for(request, 421, Errors.E508.format(host=request.headers.get("host", "")[:100]))
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
    """Refuses request bodies over ``limit`` bytes (413 E506), by Content-Length or, for a chunked body
    (no length given), by reading it up to the limit before the app sees any of it."""

    def __init__(self, app, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and not declared.isdigit():
            return await error_response(400, Errors.E505.format(reason="Content-Length is no number"))(
                scope, receive, send
            )
        if declared is not None and int(declared) > self.limit:
            return await error_response(413, Errors.E506.format(limit=self.limit))(scope, receive, send)
        if declared is not None or scope["method"] in ("GET", "HEAD"):
            return await self.app(scope, receive, send)
        messages, received = [], 0
        while True:  # at most ``limit`` bytes held, as the app itself would hold them
            message = await receive()
            messages.append(message)
            received += len(message.get("body", b""))
            if received > self.limit:
                return await error_response(413, Errors.E506.format(limit=self.limit))(scope, receive, send)
            if message["type"] != "http.request" or not message.get("more_body"):
                break

        async def replay():
            return messages.pop(0) if messages else await receive()

        return await self.app(scope, replay, send)


# -- errors ----------------------------------------------------------------------------------


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ClaimwatchError)
    async def claimwatch_error(request: Request, exc: ClaimwatchError) -> Response:
        return error_for(request, status_of(exc), str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        reason = "; ".join(_describe(error) for error in exc.errors()[:5])
        return error_for(request, 422, Errors.E505.format(reason=reason))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404 and exc.detail == "Not Found":
            message = Errors.E503.format(path=request.url.path)
        elif exc.status_code == 405:
            message = Errors.E504.format(method=request.method, path=request.url.path)
        else:
            message = str(exc.detail)
        return error_for(request, exc.status_code, message, getattr(exc, "headers", None))


def _describe(error: dict) -> str:
    where = ".".join(str(part) for part in error.get("loc", ()) if part not in ("query", "path", "body"))
    return f"{where or 'request'}: {error.get('msg', 'invalid')}"
