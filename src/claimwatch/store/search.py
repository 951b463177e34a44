"""Full-text search over article text and statements: SQLite FTS5 (migration 0005) or PostgreSQL
``tsvector`` columns with GIN indexes (migration 0008), one query syntax and one result shape.

Queries are plain words: each must match (a trailing ``*`` keeps its prefix meaning; a word with inner
punctuation, "Kalven's" or "north-korea", is a phrase of its parts), and no user input is ever read as
FTS5 or tsquery syntax. Snippets mark the matched words with ``MARK_START``/``MARK_END``, characters
that never occur in stored text, for a caller to escape the snippet and then turn the marks into
highlighting.
"""

from __future__ import annotations

import re

from sqlalchemy import Engine, func, literal_column, text
from sqlalchemy.sql.elements import ColumnElement

from claimwatch.errors import Errors, StoreError

MARK_START, MARK_END = "\x02", "\x03"
MAX_TERMS = 12
_TERM = re.compile(r"[\w'’-]+\*?", re.UNICODE)
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)  # what both engines' tokenisers keep of a term
KINDS = ("articles", "statements")
SNIPPET_WORDS = {"articles": 24, "statements": 32}

# -- SQLite (FTS5) ----------------------------------------------------------------------------------
_SQLITE_ARTICLES = """
SELECT a.id, a.title, a.outlet, a.published,
       snippet(articles_fts, 1, :start, :end, ' … ', 24) AS snippet
FROM articles_fts JOIN articles AS a ON a.rowid = articles_fts.rowid
WHERE articles_fts MATCH :query
ORDER BY articles_fts.rank LIMIT :limit OFFSET :offset
"""
_SQLITE_STATEMENTS = """
SELECT s.id, s.article_id, s.speaker, s.speaker_entity, s.speaker_entity_id, s.said_on, a.outlet, a.published,
       snippet(statements_fts, 1, :start, :end, ' … ', 32) AS snippet
FROM statements_fts JOIN statements AS s ON s.rowid = statements_fts.rowid
JOIN articles AS a ON a.id = s.article_id
WHERE statements_fts MATCH :query
ORDER BY statements_fts.rank LIMIT :limit OFFSET :offset
"""
_SQLITE_COUNT = "SELECT count(*) FROM {table}_fts WHERE {table}_fts MATCH :query"

# -- PostgreSQL (tsvector) ------------------------------------------------------------------------------
PG_CONFIG = "claimwatch_search"
PG_COLUMN = "search_vector"
_PG_QUERY = f"to_tsquery('{PG_CONFIG}', :query)"
# The page's rows are chosen first, so that only they pay for a headline.
_PG_ARTICLES = f"""
SELECT a.id, a.title, a.outlet, a.published, ts_headline('{PG_CONFIG}', a.body, {_PG_QUERY}, :options) AS snippet
FROM (SELECT id, ts_rank({PG_COLUMN}, {_PG_QUERY}) AS rank FROM articles WHERE {PG_COLUMN} @@ {_PG_QUERY}
      ORDER BY rank DESC, id LIMIT :limit OFFSET :offset) AS page
JOIN articles AS a ON a.id = page.id
ORDER BY page.rank DESC, page.id
"""
_PG_STATEMENTS = f"""
SELECT s.id, s.article_id, s.speaker, s.speaker_entity, s.speaker_entity_id, s.said_on, a.outlet, a.published,
       ts_headline('{PG_CONFIG}', s.content, {_PG_QUERY}, :options) AS snippet
FROM (SELECT id, ts_rank({PG_COLUMN}, {_PG_QUERY}) AS rank FROM statements WHERE {PG_COLUMN} @@ {_PG_QUERY}
      ORDER BY rank DESC, id LIMIT :limit OFFSET :offset) AS page
JOIN statements AS s ON s.id = page.id
JOIN articles AS a ON a.id = s.article_id
ORDER BY page.rank DESC, page.id
"""
_PG_COUNT = f"SELECT count(*) FROM {{table}} WHERE {PG_COLUMN} @@ {_PG_QUERY}"


def _terms(words: str) -> list[tuple[str, bool]]:
    """(term, is a prefix) for the first ``MAX_TERMS`` words of the user's query."""
    found = []
    for term in _TERM.findall(words)[:MAX_TERMS]:
        body = term.rstrip("*").replace('"', "")
        if body:
            found.append((body, term.endswith("*")))
    return found


def fts_query(words: str) -> str | None:
    """User words -> a safe FTS5 query (all terms must match); None when there is no word in it."""
    return " ".join(f'"{body}"' + ("*" if prefix else "") for body, prefix in _terms(words)) or None


def ts_query(words: str) -> str | None:
    """User words -> the same query for PostgreSQL's ``to_tsquery``: every term, each a phrase of its parts
    (quoted, so none is an operator), a prefix marked ``:*``; None when there is no word in it."""
    phrases = []
    for body, prefix in _terms(words):
        tokens = [f"'{token}'" for token in _TOKEN.findall(body)]
        if tokens:
            phrases.append(" <-> ".join(tokens) + (":*" if prefix else ""))
    return " & ".join(f"({phrase})" for phrase in phrases) or None


def available(engine: Engine) -> bool:
    """Whether this store has its search indexes (SQLite from 0005, PostgreSQL from 0008)."""
    dialect = engine.dialect.name
    if dialect == "sqlite":
        probe = "SELECT 1 FROM sqlite_master WHERE name = 'articles_fts'"
    elif dialect == "postgresql":
        probe = f"SELECT 1 FROM pg_ts_config WHERE cfgname = '{PG_CONFIG}'"
    else:
        return False
    with engine.connect() as conn:
        return conn.execute(text(probe)).first() is not None


def search(engine: Engine, words: str, kind: str = "statements", limit: int = 20, offset: int = 0) -> dict:
    """``{"total", "items"}``: articles or statements matching every word, best match first."""
    if kind not in KINDS:
        raise ValueError(kind)
    if not available(engine):
        raise StoreError(Errors.E206.format(dialect=engine.dialect.name))
    postgres = engine.dialect.name == "postgresql"
    query = ts_query(words) if postgres else fts_query(words)
    if query is None:
        return {"total": 0, "items": []}
    params = {"query": query, "limit": limit, "offset": offset}
    if postgres:
        count = _PG_COUNT.format(table=kind)
        sql = _PG_ARTICLES if kind == "articles" else _PG_STATEMENTS
        params["options"] = _headline_options(SNIPPET_WORDS[kind])
    else:
        count = _SQLITE_COUNT.format(table=kind)
        sql = _SQLITE_ARTICLES if kind == "articles" else _SQLITE_STATEMENTS
        params.update(start=MARK_START, end=MARK_END)
    with engine.connect() as conn:
        total = conn.execute(text(count), {"query": query}).scalar_one()
        items = [dict(row) for row in conn.execute(text(sql), params).mappings()]
    return {"total": total, "items": items}


def _headline_options(words: int) -> str:
    """``ts_headline`` options for a snippet like FTS5's: one fragment of about ``words`` words, marked."""
    return (
        f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords={words}, MinWords={words // 2}, ShortWord=0, "
        'MaxFragments=1, FragmentDelimiter=" … "'
    )


def match_condition(engine: Engine, table: str, words: str) -> ColumnElement:
    """A WHERE clause on ``table`` (articles or statements): its rows whose text has every word."""
    if table not in KINDS:
        raise ValueError(table)
    if not available(engine):
        raise StoreError(Errors.E206.format(dialect=engine.dialect.name))
    if engine.dialect.name == "postgresql":
        query = ts_query(words)
        if query is None:
            return literal_column("0") == 1
        config = literal_column(f"'{PG_CONFIG}'")  # a constant, so the planner reads the GIN index
        return literal_column(f"{table}.{PG_COLUMN}").op("@@")(func.to_tsquery(config, query))
    query = fts_query(words)
    if query is None:
        return literal_column("0") == 1
    matches = text(f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH :fts").bindparams(fts=query)
    return literal_column(f"{table}.rowid").in_(matches)


def matching_article_ids(engine: Engine, expression: str) -> list[str] | None:
    """Ids of the articles matching a boolean expression of quoted terms built by a stage (not user
    input): ``"term"``, ``"term"*`` (prefix), ``AND``, ``OR`` and parentheses, FTS5's syntax, which is
    translated for PostgreSQL's ``to_tsquery``; None when the store has no full-text index."""
    if not available(engine):
        return None
    if engine.dialect.name == "postgresql":
        sql = f"SELECT id FROM articles WHERE {PG_COLUMN} @@ {_PG_QUERY}"
        params = {"query": _as_ts_query(expression)}
    else:
        sql = (
            "SELECT a.id FROM articles_fts JOIN articles AS a ON a.rowid = articles_fts.rowid"
            " WHERE articles_fts MATCH :query"
        )
        params = {"query": expression}
    with engine.connect() as conn:
        return list(conn.execute(text(sql), params).scalars())


_EXPRESSION_PART = re.compile(r'"([^"]*)"(\*?)|\bAND\b|\bOR\b|[()]')


def _as_ts_query(expression: str) -> str:
    parts = []
    for match in _EXPRESSION_PART.finditer(expression):
        word = match.group(0)
        if word == "AND":
            parts.append("&")
        elif word == "OR":
            parts.append("|")
        elif word in "()":
            parts.append(word)
        else:
            tokens = [f"'{token}'" for token in _TOKEN.findall(match.group(1))] or ["''"]
            parts.append("(" + " <-> ".join(tokens) + (":*" if match.group(2) else "") + ")")
    return " ".join(parts)


def rebuild(engine: Engine) -> None:
    """Re-index every article and statement (SQLite, after anything that renumbered their rowids;
    PostgreSQL's columns follow their rows by themselves)."""
    if engine.dialect.name != "sqlite" or not available(engine):
        return
    with engine.begin() as conn:
        for table in ("articles_fts", "statements_fts"):
            conn.execute(text(f"INSERT INTO {table}({table}) VALUES ('rebuild')"))
