"""Responses every router builds: a page from a template, an error as JSON or as a page, a standalone brief,
a download (rows as JSON Lines or CSV, an export)."""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Annotated, Literal

from fastapi import Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from claimwatch.errors import code_of
from claimwatch.exports import tables
from claimwatch.web.security import security_headers


def render(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
    desk = request.app.state.desk
    html = desk.templates.get_template(template).render(
        request=request, nonce=request.state.nonce, writable=desk.access.writable,
        logged_in=desk.access.token is not None, **context,
    )
    return HTMLResponse(html, status_code=status)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "error.html", status=status, status_code=status, message=message)


def wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api") and "text/html" in request.headers.get("accept", "")


def error_response(status: int, message: str, headers: dict | None = None) -> JSONResponse:
    body = {"error": {"code": code_of(message) or None, "message": message, "status": status}}
    return JSONResponse(body, status_code=status, headers=headers)


def error_for(request: Request, status: int, message: str, headers: dict | None = None) -> Response:
    """An error page for a browser asking for a page, else the JSON error."""
    if wants_html(request):
        return error_page(request, status, message)
    return error_response(status, message, headers)


def standalone_html(document: str) -> HTMLResponse:
    """The brief's own HTML page, its inline stylesheet allowed by hash and no script at all."""
    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(style.encode()).digest()).decode() + "'"
        for style in re.findall(r"<style>(.*?)</style>", document, re.S)
    ]
    headers = security_headers("unused")
    headers["Content-Security-Policy"] = (
        f"default-src 'none'; style-src {' '.join(hashes) or 'none'}; img-src 'self' data:; base-uri 'none'; "
        "form-action 'none'; frame-ancestors 'none'"
    )
    return HTMLResponse(document, headers=headers)


RowFormat = Annotated[
    Literal["json", "jsonl", "csv"], Query(description="json (a page), or the page's items as jsonl or csv.")
]


def rows_as(found: dict | list, fmt: str, name: str) -> Response | dict | list:
    """A list route's answer: the page (or list) as JSON, or its items as JSON Lines or CSV (``exports.tables``,
    as the CLI writes them) to download, with the page's total in ``X-Total-Count``."""
    if fmt == "json":
        return found
    items = found["items"] if isinstance(found, dict) else found
    total = {"X-Total-Count": str(found["total"])} if isinstance(found, dict) else {}
    return download(tables.render(items, fmt), tables.MEDIA_TYPES[fmt], f"claimwatch-{name}.{fmt}", total)


def download(text: str, media_type: str, filename: str, headers: dict[str, str] | None = None) -> Response:
    """``text`` as a file the browser saves as ``filename``."""
    disposition = {"Content-Disposition": f'attachment; filename="{filename}"'}
    return Response(text, media_type=media_type, headers={**disposition, **(headers or {})})
