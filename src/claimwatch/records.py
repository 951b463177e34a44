"""Typed records that flow between pipeline stages.

Each stage is a plain function from one record type to the next, so a stage can be
mapped over a Dask bag unchanged: records are frozen, picklable and carry no
references to stores, models or open files.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Literal

Format = Literal["text", "html", "jsonl"]
IngestStatus = Literal["ingested", "duplicate", "revised", "failed"]


@dataclass(frozen=True, slots=True)
class SourceHints:
    """Metadata a source gave alongside the article (a JSON Lines record, a feed item)."""

    url: str | None = None
    title: str | None = None
    author: str | None = None
    published: str | None = None
    outlet: str | None = None


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """One article's worth of input: what the ingest stage hands to extraction."""

    source: str  # path, "path:LINE" for JSON Lines, "<stdin>", or a URL
    format: Literal["text", "html"]
    content: str  # decoded text or HTML
    raw: bytes  # the bytes this document came from, kept for provenance
    encoding: str
    hints: SourceHints = field(default_factory=SourceHints)


@dataclass(frozen=True, slots=True)
class Paragraph:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Article:
    """A clean article with faithful metadata: the extract stage's output."""

    id: str
    source: str
    format: str
    body: str
    paragraphs: tuple[Paragraph, ...]
    raw: bytes
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None  # ISO 8601 with UTC offset, or a bare date when only that is known
    updated: str | None = None
    timezone: str | None = None  # IANA name or "+09:00" style offset
    timezone_inferred: bool = False
    timezone_source: str | None = None  # "given", "dateline", "outlet", "assumed-utc"
    dateline: str | None = None
    dateline_text: str | None = None
    agencies: tuple[str, ...] = ()
    language: str | None = None
    removed_lines: tuple[str, ...] = ()  # captions and page furniture taken out of the body

    def to_json(self, *, with_body: bool = False) -> dict:
        """The stable JSON shape shared by the CLI's --json output and the API."""
        data = {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "authors": list(self.authors),
            "published": self.published,
            "updated": self.updated,
            "timezone": self.timezone,
            "timezone_inferred": self.timezone_inferred,
            "timezone_source": self.timezone_source,
            "dateline": self.dateline,
            "agencies": list(self.agencies),
            "language": self.language,
            "url": self.url,
            "source": self.source,
            "format": self.format,
        }
        if with_body:
            data["body"] = self.body
            data["paragraphs"] = [asdict(p) for p in self.paragraphs]
            data["removed_lines"] = list(self.removed_lines)
        return data


@dataclass(frozen=True, slots=True)
class IngestOutcome:
    """What happened to one input: the store stage's output."""

    source: str
    status: IngestStatus
    article_id: str | None = None
    revision_of: str | None = None
    title: str | None = None
    error: str | None = None


_WHITESPACE = re.compile(r"\s+")


def normalise_body(body: str) -> str:
    """The form an article id is computed from: Unicode-normalised, whitespace folded."""
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFKC", body)).strip().casefold()


def article_id(body: str) -> str:
    """Stable id: the same text gives the same id whatever its source or spacing."""
    return hashlib.sha256(normalise_body(body).encode("utf-8")).hexdigest()[:16]
