"""Fetched bytes to ``SourceDocument``s, with the hints the feed or sitemap gave."""

from __future__ import annotations

import dataclasses
import hashlib

from claimwatch.errors import Errors, InputError
from claimwatch.ingest import decode_input
from claimwatch.ingest.decode import HINT_FIELDS
from claimwatch.monitor.errors import RefusedError
from claimwatch.records import SourceDocument, SourceHints

HTML_TYPES = ("text/html", "application/xhtml+xml")
JSON_TYPES = ("application/json", "application/x-ndjson", "application/jsonl")
TEXT_TYPES = ("text/plain", "")
MIN_FEED_TEXT = 200  # characters of text a feed item must carry to stand in for its page


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def format_for(url: str, content_type: str) -> str | None:
    """The ingest format a content type means (None: detect); refuse what is not an article page."""
    if content_type in HTML_TYPES:
        return "html"
    if content_type in JSON_TYPES:
        return "jsonl"
    if content_type in TEXT_TYPES:
        return None
    raise RefusedError(Errors.E409.format(url=url, content_type=content_type))


def documents(
    source: str, data: bytes, fmt: str | None, hints: SourceHints, charset: str | None = None
) -> list[SourceDocument | InputError]:
    """The article(s) in fetched bytes; hints fill what a document's own record leaves empty.
    ``charset``: the encoding the HTTP Content-Type declared."""
    try:
        found = list(decode_input(source, data, fmt, charset=charset))
    except InputError as error:
        return [error]
    result: list[SourceDocument | InputError] = []
    for document in found:
        if isinstance(document, InputError):
            result.append(document)
            continue
        own = document.hints
        merged = SourceHints(**{name: getattr(own, name) or getattr(hints, name) for name in HINT_FIELDS})
        result.append(dataclasses.replace(document, hints=merged))
    return result


def feed_text_document(source: str, content: str, hints: SourceHints) -> SourceDocument | None:
    """The text a feed carries for an item (content:encoded, a long summary) as an HTML document."""
    if not content or len(content.strip()) < MIN_FEED_TEXT:
        return None
    data = content.encode("utf-8")
    return SourceDocument(source=source, format="html", content=f"<html><body>{content}</body></html>", raw=data,
                          encoding="utf-8", hints=hints)
