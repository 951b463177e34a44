"""The web desk's reads: filtered, paginated versions of ``claimwatch.api``'s listings.

Each item has the shape of the matching ``api`` function's rows (and so of the CLI's ``--json``
output); a page is ``{"total", "limit", "offset", "items"}``. The SQL is in ``store/queries.py``.
"""

from __future__ import annotations

from claimwatch import api
from claimwatch.errors import no_single_match
from claimwatch.gazetteer import Gazetteer
from claimwatch.store import Store
from claimwatch.store import queries as rows_of
from claimwatch.store.queries import ArticleFilters, StatementFilters, claim_texts

__all__ = ["ArticleFilters", "StatementFilters", "claim_texts"]


def page(items: list, total: int, limit: int, offset: int) -> dict:
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def statements_page(store: Store, filters: StatementFilters, limit: int = 50, offset: int = 0) -> dict:
    """Statements matching every filter, in the order of ``api.list_statements`` (oldest report first)."""
    rows, total = rows_of.statement_rows(store, filters, limit, offset)
    return page([{name: row[name] for name in api.STATEMENT_FIELDS} for row in rows], total, limit, offset)


def articles_page(store: Store, filters: ArticleFilters, limit: int = 50, offset: int = 0) -> dict:
    """Article metadata in the shape of ``api.list_articles``, oldest publication first."""
    rows, total = rows_of.article_rows(store, filters, api.ARTICLE_FIELDS, limit, offset)
    return page(rows, total, limit, offset)


def article_view(store: Store, article_id: str) -> dict:
    """``api.show_article`` plus the article's statements (for highlighting)."""
    data = api.show_article(store, article_id)
    data["statements"] = [
        {name: row[name] for name in api.STATEMENT_FIELDS} for row in store.list_statements(article_ids=[data["id"]])
    ]
    return data


def entities_page(
    store: Store, q: str | None = None, kind: str | None = None, country: str | None = None, limit: int = 50,
    offset: int = 0,
) -> dict:
    """Speakers in the shape of ``api.list_entities``, most statements first."""
    rows, total = rows_of.entity_rows(store, q, kind, country, limit, offset)
    return page([{name: row[name] for name in api.ENTITY_FIELDS} for row in rows], total, limit, offset)


def entity(store: Store, entity_id: str) -> dict:
    row = rows_of.entity_row(store, entity_id)
    if row is None:
        raise no_single_match("speaker", entity_id, 0)
    return {name: row[name] for name in api.ENTITY_FIELDS}


def claims_page(store: Store, story: str | None = None, limit: int = 50, offset: int = 0) -> dict:
    """Claims in the shape of ``api.list_claims`` (most statements first), optionally one story's."""
    rows, total, by_claim = rows_of.claim_rows(store, story, limit, offset)
    return page([api.claim_json(row, by_claim.get(row["id"], {})) for row in rows], total, limit, offset)


def stories_page(store: Store, gazetteer: Gazetteer, limit: int = 20, offset: int = 0) -> dict:
    """Stories in the shape of ``api.list_stories``, newest first."""
    rows, total = rows_of.story_rows(store, limit, offset)
    return page([api.story_summary(store, row, gazetteer) for row in rows], total, limit, offset)
