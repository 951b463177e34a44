"""The ``Store``: every stage writes through it; SQLite by default, any SQLAlchemy URL works."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from filelock import FileLock
from sqlalchemy import Connection, Engine, create_engine, event, func, or_, select, text
from sqlalchemy.exc import IntegrityError, OperationalError

from claimwatch.errors import AmbiguousError, Errors, NotFoundError, StoreError, no_single_match
from claimwatch.extract.dates import iso_to_utc
from claimwatch.records import Article, Assessment, IngestOutcome, Paragraph, SettledRows, Statement
from claimwatch.store import search, story_rows
from claimwatch.store.schema import (
    article_raw,
    articles,
    assessments,
    claims,
    entities,
    paragraphs,
    pending_articles,
    sightings,
    statements,
)
from claimwatch.store.upsert import upsert

ENV_VAR = "CLAIMWATCH_DB"
REVISION_WINDOW = timedelta(days=3)
DEFAULT_DB = "claimwatch.db"
# The PostgreSQL advisory lock keys of the store's writers and of its migrations (any constant will do).
WRITE_LOCK_KEY = 0x636C_6177
MIGRATION_LOCK_KEY = 0x636C_6D67
# SQLite waits this long for another writer (busy_timeout), and a busy transaction is tried this often.
BUSY_TIMEOUT_MS = 10_000
BUSY_ATTEMPTS = 5


def database_url(db: str | None = None) -> str:
    """A SQLAlchemy URL from ``--db``, ``CLAIMWATCH_DB`` or the default file in the working folder."""
    db = db or os.environ.get(ENV_VAR) or DEFAULT_DB
    if "://" in db:
        return db
    return f"sqlite:///{Path(db).expanduser().resolve()}"


def _utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Store:
    """Articles and (in later stages) everything derived from them.

    Each write is one transaction, so a crash leaves every article whole or absent.
    """

    def __init__(self, db: str | None = None) -> None:
        self.url = database_url(db)
        self.engine = _create_engine(self.url)
        try:
            migrate(self.engine)
        except OperationalError as exc:
            raise StoreError(Errors.E203.format(db=self.url, reason=exc.orig)) from exc

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- writing ----------------------------------------------------------------
    def add_article(
        self,
        article: Article,
        encoding: str | None = None,
        article_statements: list[Statement] | None = None,
        article_assessments: list[Assessment] | None = None,
        features: dict | None = None,
        settled: SettledRows | None = None,
    ) -> IngestOutcome:
        """Store an article and its statements: new, a duplicate (no-op), or a revision of a stored one.

        ``features``: the stories stage's row for the article (``ArticleFeatures.to_row()``);
        ``settled``: the entity and claim rows the stages decided for the statements (``api.settle_rows``).
        The article stays pending (``pending_article_ids``) until ``mark_settled``.
        """
        now = _utcnow()
        try:
            with self.transaction() as conn:  # one writer at a time: none stores the same text in between
                if conn.execute(select(articles.c.id).where(articles.c.id == article.id)).first():
                    conn.execute(sightings.insert().values(article_id=article.id, source=article.source, seen_at=now))
                    return IngestOutcome(article.source, "duplicate", article.id, title=article.title)
                previous = self._latest_version(conn, article)
                conn.execute(articles.insert().values(**_article_row(article, previous, now)))
                conn.execute(article_raw.insert().values(article_id=article.id, encoding=encoding, raw=article.raw))
                if article.paragraphs:
                    conn.execute(
                        paragraphs.insert(),
                        [
                            {"article_id": article.id, "position": i, "start": p.start, "end": p.end}
                            for i, p in enumerate(article.paragraphs)
                        ],
                    )
                conn.execute(sightings.insert().values(article_id=article.id, source=article.source, seen_at=now))
                conn.execute(pending_articles.insert().values(article_id=article.id))
                if article_statements:
                    _insert_statements(conn, article_statements, article_assessments or [], settled or SettledRows())
                if features is not None:
                    story_rows.save_features(conn, features)
                    story_rows.add_frequencies(conn, features["terms"])
        except IntegrityError as error:
            # On an engine without a write lock another writer may have stored the same text meanwhile:
            # a duplicate. Any other conflict is a failure of this article, reported, with nothing stored.
            if self.has_article(article.id):
                return IngestOutcome(article.source, "duplicate", article.id, title=article.title)
            return IngestOutcome(article.source, "failed", error=Errors.E205.format(reason=error.orig))
        status = "revised" if previous else "ingested"
        revision_of = previous.id if previous else None
        return IngestOutcome(article.source, status, article.id, revision_of=revision_of, title=article.title)

    @staticmethod
    def _latest_version(conn, article: Article):
        """The newest stored version of the same article: same URL, or same outlet and title."""
        same = []
        if article.url:
            same.append(articles.c.url == article.url)
        if article.outlet and article.title:
            same_headline = (articles.c.outlet == article.outlet) & (articles.c.title == article.title)
            published = iso_to_utc(article.published)
            if published is not None and datetime.min + REVISION_WINDOW < published < datetime.max - REVISION_WINDOW:
                # A recurring headline ("Morning briefing") days apart is a new article, not an edit.
                same_headline &= articles.c.published_utc.is_(None) | articles.c.published_utc.between(
                    published - REVISION_WINDOW, published + REVISION_WINDOW
                )
            same.append(same_headline)
        if not same:
            return None
        query = (
            select(articles.c.id, articles.c.revision)
            .where(or_(*same))
            .order_by(articles.c.revision.desc(), articles.c.ingested_at.desc())
            .limit(1)
        )
        return conn.execute(query).first()

    # -- reading ----------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(articles.c.id).where(articles.c.id == article_id)).first() is not None

    def resolve_id(self, id_or_prefix: str) -> str:
        with self.engine.connect() as conn:
            ids = (
                conn.execute(
                    select(articles.c.id).where(articles.c.id.startswith(id_or_prefix, autoescape=True)).limit(2)
                )
                .scalars()
                .all()
            )
        if not ids:
            raise NotFoundError(Errors.E201.format(article_id=id_or_prefix))
        if len(ids) > 1:
            raise AmbiguousError(Errors.E202.format(prefix=id_or_prefix, count=self.count_prefix(id_or_prefix)))
        return ids[0]

    def count_prefix(self, prefix: str) -> int:
        with self.engine.connect() as conn:
            query = select(func.count()).where(articles.c.id.startswith(prefix, autoescape=True))
            return conn.execute(query).scalar_one()

    def get_article(self, id_or_prefix: str, *, with_raw: bool = False) -> Article:
        article_id = self.resolve_id(id_or_prefix)
        with self.engine.connect() as conn:
            row = conn.execute(select(articles).where(articles.c.id == article_id)).mappings().one()
            spans = conn.execute(
                select(paragraphs.c.start, paragraphs.c.end)
                .where(paragraphs.c.article_id == article_id)
                .order_by(paragraphs.c.position)
            ).all()
            raw = b""
            if with_raw:
                raw = conn.execute(select(article_raw.c.raw).where(article_raw.c.article_id == article_id)).scalar_one()
        return _row_article(row, tuple(Paragraph(s, e) for s, e in spans), raw)

    def list_articles(self) -> list[dict]:
        """Article metadata (no body), oldest publication first, with revision links."""
        columns = [c for c in articles.c if c.name not in ("body", "removed_lines")]
        query = select(*columns).order_by(articles.c.published_utc.is_(None), articles.c.published_utc, articles.c.id)
        with self.engine.connect() as conn:
            return [dict(row) for row in conn.execute(query).mappings()]

    def revisions(self, article_id: str) -> list[dict]:
        """The chain of versions an article belongs to, oldest first."""
        with self.engine.connect() as conn:
            rows = {
                r["id"]: dict(r)
                for r in conn.execute(
                    select(
                        articles.c.id,
                        articles.c.revision_of,
                        articles.c.revision,
                        articles.c.ingested_at,
                        articles.c.updated,
                        articles.c.url,
                        articles.c.outlet,
                        articles.c.title,
                    )
                ).mappings()
            }
        root = article_id
        while rows.get(root, {}).get("revision_of"):
            root = rows[root]["revision_of"]
        chain = [rows[root]] if root in rows else []
        children = {r["revision_of"]: r for r in rows.values() if r["revision_of"]}
        while chain and chain[-1]["id"] in children:
            chain.append(children[chain[-1]["id"]])
        return chain

    def replace_statements(
        self,
        article_id: str,
        article_statements: list[Statement],
        article_assessments: list[Assessment] | None = None,
        settled: SettledRows | None = None,
    ) -> None:
        """Re-extraction: the article's statements and assessments replaced in one transaction."""
        with self.engine.begin() as conn:
            old = select(statements.c.id).where(statements.c.article_id == article_id)
            conn.execute(assessments.delete().where(assessments.c.statement_id.in_(old)))
            conn.execute(statements.delete().where(statements.c.article_id == article_id))
            _insert_statements(conn, article_statements, article_assessments or [], settled or SettledRows())

    def entities_by_id(self, entity_ids: list[str]) -> dict[str, dict]:
        """Stored entity rows by id (those that exist)."""
        if not entity_ids:
            return {}
        with self.engine.connect() as conn:
            found = conn.execute(select(entities).where(entities.c.id.in_(entity_ids))).mappings()
            return {row["id"]: dict(row) for row in found}

    def claims_of_event(self, predicate: str) -> list[dict]:
        """Stored claim rows with this predicate (event family), oldest first."""
        query = select(claims).where(claims.c.predicate == predicate).order_by(claims.c.created_at, claims.c.id)
        with self.engine.connect() as conn:
            return [dict(row) for row in conn.execute(query).mappings()]

    def article_ids(self) -> list[str]:
        with self.engine.connect() as conn:
            return conn.execute(select(articles.c.id).order_by(articles.c.published_utc, articles.c.id)).scalars().all()

    def list_statements(
        self,
        article_id: str | None = None,
        speaker: str | None = None,
        *,
        article_ids: list[str] | None = None,
        claim_ids: list[str] | None = None,
    ) -> list[dict]:
        """Statements in reading order; ``speaker`` matches the mention, the entity name or an alias.

        ``article_ids`` keeps only the statements of those articles (a story's, say), ``claim_ids``
        those bearing on those claims (a watch's).
        """
        assessment_columns = [c for c in assessments.c if c.name != "statement_id"]
        query = (
            select(statements, *assessment_columns, articles.c.outlet, articles.c.published, articles.c.url,
                   articles.c.language)
            .join(articles, articles.c.id == statements.c.article_id)
            .outerjoin(assessments, assessments.c.statement_id == statements.c.id)
        )
        if article_id:
            query = query.where(statements.c.article_id == self.resolve_id(article_id))
        if article_ids is not None:
            query = query.where(statements.c.article_id.in_(article_ids))
        if claim_ids is not None:
            query = query.where(assessments.c.claim_id.in_(claim_ids))
        if speaker:
            query = query.where(self.speaker_condition(speaker))
        query = query.order_by(articles.c.published_utc, statements.c.article_id, statements.c.start)
        with self.engine.connect() as conn:
            return [dict(row) for row in conn.execute(query).mappings()]

    def speaker_condition(self, speaker: str):
        """Statements whose mention, entity name or one of its entity's aliases contains ``speaker`` (any case),
        taken literally: LIKE wildcards escaped, and aliases compared one by one, not as their JSON text."""
        folded = speaker.casefold()
        with self.engine.connect() as conn:
            rows = conn.execute(select(entities.c.id, entities.c.name, entities.c.aliases)).all()
        named = [
            entity_id for entity_id, name, aliases in rows
            if any(folded in (alias or "").casefold() for alias in [name, *(aliases or [])])
        ]
        return (
            statements.c.speaker.icontains(speaker, autoescape=True)
            | statements.c.speaker_entity.icontains(speaker, autoescape=True)
            | statements.c.speaker_entity_id.in_(named)
        )

    def article_ids_with_claims(self, claim_ids: set[str] | frozenset[str]) -> list[str]:
        """Articles holding a statement that bears on one of ``claim_ids``."""
        if not claim_ids:
            return []
        query = (
            select(statements.c.article_id)
            .join(assessments, assessments.c.statement_id == statements.c.id)
            .where(assessments.c.claim_id.in_(list(claim_ids)))
            .distinct()
        )
        with self.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def articles_matching(self, fts_expression: str) -> list[str] | None:
        """Ids of the articles matching an FTS5 expression (None without a full-text index)."""
        return search.matching_article_ids(self.engine, fts_expression)

    def list_claims(self) -> list[dict]:
        with self.engine.connect() as conn:
            return [
                dict(row) for row in conn.execute(select(claims).order_by(claims.c.created_at, claims.c.id)).mappings()
            ]

    def claims_by_id(self, claim_ids: set[str]) -> dict[str, dict]:
        if not claim_ids:
            return {}
        with self.engine.connect() as conn:
            rows = conn.execute(select(claims).where(claims.c.id.in_(list(claim_ids)))).mappings()
            return {row["id"]: dict(row) for row in rows}

    def list_entities(self) -> list[dict]:
        counts = (
            select(statements.c.speaker_entity_id, func.count().label("statements"))
            .group_by(statements.c.speaker_entity_id)
            .subquery()
        )
        query = (
            select(entities, func.coalesce(counts.c.statements, 0).label("statements"))
            .outerjoin(counts, counts.c.speaker_entity_id == entities.c.id)
            .order_by(func.coalesce(counts.c.statements, 0).desc(), entities.c.name)
        )
        with self.engine.connect() as conn:
            return [dict(row) for row in conn.execute(query).mappings()]

    # -- stories and watches ---------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A connection in one transaction (committed on leaving, rolled back on error), for a stage that
        writes several rows through the store's row functions (``story_rows``) at once.

        The transaction is the store's only writer (``write_lock``), so what it reads stays true until
        it commits: a stage checks ("already placed?") and writes without another process in between."""
        with self.engine.begin() as conn:
            write_lock(conn)
            yield conn

    def unassigned_articles(self) -> list[str]:
        """Articles in no story yet, oldest first."""
        with self.engine.connect() as conn:
            return story_rows.unassigned_articles(conn)

    def pending_article_ids(self) -> list[str]:
        """Articles stored but not yet settled (placed in a story and linked to watches), oldest first."""
        query = (
            select(articles.c.id)
            .join(pending_articles, pending_articles.c.article_id == articles.c.id)
            .order_by(articles.c.ingested_at, articles.c.id)
        )
        with self.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def mark_settled(self, article_ids: list[str]) -> None:
        with self.transaction() as conn:
            for start in range(0, len(article_ids), 500):
                chunk = article_ids[start : start + 500]
                conn.execute(pending_articles.delete().where(pending_articles.c.article_id.in_(chunk)))

    def stories(self) -> list[dict]:
        with self.engine.connect() as conn:
            found = story_rows.story_rows(conn)
            members = story_rows.story_members(conn)
        for story in found:
            story["article_ids"] = members.get(story["id"], [])
        return found

    def story(self, story_id: str) -> dict:
        with self.engine.connect() as conn:
            found = story_rows.story_rows(conn, prefix=story_id)
            if len(found) != 1:
                raise no_single_match("story", story_id, len(found))
            story = found[0]
            story["article_ids"] = story_rows.story_members(conn, story["id"]).get(story["id"], [])
        return story

    def features(self, article_ids: list[str]) -> dict[str, dict]:
        with self.engine.connect() as conn:
            return story_rows.load_features(conn, article_ids)

    def articles_by_id(self, article_ids: list[str]) -> dict[str, dict]:
        if not article_ids:
            return {}
        columns = [c for c in articles.c if c.name not in ("removed_lines",)]
        with self.engine.connect() as conn:
            query = select(*columns).where(articles.c.id.in_(article_ids))
            return {row["id"]: dict(row) for row in conn.execute(query).mappings()}

    def add_watch(self, row: dict) -> None:
        with self.engine.begin() as conn:
            story_rows.save_watch(conn, row)

    def watches(self) -> list[dict]:
        with self.engine.connect() as conn:
            return story_rows.watch_rows(conn)

    def watch(self, watch_id: str) -> dict:
        found = [w for w in self.watches() if w["id"].startswith(watch_id)]
        if len(found) != 1:
            raise no_single_match("watch", watch_id, len(found))
        return found[0]

    def remove_watch(self, watch_id: str) -> None:
        identifier = self.watch(watch_id)["id"]
        with self.engine.begin() as conn:
            story_rows.delete_watch(conn, identifier)

    def save_watch_reports(self, watch_id: str, reports: list[dict]) -> None:
        with self.transaction() as conn:
            story_rows.save_watch_reports(conn, watch_id, reports)

    def watch_reports(self, watch_id: str) -> list[dict]:
        with self.engine.connect() as conn:
            return story_rows.watch_report_rows(conn, watch_id)

    def change_stamp(self) -> tuple | str | None:
        """A value that changes with every commit to the store, for caches of what is read from it.

        SQLite: the database file and its write-ahead log (size and time). PostgreSQL: the server's
        transaction snapshot (the next transaction id and those in progress), which moves whenever any
        writing transaction starts or ends; read before computing, it never lets a cache keep a result
        older than its stamp. None (no caching) for an in-memory SQLite database and other engines.
        """
        url = self.engine.url
        if url.get_backend_name() == "postgresql":
            with self.engine.connect() as conn:
                return conn.execute(text("SELECT pg_current_snapshot()::text")).scalar_one()
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

    def count_articles(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(articles)).scalar_one()

    def check_integrity(self) -> list[str]:
        """Articles whose parts are missing (there should never be any)."""
        with self.engine.connect() as conn:
            no_raw = (
                conn.execute(
                    select(articles.c.id).where(
                        ~select(article_raw.c.article_id).where(article_raw.c.article_id == articles.c.id).exists()
                    )
                )
                .scalars()
                .all()
            )
            no_paragraphs = (
                conn.execute(
                    select(articles.c.id).where(
                        ~select(paragraphs.c.article_id).where(paragraphs.c.article_id == articles.c.id).exists()
                    )
                )
                .scalars()
                .all()
            )
        return [f"{i}: no raw input" for i in no_raw] + [f"{i}: no paragraphs" for i in no_paragraphs]


def _insert_statements(
    conn, article_statements: list[Statement], article_assessments: list[Assessment], settled: SettledRows
) -> None:
    """The statements and their assessments, with the entity and claim rows the stages settled for them."""
    _save_rows(conn, entities, settled.entities)
    _save_rows(conn, claims, settled.claims)
    rows = []
    for statement in article_statements:
        speaker = statement.speaker
        speaker_entity_id = settled.speaker_entity_ids.get(statement.id)
        said = statement.said_on
        rows.append(
            {
                "id": statement.id,
                "article_id": statement.article_id,
                "sentence_index": statement.sentence_index,
                "start": statement.start,
                "end": statement.end,
                "speaker": speaker.mention.text if speaker.mention else None,
                "speaker_start": speaker.mention.start if speaker.mention else None,
                "speaker_end": speaker.mention.end if speaker.mention else None,
                "speaker_entity_id": speaker_entity_id,
                "speaker_entity": speaker.entity,
                "speaker_type": speaker.entity_type,
                "speaker_role": speaker.role,
                "speaker_affiliation": speaker.affiliation,
                "speaker_country": speaker.country,
                "resolved_from_start": speaker.resolved_from.start if speaker.resolved_from else None,
                "resolved_from_end": speaker.resolved_from.end if speaker.resolved_from else None,
                "cue": statement.cue.text if statement.cue else None,
                "cue_lemma": statement.cue_lemma,
                "cue_start": statement.cue.start if statement.cue else None,
                "cue_end": statement.cue.end if statement.cue else None,
                "content": statement.content.text,
                "content_start": statement.content.start,
                "content_end": statement.content.end,
                "kind": statement.kind,
                "voice": statement.voice,
                "venue": statement.venue,
                "said_on": said.start if said else None,
                "said_on_end": said.end if said else None,
                "said_on_precision": said.precision if said else None,
                "said_on_phrase": said.phrase if said else None,
                "parent_id": statement.parent_id,
            }
        )
    if rows:
        conn.execute(statements.insert(), rows)
    _insert_assessments(conn, article_assessments, settled.claim_ids)


def _insert_assessments(conn, article_assessments: list[Assessment], claim_ids: dict[str, str]) -> None:
    rows = []
    for assessment in article_assessments:
        rows.append(
            {
                "statement_id": assessment.statement_id,
                "polarity": assessment.polarity,
                "certainty": assessment.certainty,
                "probability": assessment.probability,
                "certainty_cue": assessment.certainty_cue,
                "conditional": assessment.conditional,
                "condition": assessment.condition,
                "evidential": assessment.evidential,
                "act": assessment.act,
                "plover": assessment.plover,
                "claim_id": claim_ids.get(assessment.statement_id),
            }
        )
    if rows:
        conn.execute(assessments.insert(), rows)


def _save_rows(conn, table, rows: tuple[dict, ...]) -> None:
    """Insert each row, or update the stored row with its id (a new claim gets its creation time)."""
    created = {"created_at": _utcnow()} if "created_at" in table.c else None
    upsert(conn, table, rows, ("id",), insert_only=created)


def _article_row(article: Article, previous, now: datetime) -> dict:
    return {
        "id": article.id,
        "source": article.source,
        "format": article.format,
        "url": article.url,
        "outlet": article.outlet,
        "title": article.title,
        "authors": list(article.authors),
        "published": article.published,
        "published_utc": iso_to_utc(article.published),
        "updated": article.updated,
        "updated_utc": iso_to_utc(article.updated),
        "timezone": article.timezone,
        "timezone_inferred": article.timezone_inferred,
        "timezone_source": article.timezone_source,
        "dateline": article.dateline,
        "dateline_text": article.dateline_text,
        "agencies": list(article.agencies),
        "language": article.language,
        "body": article.body,
        "removed_lines": list(article.removed_lines),
        "revision_of": previous.id if previous else None,
        "revision": previous.revision + 1 if previous else 1,
        "ingested_at": now,
    }


def _row_article(row, spans: tuple[Paragraph, ...], raw: bytes) -> Article:
    return Article(
        id=row["id"],
        source=row["source"],
        format=row["format"],
        body=row["body"],
        paragraphs=spans,
        raw=raw,
        url=row["url"],
        outlet=row["outlet"],
        title=row["title"],
        authors=tuple(row["authors"]),
        published=row["published"],
        updated=row["updated"],
        timezone=row["timezone"],
        timezone_inferred=row["timezone_inferred"],
        timezone_source=row["timezone_source"],
        dateline=row["dateline"],
        dateline_text=row["dateline_text"],
        agencies=tuple(row["agencies"]),
        language=row["language"],
        removed_lines=tuple(row["removed_lines"]),
    )


def _create_engine(url: str) -> Engine:
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    if engine.dialect.name == "postgresql":
        event.listen(engine, "before_cursor_execute", _without_nul, retval=True)
    return engine


def _without_nul(_conn, _cursor, statement, parameters, _context, executemany):
    """PostgreSQL's text cannot hold NUL: in a value or a lookup it becomes U+FFFD (which no id contains)."""
    if executemany:
        return statement, [_nul_free(row) for row in parameters]
    return statement, _nul_free(parameters)


def _nul_free(parameters):
    values = parameters.values() if isinstance(parameters, dict) else parameters
    if not any(isinstance(value, str) and "\x00" in value for value in values):
        return parameters

    def clean(value):
        return value.replace("\x00", "\ufffd") if isinstance(value, str) else value

    if isinstance(parameters, dict):
        return {name: clean(value) for name, value in parameters.items()}
    return type(parameters)(clean(value) for value in parameters)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")  # first: WAL mode needs a write lock itself
    _retry_busy(lambda: cursor.execute("PRAGMA journal_mode=WAL"), error=sqlite3.OperationalError)
    # In WAL mode NORMAL never corrupts the store and a crashed process loses nothing committed; only a power
    # cut may lose the last commits. FULL would sync the disk at each article's commit (15% of a large ingest).
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def write_lock(conn: Connection) -> None:
    """Make the transaction just begun on ``conn`` the store's only writer until it ends.

    SQLite: ``BEGIN IMMEDIATE`` takes the write lock now, waiting up to the busy timeout (and tried
    again a few times after that), rather than at the first write, when a snapshot read before it
    may be stale already. Once it is held no other writer can make this transaction busy.
    PostgreSQL: a transaction-scoped advisory lock.
    """
    if conn.dialect.name == "sqlite":
        _retry_busy(lambda: conn.exec_driver_sql("BEGIN IMMEDIATE"))
    elif conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK_KEY})


def _retry_busy(
    work: Callable[[], object], attempts: int = BUSY_ATTEMPTS, error: type[Exception] = OperationalError
) -> None:
    """``work()``, tried again after a growing pause while SQLite says the database is locked or busy.

    ``error`` is SQLAlchemy's ``OperationalError``, or the driver's own one in a connect hook.
    """
    for attempt in range(1, attempts + 1):
        try:
            work()
            return
        except error as exc:
            reason = str(getattr(exc, "orig", exc))
            if attempt == attempts or ("locked" not in reason and "busy" not in reason):
                raise
            time.sleep(0.05 * 2**attempt)


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", "claimwatch.store:migrations")
    return config


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest version (a no-op when it is there already).

    Two processes opening a new store at once must not both create it: the migration runs under a
    lock (a lock file beside a SQLite file, an advisory lock on PostgreSQL) and checks again inside.
    """
    config = _alembic_config()
    heads = set(ScriptDirectory.from_config(config).get_heads())
    if _revisions_unless_busy(engine) == heads:
        return
    with _migration_lock(engine), engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        if set(MigrationContext.configure(conn).get_current_heads()) == heads:
            return
        config.attributes["connection"] = conn
        command.upgrade(config, "heads")


def _revisions_unless_busy(engine: Engine) -> set[str] | None:
    """The schema's revisions, or None when SQLite is busy: another process may be creating the file.

    A process that reads while another turns a new file to WAL mode can get "database is locked" at once,
    without waiting for the busy timeout; it then looks again under the migration lock.
    """
    try:
        with engine.connect() as conn:
            return set(MigrationContext.configure(conn).get_current_heads())
    except OperationalError as exc:
        reason = str(exc.orig)
        if engine.dialect.name == "sqlite" and ("locked" in reason or "busy" in reason):
            return None
        raise


@contextmanager
def _migration_lock(engine: Engine):
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if not database or database == ":memory:":
        yield
        return
    with FileLock(f"{database}.migrate.lock", timeout=120):
        yield
