"""Full-text search over article text and statements (SQLite FTS5, see migration 0005).

Queries are plain words: each becomes a quoted FTS5 term (a trailing ``*`` keeps its prefix
meaning), so no user input is read as FTS5 syntax. Snippets mark the matched words with
``MARK_START``/``MARK_END``, characters that never occur in stored text, for a caller to escape
the snippet and then turn the marks into highlighting.
"""

from __future__ import annotations

import re

from sqlalchemy import Engine, text

from claimwatch.errors import Errors, StoreError

MARK_START, MARK_END = "\x02", "\x03"
MAX_TERMS = 12
_TERM = re.compile(r"[\w'’-]+\*?", re.UNICODE)

_ARTICLES = """
SELECT a.id, a.title, a.outlet, a.published,
       snippet(articles_fts, 1, :start, :end, ' … ', 24) AS snippet
FROM articles_fts JOIN articles AS a ON a.rowid = articles_fts.rowid
WHERE articles_fts MATCH :query
ORDER BY articles_fts.rank LIMIT :limit OFFSET :offset
"""
_STATEMENTS = """
SELECT s.id, s.article_id, s.speaker, s.speaker_entity, s.speaker_entity_id, s.said_on, a.outlet, a.published,
       snippet(statements_fts, 1, :start, :end, ' … ', 32) AS snippet
FROM statements_fts JOIN statements AS s ON s.rowid = statements_fts.rowid
JOIN articles AS a ON a.id = s.article_id
WHERE statements_fts MATCH :query
ORDER BY statements_fts.rank LIMIT :limit OFFSET :offset
"""
_COUNT = "SELECT count(*) FROM {table} WHERE {table} MATCH :query"


def fts_query(words: str) -> str | None:
    """User words -> a safe FTS5 query (all terms must match); None when there is no word in it."""
    terms = []
    for term in _TERM.findall(words)[:MAX_TERMS]:
        prefix = term.endswith("*")
        body = term.rstrip("*").replace('"', "")
        if body:
            terms.append(f'"{body}"' + ("*" if prefix else ""))
    return " ".join(terms) or None


def available(engine: Engine) -> bool:
    if engine.dialect.name != "sqlite":
        return False
    with engine.connect() as conn:
        return conn.execute(text("SELECT 1 FROM sqlite_master WHERE name = 'articles_fts'")).first() is not None


def search(engine: Engine, words: str, kind: str = "statements", limit: int = 20, offset: int = 0) -> dict:
    """``{"total", "items"}``: articles or statements matching every word, best match first."""
    if kind not in ("articles", "statements"):
        raise ValueError(kind)
    if not available(engine):
        raise StoreError(Errors.E206.format(dialect=engine.dialect.name))
    query = fts_query(words)
    if query is None:
        return {"total": 0, "items": []}
    params = {"query": query, "start": MARK_START, "end": MARK_END, "limit": limit, "offset": offset}
    sql, table = (_ARTICLES, "articles_fts") if kind == "articles" else (_STATEMENTS, "statements_fts")
    with engine.connect() as conn:
        total = conn.execute(text(_COUNT.format(table=table)), {"query": query}).scalar_one()
        items = [dict(row) for row in conn.execute(text(sql), params).mappings()]
    return {"total": total, "items": items}


def matching_article_ids(engine: Engine, expression: str) -> list[str] | None:
    """Ids of the articles matching an FTS5 expression built by the caller from quoted terms;
    None when the store has no full-text index."""
    if not available(engine):
        return None
    sql = "SELECT a.id FROM articles_fts JOIN articles AS a ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH :q"
    with engine.connect() as conn:
        return list(conn.execute(text(sql), {"q": expression}).scalars())


def rebuild(engine: Engine) -> None:
    """Re-index every article and statement (after anything that renumbered their rowids)."""
    if not available(engine):
        return
    with engine.begin() as conn:
        for table in ("articles_fts", "statements_fts"):
            conn.execute(text(f"INSERT INTO {table}({table}) VALUES ('rebuild')"))
