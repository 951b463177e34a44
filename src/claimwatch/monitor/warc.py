"""Back-filling from web archives: the article pages in a WARC file (warcio), as documents."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from claimwatch.errors import Errors, InputError
from claimwatch.ingest.charset import header_charset
from claimwatch.monitor.errors import MonitorError
from claimwatch.monitor.pages import HTML_TYPES, JSON_TYPES, documents
from claimwatch.records import SourceDocument, SourceHints

ARTICLE_TYPES = (*HTML_TYPES, *JSON_TYPES, "text/plain")


@dataclass
class WarcCounts:
    records: int = 0
    pages: int = 0
    skipped: int = 0  # requests, metadata, non-200 responses, images, scripts


def warc_documents(path: str | Path, max_bytes: int, counts: WarcCounts | None = None
                   ) -> Iterator[SourceDocument | InputError]:
    """Each 200 response (or resource) of an article type in the archive, with its URL as the hint."""
    counts = counts if counts is not None else WarcCounts()
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below, after the generator is drained
    except OSError as exc:
        raise MonitorError(Errors.E418.format(path=path, reason=exc.strerror or exc)) from exc
    with handle:
        if not _looks_like_an_archive(handle.read(4096)):
            raise MonitorError(Errors.E418.format(path=path, reason="it does not start with a WARC (or ARC) record"))
        handle.seek(0)
        try:
            for record in ArchiveIterator(handle):
                counts.records += 1
                url = record.rec_headers.get_header("WARC-Target-URI")
                if record.rec_type not in ("response", "resource") or not url:
                    counts.skipped += 1
                    continue
                if record.rec_type == "response":
                    if record.http_headers is None or record.http_headers.get_statuscode() != "200":
                        counts.skipped += 1
                        continue
                    header = record.http_headers.get_header("Content-Type") or ""
                else:
                    header = record.rec_headers.get_header("Content-Type") or ""
                content_type = header.split(";", 1)[0].strip().lower()
                if content_type and content_type not in ARTICLE_TYPES:
                    counts.skipped += 1
                    continue
                data = record.content_stream().read(max_bytes + 1)
                if len(data) > max_bytes:
                    yield InputError(url, Errors.E015.format(limit=max_bytes, when=""))
                    continue
                counts.pages += 1
                fmt = "html" if content_type in HTML_TYPES else ("jsonl" if content_type in JSON_TYPES else None)
                yield from documents(url, data, fmt, SourceHints(url=url), header_charset(header))
        except ArchiveLoadFailed as exc:
            raise MonitorError(Errors.E418.format(path=path, reason=str(exc).strip()[:200])) from exc


def _looks_like_an_archive(head: bytes) -> bool:
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(wbits=47).decompress(head, 64)
        except zlib.error:
            return False
    return head.startswith((b"WARC/", b"filedesc://"))
