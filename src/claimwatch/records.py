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


@dataclass(frozen=True, slots=True)
class Span:
    """Characters ``start:end`` of an article body (or of the text a statement came from)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class SaidOn:
    """When a statement was made: a day, a range of days, or a month, and the phrase it came from."""

    start: str | None  # ISO date (YYYY-MM-DD), or YYYY-MM for a month
    end: str | None  # same as start unless a range
    precision: str  # "day" | "range" | "month" | "year" | "publication"
    phrase: str | None  # the words the date was read from; None when it is the publication date


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a statement is attributed to, resolved to a canonical entity where possible."""

    mention: Span | None  # the words in this sentence ("he", "the Kremlin"); None for the outlet's own voice
    entity: str | None  # canonical name ("Volodymyr Zelensky", "Government of Russia")
    entity_type: str | None  # "person" | "organization" | "country" | "outlet" | "group"
    role: str | None = None  # "Deputy Foreign Minister", "spokesperson"
    affiliation: str | None = None  # "National Security Council", "Ministry of National Defense"
    country: str | None = None  # ISO 3166 alpha-3
    resolved_from: Span | None = None  # the earlier mention a pronoun or description was resolved to
    written_name: str | None = None  # the name as this mention spells it ("Zelenskyy", "NIS"); None for "he"


@dataclass(frozen=True, slots=True)
class Statement:
    """One attribution: who said (claimed, denied, accused...) what, where and when."""

    id: str
    article_id: str
    sentence_index: int
    start: int  # the statement's extent in the body: from the first of speaker, cue, content to the last
    end: int
    speaker: Speaker
    cue: Span | None
    cue_lemma: str | None
    content: Span
    kind: str  # "direct" | "indirect" | "mixed" | "reported_act"
    voice: str = "source"  # "source", or "outlet" for the outlet's own unattributed assessment
    venue: str | None = None
    said_on: SaidOn | None = None
    parent_id: str | None = None  # the statement this one is nested in ("X said Y had told him...")

    def to_json(self) -> dict:
        said = self.said_on
        return {
            "id": self.id,
            "article_id": self.article_id,
            "sentence_index": self.sentence_index,
            "speaker": self.speaker.mention.text if self.speaker.mention else self.speaker.entity,
            "speaker_entity": self.speaker.entity,
            "speaker_type": self.speaker.entity_type,
            "speaker_role": self.speaker.role,
            "speaker_affiliation": self.speaker.affiliation,
            "speaker_country": self.speaker.country,
            "speaker_span": [self.speaker.mention.start, self.speaker.mention.end] if self.speaker.mention else None,
            "cue": self.cue.text if self.cue else None,
            "cue_lemma": self.cue_lemma,
            "cue_span": [self.cue.start, self.cue.end] if self.cue else None,
            "content": self.content.text,
            "content_span": [self.content.start, self.content.end],
            "kind": self.kind,
            "voice": self.voice,
            "venue": self.venue,
            "said_on": said.start if said else None,
            "said_on_end": said.end if said else None,
            "said_on_precision": said.precision if said else None,
            "said_on_phrase": said.phrase if said else None,
            "parent_id": self.parent_id,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class ProcessedArticle:
    """An article with everything the per-article stages derived from it, ready to store."""

    article: Article
    statements: tuple[Statement, ...] = ()
    assessments: tuple[Assessment, ...] = ()
    encoding: str | None = None
    features: object | None = None  # stories.features.ArticleFeatures (typed there to keep records import-light)


@dataclass(frozen=True, slots=True)
class Proposition:
    """What a statement's content claims, reduced to who does what to whom, where and when."""

    actor: str | None  # canonical ("North Korea")
    actor_code: str | None  # ISO alpha-3 when the actor is a country or its government
    predicate: str  # event family ("send_troops") or the verb lemma when no family fits
    object: str | None
    recipient: str | None
    recipient_code: str | None
    place: str | None = None
    time: str | None = None
    text: str = ""  # a readable form: "North Korea is sending troops to Russia"

    @property
    def key(self) -> str:
        """Claims with the same key are the same claim."""
        return "|".join([self.predicate, self.actor_code or (self.actor or "?").lower(), self.recipient_code or "*"])


@dataclass(frozen=True, slots=True)
class Assessment:
    """How a statement's speaker stands to its content: the stance stage's output per statement."""

    statement_id: str
    polarity: str  # "affirmed" | "negated"
    certainty: str  # ICD 203 term, or "not stated"
    probability: float | None  # midpoint of the ICD 203 band, None when not stated
    certainty_cue: str | None  # the words the certainty was read from ("high possibility")
    conditional: bool
    condition: str | None  # "if true", "if it comes under attack", "would"
    evidential: str | None  # "intelligence" | "documents" | "imagery" | "unnamed_officials" | "media" | "observation"
    act: str  # asserts | accuses | confirms | assesses | reports | investigates | expresses_concern |
    # questions | denies | retracts | pledges | threatens
    plover: str | None  # PLOVER event label where one fits: "ACCUSE/allege (CAMEO 1123)" (stance/plover.py)
    proposition: Proposition | None
    claim_key: str | None  # the claim this statement bears on (its own or, for a denial, the denied one)

    def to_json(self) -> dict:
        return {
            "polarity": self.polarity,
            "certainty": self.certainty,
            "probability": self.probability,
            "certainty_cue": self.certainty_cue,
            "conditional": self.conditional,
            "condition": self.condition,
            "evidential": self.evidential,
            "act": self.act,
            "plover": self.plover,
        }


@dataclass(frozen=True, slots=True)
class SettledRows:
    """Entity and claim rows the statement and stance stages decided against the stored ones, ready to save.

    ``speaker_entity_ids`` and ``claim_ids`` map a statement id to the entity that spoke it and the claim it
    bears on; ``entities`` and ``claims`` are the new or changed rows of those tables.
    """

    speaker_entity_ids: dict[str, str] = field(default_factory=dict)
    entities: tuple[dict, ...] = ()
    claim_ids: dict[str, str] = field(default_factory=dict)
    claims: tuple[dict, ...] = ()

