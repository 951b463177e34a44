"""The Python API: the CLI and the web app are thin faces over these functions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from importlib import resources
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from claimwatch.errors import InputError
from claimwatch.gazetteer import Gazetteer, load_gazetteer
from claimwatch.ingest import decode_input, expand_inputs, read_item
from claimwatch.ingest.sources import DEFAULT_MAX_BYTES, InputItem
from claimwatch.records import Assessment, IngestOutcome, ProcessedArticle, SettledRows, SourceDocument, Statement
from claimwatch.store import Store

if TYPE_CHECKING:
    from claimwatch.pipeline import LocalProcessor
    from claimwatch.workers import DaskProcessor

    Processor = LocalProcessor | DaskProcessor

# The language stages (spaCy, datasketch, scikit-learn) are imported by the functions that run them,
# so that listing and reading commands start fast.

# New articles stored between two settles (stories placed, watches linked). With workers, settling
# as results arrive overlaps it with their parsing, where one settle at the end ran after all of it.
# Settles fall after the same inputs whatever the processor, so the store's content stays the same.
SETTLE_EVERY = 16


@dataclass
class IngestReport:
    outcomes: list[IngestOutcome] = field(default_factory=list)
    skipped_files: int = 0

    @property
    def counts(self) -> Counter:
        counts = Counter({"ingested": 0, "duplicate": 0, "revised": 0, "failed": 0})
        counts.update(outcome.status for outcome in self.outcomes)
        return counts

    @property
    def new_article_ids(self) -> list[str]:
        """Articles this batch stored: new ones and new revisions."""
        return [o.article_id for o in self.outcomes if o.status in ("ingested", "revised") and o.article_id]

    @property
    def failures(self) -> list[IngestOutcome]:
        return [outcome for outcome in self.outcomes if outcome.status == "failed"]

    def to_json(self) -> dict:
        return {
            **dict(self.counts),
            "skipped_files": self.skipped_files,
            "outcomes": [{k: v for k, v in vars_of(outcome).items() if v is not None} for outcome in self.outcomes],
        }


def vars_of(record) -> dict:
    return {name: getattr(record, name) for name in record.__slots__}


def sample_corpus_path() -> Path:
    """The bundled fictional sample story (see its README)."""
    return Path(str(resources.files("claimwatch.data").joinpath("sample")))


def sample_gazetteer_path() -> Path:
    return sample_corpus_path() / "gazetteer.toml"


def ingest(
    store: Store,
    paths: Iterable[str],
    *,
    fmt: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    gazetteer: Gazetteer | None = None,
    stdin: BinaryIO | None = None,
    on_outcome: Callable[[IngestOutcome], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    with_statements: bool = True,
    processor: Processor | None = None,
) -> IngestReport:
    """Read, extract and store every article under ``paths``; failures are reported, not raised.

    ``processor`` runs the per-article stages (``pipeline.LocalProcessor`` by default, or a
    ``workers.DaskProcessor``, which then brings its own gazetteer and ``with_statements``); whichever
    it is, this process stores the results in input order, so the store ends up the same.
    """
    gazetteer = gazetteer or load_gazetteer()
    items, missing, skipped = expand_inputs(paths)
    report = IngestReport(skipped_files=skipped)
    if on_start:
        on_start(len(items) + len(missing))
    for error in missing:
        _record(report, _failed(error), on_outcome)
    units = ((item, read_documents(item, fmt, max_bytes, stdin)) for item in items)
    processor = processor or local_processor(gazetteer, with_statements, stored=store.has_article)
    _store_all(store, report, units, processor, on_outcome, with_statements)
    return report


def read_documents(
    item: InputItem, fmt: str | None, max_bytes: int, stdin: BinaryIO | None
) -> list[SourceDocument | InputError]:
    """One input's documents (a JSON Lines file may hold many), or the error that stopped its reading."""
    try:
        data = read_item(item, max_bytes, stdin)
        return list(decode_input(item.source, data, fmt, max_bytes))
    except InputError as error:
        return [error]


def local_processor(
    gazetteer: Gazetteer, with_statements: bool = True, stored: Callable[[str], bool] | None = None
) -> LocalProcessor:
    """The per-article stages in this process; ``stored(article_id)`` spares parsing a text already stored."""
    from claimwatch.pipeline import LocalProcessor

    return LocalProcessor(gazetteer, with_statements=with_statements, stored=stored)


def _store_all(
    store: Store, report: IngestReport, units, processor: Processor, on_outcome, with_statements: bool
) -> None:
    """Store every result in input order, settling (stories, watch links) after each ``SETTLE_EVERY``
    new articles and at the end."""
    unsettled = 0
    for _, results in processor.map(units):
        for result in results:
            outcome = store_processed(store, result)
            _record(report, outcome, on_outcome)
            unsettled += outcome.status in ("ingested", "revised")
        if unsettled >= SETTLE_EVERY:
            settle_ingest(store, with_statements=with_statements)
            unsettled = 0
    settle_ingest(store, with_statements=with_statements)


def _record(report: IngestReport, outcome: IngestOutcome, on_outcome) -> None:
    report.outcomes.append(outcome)
    if on_outcome:
        on_outcome(outcome)


def _failed(error: InputError) -> IngestOutcome:
    return IngestOutcome(source=error.source, status="failed", error=error.message)


def ingest_sample(
    store: Store,
    on_outcome: Callable[[IngestOutcome], None] | None = None,
    gazetteer: Gazetteer | None = None,
    processor: Processor | None = None,
) -> IngestReport:
    """The demo: the bundled sample story, with its gazetteer of invented places and outlets."""
    gazetteer = gazetteer or sample_gazetteer()
    return ingest(store, [str(sample_corpus_path())], gazetteer=gazetteer, on_outcome=on_outcome, processor=processor)


def sample_gazetteer() -> Gazetteer:
    return load_gazetteer([sample_gazetteer_path()])


ARTICLE_FIELDS = (
    "id", "title", "outlet", "authors", "published", "updated", "timezone", "timezone_inferred", "timezone_source",
    "dateline", "agencies", "language", "url", "source", "revision", "revision_of",
)
ENTITY_FIELDS = ("id", "name", "type", "country", "role", "affiliation", "aliases", "statements")


def list_articles(store: Store) -> list[dict]:
    """One JSON-ready row per stored article version."""
    return [{name: row[name] for name in ARTICLE_FIELDS} for row in store.list_articles()]


def show_article(store: Store, id_or_prefix: str) -> dict:
    """An article's metadata, clean text, paragraphs and revision chain."""
    article = store.get_article(id_or_prefix)
    data = article.to_json(with_body=True)
    data["revisions"] = [
        {"id": r["id"], "revision": r["revision"], "updated": r["updated"], "ingested_at": r["ingested_at"].isoformat()}
        for r in store.revisions(article.id)
    ]
    return data


def extract_stored(store: Store, gazetteer: Gazetteer | None = None, article_id: str | None = None) -> int:
    """Re-run the statement stage over stored articles (all, or one); returns the statements stored."""
    from claimwatch.nlp import load_nlp
    from claimwatch.pipeline import BATCH_SIZE, statements_of

    gazetteer = gazetteer or load_gazetteer()
    nlp = load_nlp()
    ids = [store.resolve_id(article_id)] if article_id else store.article_ids()
    total = 0
    for start in range(0, len(ids), BATCH_SIZE):
        articles = [store.get_article(identifier) for identifier in ids[start : start + BATCH_SIZE]]
        for article, result in zip(articles, statements_of(articles, gazetteer, nlp), strict=True):
            if isinstance(result, InputError):
                raise result
            found, assessed = result
            store.replace_statements(article.id, found, assessed, settle_rows(store, found, assessed))
            total += len(found)
    return total


STATEMENT_FIELDS = (
    "id",
    "article_id",
    "sentence_index",
    "speaker",
    "speaker_entity",
    "speaker_entity_id",
    "speaker_type",
    "speaker_role",
    "speaker_affiliation",
    "speaker_country",
    "cue",
    "cue_lemma",
    "content",
    "kind",
    "voice",
    "venue",
    "said_on",
    "said_on_end",
    "said_on_precision",
    "said_on_phrase",
    "parent_id",
    "start",
    "end",
    "speaker_start",
    "speaker_end",
    "cue_start",
    "cue_end",
    "content_start",
    "content_end",
    "outlet",
    "published",
    "url",
    "language",  # the article's: statements keep their original text
    "polarity",
    "certainty",
    "probability",
    "certainty_cue",
    "conditional",
    "condition",
    "evidential",
    "act",
    "plover",
    "claim_id",
)


def list_statements(store: Store, article_id: str | None = None, speaker: str | None = None) -> list[dict]:
    """Statements with provenance (article id, sentence index, character offsets), JSON-ready."""
    return [{name: row[name] for name in STATEMENT_FIELDS} for row in store.list_statements(article_id, speaker)]


def list_entities(store: Store) -> list[dict]:
    """Canonical speakers with their aliases and how many statements each made."""
    return [{name: row[name] for name in ENTITY_FIELDS} for row in store.list_entities()]


CLAIM_STATEMENT_FIELDS = (
    "id",
    "article_id",
    "speaker_entity",
    "certainty",
    "conditional",
    "polarity",
    "said_on",
    "outlet",
    "content",
)


def list_claims(store: Store) -> list[dict]:
    """Claims with their statements grouped by act, most discussed first."""
    by_claim: dict[str, dict[str, list[dict]]] = {}
    for row in list_statements(store):
        if row["claim_id"]:
            by_claim.setdefault(row["claim_id"], {}).setdefault(row["act"], []).append(row)
    result = [claim_json(claim, by_claim.get(claim["id"], {})) for claim in store.list_claims()]
    return sorted(result, key=lambda c: -c["statements"])


def claim_json(claim: dict, acts: dict[str, list[dict]]) -> dict:
    """The JSON shape of one claim, shared by the CLI and the desk."""
    return {
        "id": claim["id"],
        "claim": claim["text"],
        "predicate": claim["predicate"],
        "actor": claim["actor"],
        "actor_code": claim["actor_code"],
        "recipient": claim["recipient"],
        "recipient_code": claim["recipient_code"],
        "statements": sum(len(rows) for rows in acts.values()),
        "by_act": {
            act: [{key: row[key] for key in CLAIM_STATEMENT_FIELDS} for row in rows]
            for act, rows in sorted(acts.items())
        },
    }


def report_stances(store: Store, claim: str, article_id: str | None = None) -> list[dict]:
    """The report-level stance model (FNC-1 classes) over one stored article or all of them."""
    from claimwatch.stance.report import load_report_stance_model

    model = load_report_stance_model()
    ids = [store.resolve_id(article_id)] if article_id else store.article_ids()
    found = [store.get_article(identifier) for identifier in ids]
    predictions = model.predict([(claim, article.body) for article in found])
    rows = []
    for article, (label, probabilities) in zip(found, predictions, strict=False):
        rows.append(
            {
                "article_id": article.id,
                "title": article.title,
                "outlet": article.outlet,
                "published": article.published,
                "stance": label,
                "probability": round(probabilities[label], 4),
                "probabilities": {name: round(value, 4) for name, value in probabilities.items()},
            }
        )
    return rows


def list_stories(store: Store, gazetteer: Gazetteer | None = None) -> list[dict]:
    """Stories, newest first: title, span of dates, reports, independent origins, top voices."""
    gazetteer = gazetteer or load_gazetteer()
    return [story_summary(store, story, gazetteer) for story in store.stories()]


def story_summary(store: Store, story: dict, gazetteer: Gazetteer) -> dict:
    """One story's row, computed from its own articles and statements only (fast on a large store).

    The title is the story's first headline; ``main_claim`` is the claim most of its statements
    bear on, when that claim names a country as its actor (vaguer claims make poor titles).
    """
    from claimwatch.stories.independence import origins

    ids = story["article_ids"]
    reports = sorted(
        store.articles_by_id(ids).values(), key=lambda a: (a["published_utc"] or a["ingested_at"], a["id"])
    )
    origin_of = origins(reports, store.features(ids), gazetteer)
    own = store.list_statements(article_ids=ids)
    voices = Counter(s["speaker_entity"] for s in own if s["speaker_entity"] and s["voice"] != "outlet")
    claims = store.claims_by_id({s["claim_id"] for s in own if s["claim_id"]})
    country_claims = Counter(
        s["claim_id"] for s in own if s["claim_id"] in claims and claims[s["claim_id"]]["actor_code"]
    )
    main = country_claims.most_common(1)
    return {
        "id": story["id"],
        "title": reports[0]["title"] if reports and reports[0]["title"] else story["title"],
        "main_claim": claims[main[0][0]]["text"] if main else None,
        "first_seen": story["first_seen"].isoformat() if story["first_seen"] else None,
        "last_seen": story["last_seen"].isoformat() if story["last_seen"] else None,
        "article_ids": ids,
        "reports": len(reports),
        "independent_origins": len(set(origin_of.values())),
        "voices": [name for name, _ in voices.most_common(8)],
        "distinct_voices": len(voices),
        "statements": len(own),
    }


def add_watch(store: Store, text: str, gazetteer: Gazetteer | None = None) -> dict:
    from claimwatch.stories.watch import add_watch as add

    row = add(store, text, gazetteer or load_gazetteer())
    return watch_json(row)


def list_watches(store: Store) -> list[dict]:
    return [watch_json(row) for row in store.watches()]


def remove_watch(store: Store, watch_id: str) -> None:
    store.remove_watch(watch_id)


def watch_json(row: dict) -> dict:
    return {
        "id": row["id"],
        "claim": row["text"],
        "claim_key": row["claim_key"],
        "created_at": row["created_at"].isoformat(timespec="seconds") if row["created_at"] else None,
    }


def brief(store: Store, target: str, gazetteer: Gazetteer | None = None, sources: list[str] | None = None) -> dict:
    from claimwatch.stories.brief import build_brief
    from claimwatch.stories.grading import load_registry

    return build_brief(store, target, gazetteer or load_gazetteer(), load_registry(sources, store))


def positions(store: Store, target: str, gazetteer: Gazetteer | None = None) -> dict:
    """Where each voice stands on a watch's claim or a story's main claim (id or unique prefix)."""
    from claimwatch.stories.brief import resolve_target, target_positions

    resolved = resolve_target(store, target)
    found = target_positions(store, resolved, gazetteer or load_gazetteer())
    return {"kind": resolved.kind, "id": resolved.id, **found.to_json()}


def claim_positions_in_story(
    store: Store, claim_id: str, article_ids: list[str], gazetteer: Gazetteer | None = None
) -> list[dict]:
    """The positions on one stored claim within a story's reports (a column of the claim matrix)."""
    from claimwatch.stories.positions import claim_positions

    claim = store.claims_by_id({claim_id})[claim_id]
    found = claim_positions(store, claim["text"], gazetteer or load_gazetteer(), claim=claim, article_ids=article_ids)
    return [position.to_json() for position in found.positions]


def ingest_documents(
    store: Store,
    documents: Iterable[SourceDocument | InputError],
    *,
    gazetteer: Gazetteer | None = None,
    with_statements: bool = True,
    on_outcome: Callable[[IngestOutcome], None] | None = None,
    processor: Processor | None = None,
) -> IngestReport:
    """Documents from anywhere (a fetched page, a feed item, a WARC record) through the whole pipeline,
    as ``ingest`` runs files: each stored in its own transaction; stories and watch links settled every
    ``SETTLE_EVERY`` new articles and at the end."""
    processor = processor or local_processor(gazetteer or load_gazetteer(), with_statements, stored=store.has_article)
    report = IngestReport()
    units = ((None, [document]) for document in documents)
    _store_all(store, report, units, processor, on_outcome, with_statements)
    return report


def store_processed(store: Store, result: ProcessedArticle | InputError) -> IngestOutcome:
    """One processed article stored in one transaction (its entities and claims settled first), or its failure."""
    if isinstance(result, InputError):
        return _failed(result)
    found, assessed = list(result.statements), list(result.assessments)
    return store.add_article(
        result.article, result.encoding, found, assessed,
        result.features.to_row() if result.features else None,
        settle_rows(store, found, assessed) if found else None,
    )


def settle_rows(store: Store, found: list[Statement], assessed: list[Assessment]) -> SettledRows:
    """Which stored entity speaks each statement and which claim it bears on, decided by their stages."""
    from claimwatch.stance.claims import settle_claims
    from claimwatch.statements.entities import settle_entities

    speaker_entity_ids, entity_rows = settle_entities(found, store.entities_by_id)
    claim_ids, claim_rows = settle_claims(assessed, store.claims_of_event)
    return SettledRows(speaker_entity_ids, tuple(entity_rows), claim_ids, tuple(claim_rows))


def settle_ingest(store: Store, *, with_statements: bool = True) -> None:
    """After a batch, as ``ingest`` does: every article not yet settled, this batch's and any a killed run
    left, placed in a story, then linked to every watch. Without statements the articles stay pending,
    so the next full run links them."""
    from claimwatch.stories.assign import assign_stories

    assign_stories(store)
    if not with_statements:
        return
    from claimwatch.stories.watch import link_reports

    pending = store.pending_article_ids()
    for watch in store.watches():
        link_reports(store, watch, pending)
    store.mark_settled(pending)


def export_stix(store: Store, target: str, gazetteer: Gazetteer | None = None, sources: list[str] | None = None) -> str:
    """The STIX 2.1 bundle (JSON text) of a watch or story: docs/exports.md."""
    return stix_of(brief(store, target, gazetteer, sources))


def stix_of(brief_data: dict) -> str:
    """The STIX 2.1 bundle (JSON text) of a brief."""
    from claimwatch.exports.stix import bundle

    return bundle(brief_data).serialize(pretty=True)


def export_claim(
    store: Store,
    target: str,
    gazetteer: Gazetteer | None = None,
    sources: list[str] | None = None,
    review_by: str | None = None,
) -> dict:
    """schema.org ``Claim`` JSON-LD of a watch or story, or with ``review_by`` a ``ClaimReview`` dated today."""
    return claim_of(brief(store, target, gazetteer, sources), review_by)


def claim_of(brief_data: dict, review_by: str | None = None) -> dict:
    """schema.org ``Claim`` JSON-LD of a brief, or with ``review_by`` a ``ClaimReview`` dated today."""
    from claimwatch.exports.schema_org import claim, claim_review

    return claim_review(brief_data, review_by, _today()) if review_by else claim(brief_data)


def export_plover(
    store: Store,
    story: str | None = None,
    since: date | None = None,
    watch: str | None = None,
    gazetteer: Gazetteer | None = None,
) -> list[dict]:
    """PLOVER event records of the stored statements (a story's, or those bearing on a watch's claim;
    said or published since a day)."""
    from claimwatch.exports.plover import plover_records
    from claimwatch.stories.brief import resolve_target, target_positions

    if watch:
        rows = target_positions(store, resolve_target(store, watch), gazetteer or load_gazetteer()).statements
    elif story:
        rows = store.list_statements(article_ids=store.story(story)["article_ids"])
    else:
        rows = store.list_statements()
    claims = store.claims_by_id({row["claim_id"] for row in rows if row["claim_id"]})
    records = plover_records(rows, claims, f"claimwatch {version('claimwatch')}", _today())
    return [r for r in records if since is None or (r["date"] or "") >= since.isoformat()]


def _today() -> str:
    return datetime.now(UTC).date().isoformat()
