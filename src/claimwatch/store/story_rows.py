"""Rows of the stories stage's tables (stories, their terms and members, features, term frequencies,
watches): reads and writes only, the rules live in ``claimwatch.stories``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta

from sqlalchemy import Connection, func, or_, select

from claimwatch.store.schema import (
    article_features,
    articles,
    assessments,
    statements,
    stories,
    story_articles,
    story_terms,
    term_frequencies,
    watch_reports,
    watches,
)
from claimwatch.store.upsert import upsert

IN_CHUNK = 400  # terms per IN (...) list, well under SQLite's variable limit
DOCUMENTS_VIEW = "all"  # term_frequencies' row (view "all", term "") counts the articles


def save_features(conn: Connection, row: dict) -> None:
    """``row``: article_id, terms ({view: {term: count}}), minhash and quotes."""
    conn.execute(article_features.insert().values(**row))


def load_features(conn: Connection, article_ids: list[str]) -> dict[str, dict]:
    if not article_ids:
        return {}
    rows = conn.execute(select(article_features).where(article_features.c.article_id.in_(article_ids))).mappings()
    return {row["article_id"]: dict(row) for row in rows}


def count_documents(conn: Connection) -> int:
    """How many articles have features: a counter row, so that no article costs a count over the table."""
    query = select(term_frequencies.c.documents).where(
        term_frequencies.c.view == DOCUMENTS_VIEW, term_frequencies.c.term == ""
    )
    return conn.execute(query).scalar() or 0


def document_frequencies(conn: Connection, terms: Mapping[str, Iterable[str]]) -> dict[str, dict[str, int]]:
    """How many articles contain each of ``terms`` ({view: terms}); terms no article has are left out."""
    found: dict[str, dict[str, int]] = {}
    for view, keys in terms.items():
        found[view] = {}
        keys = list(keys)
        for start in range(0, len(keys), IN_CHUNK):
            # view = ? AND term IN (...) walks the primary key; a (view, term) row-value IN scans the table
            query = select(term_frequencies.c.term, term_frequencies.c.documents).where(
                term_frequencies.c.view == view, term_frequencies.c.term.in_(keys[start : start + IN_CHUNK])
            )
            found[view].update({term: count for term, count in conn.execute(query)})
    return found


def add_frequencies(conn: Connection, terms: Mapping[str, Iterable[str]]) -> None:
    """One more article, containing each of ``terms`` ({view: terms})."""
    rows = [
        {"view": view, "term": term, "documents": 1}
        for view, keys in {**terms, DOCUMENTS_VIEW: [""]}.items()
        for term in keys
    ]
    upsert(conn, term_frequencies, rows, ("view", "term"), updates={"documents": term_frequencies.c.documents + 1})


def article_for_story(conn: Connection, article_id: str) -> dict:
    """What placing an article in a story reads of it."""
    columns = (articles.c.id, articles.c.title, articles.c.body, articles.c.published_utc, articles.c.ingested_at,
               articles.c.revision_of, articles.c.language)
    return dict(conn.execute(select(*columns).where(articles.c.id == article_id)).mappings().one())


def story_of(conn: Connection, article_id: str) -> str | None:
    return conn.execute(select(story_articles.c.story_id).where(story_articles.c.article_id == article_id)).scalar()


def candidate_stories(
    conn: Connection, when: datetime | None, window: timedelta, terms: Mapping[str, Iterable[str]], limit: int
) -> list[dict]:
    """Up to ``limit`` stories active within ``window`` of ``when`` (any, undated) that share one of ``terms``
    ({view: terms}) in their index, those sharing the most first."""
    matches = [
        (story_terms.c.view == view) & story_terms.c.term.in_(list(keys)) for view, keys in terms.items() if keys
    ]
    if not matches:
        return []
    shared = (
        select(story_terms.c.story_id, func.count().label("shared"))
        .where(or_(*matches))
        .group_by(story_terms.c.story_id)
        .subquery()
    )
    query = _active(select(stories).join(shared, shared.c.story_id == stories.c.id), when, window)
    query = query.order_by(shared.c.shared.desc(), stories.c.id).limit(limit)
    return [dict(row) for row in conn.execute(query).mappings()]


def recent_story_languages(
    conn: Connection, when: datetime | None, window: timedelta, limit: int
) -> list[tuple[str, list[str] | None]]:
    """Up to ``limit`` stories active within ``window`` of ``when`` (any, undated), the latest first: each
    one's id and languages."""
    query = _active(select(stories.c.id, stories.c.languages), when, window)
    query = query.order_by(stories.c.last_seen.desc(), stories.c.id).limit(limit)
    return [(story_id, languages) for story_id, languages in conn.execute(query)]


def stories_by_id(conn: Connection, story_ids: list[str]) -> list[dict]:
    """The stories' rows, in the order of ``story_ids``."""
    if not story_ids:
        return []
    rows = conn.execute(select(stories).where(stories.c.id.in_(story_ids))).mappings()
    found = {row["id"]: dict(row) for row in rows}
    return [found[story_id] for story_id in story_ids if story_id in found]


def _active(query, when: datetime | None, window: timedelta):
    """Only the stories active within ``window`` of ``when`` (all when there is no date)."""
    if when is None or not datetime.min + window < when < datetime.max - window:
        return query
    return query.where(
        (stories.c.last_seen.is_(None)) | (stories.c.last_seen >= when - window)
    ).where((stories.c.first_seen.is_(None)) | (stories.c.first_seen <= when + window))


def story_row(conn: Connection, story_id: str) -> dict:
    return dict(conn.execute(select(stories).where(stories.c.id == story_id)).mappings().one())


def insert_story(conn: Connection, row: dict) -> None:
    conn.execute(stories.insert().values(**row))


def update_story(conn: Connection, story_id: str, values: dict, terms: Mapping[str, Iterable[str]]) -> None:
    """New values for a story's row, and ``terms`` ({view: terms}) as its whole term index."""
    conn.execute(stories.update().where(stories.c.id == story_id).values(**values))
    conn.execute(story_terms.delete().where(story_terms.c.story_id == story_id))
    rows = [{"view": view, "term": term, "story_id": story_id} for view, keys in terms.items() for term in keys]
    if rows:
        conn.execute(story_terms.insert(), rows)


def add_story_member(conn: Connection, story_id: str, article_id: str, score: float | None, now: datetime) -> None:
    conn.execute(story_articles.insert().values(story_id=story_id, article_id=article_id, score=score, joined_at=now))


def story_claims(conn: Connection, story_ids: list[str]) -> dict[str, set[str]]:
    query = (
        select(story_articles.c.story_id, assessments.c.claim_id)
        .join(statements, statements.c.article_id == story_articles.c.article_id)
        .join(assessments, assessments.c.statement_id == statements.c.id)
        .where(story_articles.c.story_id.in_(story_ids), assessments.c.claim_id.is_not(None))
    )
    found: dict[str, set[str]] = {}
    for story_id, claim_id in conn.execute(query):
        found.setdefault(story_id, set()).add(claim_id)
    return found


def article_claims(conn: Connection, article_id: str) -> set[str]:
    query = (
        select(assessments.c.claim_id)
        .join(statements, statements.c.id == assessments.c.statement_id)
        .where(statements.c.article_id == article_id, assessments.c.claim_id.is_not(None))
    )
    return set(conn.execute(query).scalars())


def story_voices(conn: Connection, story_ids: list[str]) -> dict[str, set[str]]:
    """The speaker entities (not the outlets' own voice) of each story's statements."""
    query = (
        select(story_articles.c.story_id, statements.c.speaker_entity_id)
        .join(statements, statements.c.article_id == story_articles.c.article_id)
        .where(story_articles.c.story_id.in_(story_ids), statements.c.speaker_entity_id.is_not(None),
               statements.c.voice == "source")
    )
    found: dict[str, set[str]] = {}
    for story_id, entity_id in conn.execute(query):
        found.setdefault(story_id, set()).add(entity_id)
    return found


def article_voices(conn: Connection, article_id: str) -> set[str]:
    query = select(statements.c.speaker_entity_id).where(
        statements.c.article_id == article_id, statements.c.speaker_entity_id.is_not(None),
        statements.c.voice == "source",
    )
    return set(conn.execute(query).scalars())


def unassigned_articles(conn: Connection) -> list[str]:
    query = (
        select(articles.c.id)
        .where(~select(story_articles.c.article_id).where(story_articles.c.article_id == articles.c.id).exists())
        .order_by(articles.c.published_utc, articles.c.ingested_at)
    )
    return list(conn.execute(query).scalars())


def story_rows(conn: Connection, prefix: str | None = None, limit: int | None = None) -> list[dict]:
    """Stories, newest first; ``prefix`` keeps those whose id starts with it."""
    query = select(stories).order_by(stories.c.last_seen.desc()).limit(limit)
    if prefix is not None:
        query = query.where(stories.c.id.startswith(prefix, autoescape=True))
    return [dict(row) for row in conn.execute(query).mappings()]


def story_members(conn: Connection, story_id: str | None = None) -> dict[str, list[str]]:
    query = (
        select(story_articles.c.story_id, story_articles.c.article_id)
        .join(articles, articles.c.id == story_articles.c.article_id)
        .order_by(articles.c.published_utc, articles.c.id)
    )
    if story_id:
        query = query.where(story_articles.c.story_id == story_id)
    members: dict[str, list[str]] = {}
    for sid, article_id in conn.execute(query):
        members.setdefault(sid, []).append(article_id)
    return members


def save_watch(conn: Connection, row: dict) -> None:
    conn.execute(watches.insert().values(**row))


def watch_rows(conn: Connection) -> list[dict]:
    return [dict(row) for row in conn.execute(select(watches).order_by(watches.c.created_at)).mappings()]


def delete_watch(conn: Connection, watch_id: str) -> int:
    conn.execute(watch_reports.delete().where(watch_reports.c.watch_id == watch_id))
    return conn.execute(watches.delete().where(watches.c.id == watch_id)).rowcount


def save_watch_reports(conn: Connection, watch_id: str, rows: list[dict]) -> None:
    if not rows:
        return
    ids = [row["article_id"] for row in rows]
    conn.execute(
        watch_reports.delete().where(watch_reports.c.watch_id == watch_id, watch_reports.c.article_id.in_(ids))
    )
    conn.execute(watch_reports.insert(), [{"watch_id": watch_id, **row} for row in rows])


def watch_report_rows(conn: Connection, watch_id: str) -> list[dict]:
    query = select(watch_reports).where(watch_reports.c.watch_id == watch_id)
    return [dict(row) for row in conn.execute(query).mappings()]
