"""Filtered, paginated reads of the store (the web desk's listings): rows and their total.

Queries are scoped in SQL (a page of rows, one story's statements) so that they stay fast on a large
store; ``web/queries.py`` gives the rows the shapes of ``claimwatch.api``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime, time

from sqlalchemy import Select, Text, func, select, text
from sqlalchemy.exc import OperationalError

from claimwatch.store.schema import articles, assessments, claims, entities, statements, stories, story_articles
from claimwatch.store.search import match_condition
from claimwatch.store.store import Store


@dataclass(frozen=True)
class StatementFilters:
    speaker: str | None = None  # mention, entity name or alias (substring, any case)
    entity: str | None = None  # entity id
    country: str | None = None  # the speaker's country code
    act: str | None = None
    certainty: str | None = None
    outlet: str | None = None
    since: date | None = None  # said on or after
    until: date | None = None  # said on or before
    article: str | None = None  # article id or prefix
    claim: str | None = None  # claim id
    story: str | None = None  # story id or prefix
    q: str | None = None  # full-text words in the speaker or content

    def active(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) not in (None, "")}


@dataclass(frozen=True)
class ArticleFilters:
    outlet: str | None = None
    since: date | None = None  # published on or after (UTC)
    until: date | None = None  # published on or before (UTC)
    story: str | None = None
    q: str | None = None  # full-text words in the title or body


# -- statements --------------------------------------------------------------------


def statement_rows(
    store: Store, filters: StatementFilters, limit: int = 50, offset: int = 0
) -> tuple[list[dict], int]:
    """Statements matching every filter (with assessment and article columns), oldest report first; the total.

    Two steps keep a page cheap on a large store: the page's ids (with the total), then those rows in full.
    """
    conditions = _statement_conditions(store, filters)
    with store.engine.connect() as conn:
        if conditions:
            ids, total = _filtered_ids(conn, filters, conditions, limit, offset)
        else:
            ids = _ids_in_reading_order(conn, store, limit, offset)
            total = conn.execute(select(func.count()).select_from(statements)).scalar_one()
        rows = {row["id"]: row for row in conn.execute(_full_rows(ids)).mappings()}
    return [dict(rows[i]) for i in ids], total


_ORDER = (articles.c.published_utc, statements.c.article_id, statements.c.start, statements.c.id)
# SQLite walks articles in publication order (an index) and each one's statements by position (another):
# a page without sorting the whole table.
_READING_ORDER_SQLITE = text(
    "SELECT statements.id FROM articles INDEXED BY ix_articles_published_id "
    "JOIN statements ON statements.article_id = articles.id "
    "ORDER BY articles.published_utc, statements.article_id, statements.start, statements.id "
    "LIMIT :limit OFFSET :offset"
)


def _ids_in_reading_order(conn, store: Store, limit: int, offset: int) -> list[str]:
    if store.engine.dialect.name == "sqlite":
        try:
            return list(conn.execute(_READING_ORDER_SQLITE, {"limit": limit, "offset": offset}).scalars())
        except OperationalError:  # a store migrated before the index existed: the same rows, sorted
            pass
    query = select(statements.c.id).join(articles, articles.c.id == statements.c.article_id)
    return list(conn.execute(query.order_by(*_ORDER).limit(limit).offset(offset)).scalars())


def _filtered_ids(conn, filters: StatementFilters, conditions: list, limit: int, offset: int) -> tuple[list[str], int]:
    """The page's ids and the total, counted in the same pass over the matching statements."""
    query = (
        select(statements.c.id, func.count().over().label("total"))
        .select_from(_joined_for(filters, with_articles=True))
        .where(*conditions)
        .order_by(*_ORDER)
        .limit(limit)
        .offset(offset)
    )
    found = conn.execute(query).all()
    if found:
        return [row.id for row in found], found[0].total
    count = select(func.count()).select_from(_joined_for(filters)).where(*conditions)
    return [], conn.execute(count).scalar_one()


def _joined_for(filters: StatementFilters, with_articles: bool = False):
    """The statements, joined to what the filters look at (an article's outlet, an assessment)."""
    scope = statements
    if filters.outlet or with_articles:
        scope = scope.join(articles, articles.c.id == statements.c.article_id)
    if filters.act or filters.certainty or filters.claim:
        scope = scope.join(assessments, assessments.c.statement_id == statements.c.id)
    return scope


def _full_rows(ids: list[str]) -> Select:
    assessment_columns = [c for c in assessments.c if c.name != "statement_id"]
    return (
        select(statements, *assessment_columns, articles.c.outlet, articles.c.published, articles.c.url,
               articles.c.language)
        .join(articles, articles.c.id == statements.c.article_id)
        .outerjoin(assessments, assessments.c.statement_id == statements.c.id)
        .where(statements.c.id.in_(ids))
    )


def _statement_conditions(store: Store, filters: StatementFilters) -> list:
    conditions = []
    if filters.speaker:
        conditions.append(store.speaker_condition(filters.speaker))
    equal = {
        statements.c.speaker_entity_id: filters.entity,
        statements.c.speaker_country: filters.country and filters.country.upper(),
        assessments.c.act: filters.act,
        assessments.c.certainty: filters.certainty,
        articles.c.outlet: filters.outlet,
        assessments.c.claim_id: filters.claim,
    }
    conditions += [column == value for column, value in equal.items() if value]
    if filters.since:
        conditions.append(statements.c.said_on >= filters.since.isoformat())
    if filters.until:
        conditions.append(statements.c.said_on <= filters.until.isoformat() + "~")  # "~" sorts after "-DD"
    if filters.article:
        conditions.append(statements.c.article_id == store.resolve_id(filters.article))
    if filters.story:
        conditions.append(statements.c.article_id.in_(_story_members(store, filters.story)))
    if filters.q is not None:
        conditions.append(match_condition(store.engine, "statements", filters.q))
    return conditions


def _story_members(store: Store, story: str) -> Select:
    return select(story_articles.c.article_id).where(story_articles.c.story_id == store.story(story)["id"])


# -- articles ----------------------------------------------------------------------


def article_rows(
    store: Store, filters: ArticleFilters, columns: tuple[str, ...], limit: int = 50, offset: int = 0
) -> tuple[list[dict], int]:
    """These columns of the articles matching every filter, oldest publication first; the total."""
    conditions = []
    if filters.outlet:
        conditions.append(articles.c.outlet == filters.outlet)
    if filters.since:
        conditions.append(articles.c.published_utc >= datetime.combine(filters.since, time.min))
    if filters.until:
        conditions.append(articles.c.published_utc <= datetime.combine(filters.until, time.max))
    if filters.story:
        conditions.append(articles.c.id.in_(_story_members(store, filters.story)))
    if filters.q is not None:
        conditions.append(match_condition(store.engine, "articles", filters.q))
    query = (
        select(*(articles.c[name] for name in columns))
        .where(*conditions)
        .order_by(articles.c.published_utc.is_(None), articles.c.published_utc, articles.c.id)
        .limit(limit)
        .offset(offset)
    )
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(articles).where(*conditions)).scalar_one()
        rows = conn.execute(query).mappings().all()
    return [dict(row) for row in rows], total


# -- entities and claims ------------------------------------------------------------


def _entity_query(conditions: list) -> Select:
    counts = (
        select(statements.c.speaker_entity_id, func.count().label("statements"))
        .group_by(statements.c.speaker_entity_id)
        .subquery()
    )
    return (
        select(entities, func.coalesce(counts.c.statements, 0).label("statements"))
        .outerjoin(counts, counts.c.speaker_entity_id == entities.c.id)
        .where(*conditions)
        .order_by(func.coalesce(counts.c.statements, 0).desc(), entities.c.name)
    )


def entity_rows(
    store: Store,
    q: str | None = None,
    kind: str | None = None,
    country: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[dict], int]:
    """Speakers (with their count of statements) matching every filter, most statements first; the total."""
    conditions = []
    if q:
        pattern = f"%{q}%"
        conditions.append(entities.c.name.ilike(pattern) | func.cast(entities.c.aliases, Text).ilike(pattern))
    if kind:
        conditions.append(entities.c.type == kind)
    if country:
        conditions.append(entities.c.country == country.upper())
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(entities).where(*conditions)).scalar_one()
        rows = conn.execute(_entity_query(conditions).limit(limit).offset(offset)).mappings().all()
    return [dict(row) for row in rows], total


def entity_row(store: Store, entity_id: str) -> dict | None:
    """One speaker with its count of statements, or None."""
    with store.engine.connect() as conn:
        row = conn.execute(_entity_query([entities.c.id == entity_id])).mappings().first()
    return dict(row) if row else None


def claim_rows(
    store: Store, story: str | None = None, limit: int = 50, offset: int = 0
) -> tuple[list[dict], int, dict[str, dict[str, list[dict]]]]:
    """Claims (most statements first), optionally one story's; the total; each claim's statements by act."""
    scope = None
    if story:
        scope = _story_members(store, story)
    counted = (
        select(assessments.c.claim_id, func.count().label("n"))
        .join(statements, statements.c.id == assessments.c.statement_id)
        .where(assessments.c.claim_id.is_not(None))
        .group_by(assessments.c.claim_id)
    )
    if scope is not None:
        counted = counted.where(statements.c.article_id.in_(scope))
    counted = counted.subquery()
    query = (
        select(claims, counted.c.n)
        .join(counted, counted.c.claim_id == claims.c.id)
        .order_by(counted.c.n.desc(), claims.c.created_at, claims.c.id)
    )
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(counted)).scalar_one()
        rows = conn.execute(query.limit(limit).offset(offset)).mappings().all()
    return [dict(row) for row in rows], total, _statements_by_claim(store, [row["id"] for row in rows], scope)


def _statements_by_claim(store: Store, claim_ids: list[str], scope) -> dict[str, dict[str, list[dict]]]:
    if not claim_ids:
        return {}
    found: dict[str, dict[str, list[dict]]] = {}
    for row in _claim_statement_rows(store, claim_ids, scope):
        found.setdefault(row["claim_id"], {}).setdefault(row["act"], []).append(row)
    return found


def _claim_statement_rows(store: Store, claim_ids: list[str], scope) -> list[dict]:
    query = (
        select(statements, assessments, articles.c.outlet, articles.c.published, articles.c.language)
        .join(assessments, assessments.c.statement_id == statements.c.id)
        .join(articles, articles.c.id == statements.c.article_id)
        .where(assessments.c.claim_id.in_(claim_ids))
        .order_by(articles.c.published_utc, statements.c.article_id, statements.c.start)
    )
    if scope is not None:
        query = query.where(statements.c.article_id.in_(scope))
    with store.engine.connect() as conn:
        return [dict(row) for row in conn.execute(query).mappings()]


def claim_texts(store: Store, claim_ids: set[str]) -> dict[str, str]:
    if not claim_ids:
        return {}
    with store.engine.connect() as conn:
        return dict(conn.execute(select(claims.c.id, claims.c.text).where(claims.c.id.in_(claim_ids))).all())


# -- stories -----------------------------------------------------------------------


def story_rows(store: Store, limit: int = 20, offset: int = 0) -> tuple[list[dict], int]:
    """Stories with their article ids (oldest publication first), newest story first; the total."""
    columns = [stories.c.id, stories.c.title, stories.c.first_seen, stories.c.last_seen]
    query = select(*columns).order_by(stories.c.last_seen.desc(), stories.c.id).limit(limit).offset(offset)
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(stories)).scalar_one()
        rows = [dict(row) for row in conn.execute(query).mappings()]
    members = _members(store, [row["id"] for row in rows])
    return [{**row, "article_ids": members.get(row["id"], [])} for row in rows], total


def _members(store: Store, story_ids: list[str]) -> dict[str, list[str]]:
    query = (
        select(story_articles.c.story_id, story_articles.c.article_id)
        .join(articles, articles.c.id == story_articles.c.article_id)
        .where(story_articles.c.story_id.in_(story_ids))
        .order_by(articles.c.published_utc, articles.c.id)
    )
    found: dict[str, list[str]] = {}
    with store.engine.connect() as conn:
        for story_id, article_id in conn.execute(query):
            found.setdefault(story_id, []).append(article_id)
    return found
