"""Reading and writing the stories stage's tables (stories, features, term frequencies, watches)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, func, select

from claimwatch.store.schema import (
    article_features,
    articles,
    assessments,
    statements,
    stories,
    story_articles,
    term_frequencies,
    watch_reports,
    watches,
)
from claimwatch.stories.features import ArticleFeatures
from claimwatch.stories.similarity import DocumentFrequencies, TermCounts


def save_features(conn: Connection, features: ArticleFeatures) -> None:
    conn.execute(
        article_features.insert().values(
            article_id=features.article_id,
            terms=features.terms.to_json(),
            minhash=list(features.minhash),
            quotes=list(features.quotes),
        )
    )


def load_features(conn: Connection, article_ids: list[str]) -> dict[str, dict]:
    if not article_ids:
        return {}
    rows = conn.execute(select(article_features).where(article_features.c.article_id.in_(article_ids))).mappings()
    return {row["article_id"]: dict(row) for row in rows}


def count_documents(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(article_features)).scalar_one()


def frequencies_for(conn: Connection, counts: TermCounts, documents: int) -> DocumentFrequencies:
    """The document frequencies of just the terms of ``counts`` (enough to weigh its vector)."""
    frequencies = DocumentFrequencies(documents=documents)
    for view, terms in (("words", counts.words), ("names", counts.names)):
        keys = list(terms)
        for start in range(0, len(keys), 400):
            chunk = keys[start : start + 400]
            # view = ? AND term IN (...) walks the primary key; a (view, term) row-value IN scans the table
            query = select(term_frequencies.c.term, term_frequencies.c.documents).where(
                term_frequencies.c.view == view, term_frequencies.c.term.in_(chunk)
            )
            getattr(frequencies, view).update({term: count for term, count in conn.execute(query)})
    return frequencies


def add_frequencies(conn: Connection, counts: TermCounts) -> None:
    for view, terms in (("words", counts.words), ("names", counts.names)):
        if not terms:
            continue
        existing = {
            term
            for (term,) in conn.execute(
                select(term_frequencies.c.term).where(
                    term_frequencies.c.view == view, term_frequencies.c.term.in_(list(terms))
                )
            )
        }
        if existing:
            conn.execute(
                term_frequencies.update()
                .where(term_frequencies.c.view == view, term_frequencies.c.term.in_(existing))
                .values(documents=term_frequencies.c.documents + 1)
            )
        new = [{"view": view, "term": term, "documents": 1} for term in terms if term not in existing]
        if new:
            conn.execute(term_frequencies.insert(), new)


def candidate_stories(conn: Connection, when: datetime | None, window) -> list[dict]:
    query = select(stories)
    if when is not None and datetime.min + window < when < datetime.max - window:
        query = query.where(
            (stories.c.last_seen.is_(None)) | (stories.c.last_seen >= when - window)
        ).where((stories.c.first_seen.is_(None)) | (stories.c.first_seen <= when + window))
    return [dict(row) for row in conn.execute(query).mappings()]


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
