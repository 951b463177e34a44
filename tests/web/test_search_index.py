"""Migrations 0005 (SQLite FTS5 tables and their triggers) and 0008 (PostgreSQL's generated search
columns): the index follows inserts and deletes, and an upgrade indexes the rows already stored."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import text

from claimwatch.store import Store
from claimwatch.store import search as fts
from claimwatch.store.store import _alembic_config


def indexed_rows(store: Store, table: str) -> int:
    if store.engine.dialect.name == "postgresql":
        sql = f"SELECT count(*) FROM {table} WHERE {fts.PG_COLUMN} IS NOT NULL"
    else:
        sql = f"SELECT count(*) FROM {table}_fts"
    with store.engine.connect() as conn:
        return conn.execute(text(sql)).scalar_one()


def test_query_words_are_never_fts_syntax() -> None:
    assert fts.fts_query('troops NEAR( "x" OR') == '"troops" "NEAR" "x" "OR"'
    assert fts.fts_query("provoc* Kalven's") == '"provoc"* "Kalven\'s"'
    assert fts.fts_query("*** ()") is None


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("troops NEAR( 'x' | !y", "('troops') & ('NEAR') & ('x') & ('y')"),
        ("provoc* Kalven's", "('provoc':*) & ('Kalven' <-> 's')"),
        ("north-korea", "('north' <-> 'korea')"),
        ("*** () ''", None),
    ],
)
def test_query_words_are_never_tsquery_syntax(words: str, expected: str | None) -> None:
    assert fts.ts_query(words) == expected


def test_the_index_follows_deletes_and_inserts(demo_template: str, copy) -> None:
    with Store(copy(demo_template)) as store:
        found = fts.search(store.engine, "provocation")
        assert found["total"] >= 1
        article_id = found["items"][0]["article_id"]
        kept = store.list_statements(article_id=article_id)
        store.replace_statements(article_id, [])
        assert all(item["article_id"] != article_id for item in fts.search(store.engine, "provocation")["items"])
        with store.engine.begin() as conn:
            conn.execute(text("DELETE FROM articles WHERE id = :id"), {"id": article_id})
        assert indexed_rows(store, "articles") == store.count_articles()
        with store.engine.connect() as conn:
            statements = conn.execute(text("SELECT count(*) FROM statements")).scalar_one()
        assert indexed_rows(store, "statements") == statements
        assert kept  # the article had statements to remove


def test_upgrade_indexes_rows_stored_before_it(demo_template: str, copy) -> None:
    path = copy(demo_template)
    with Store(path) as store:
        expected = fts.search(store.engine, "troops", "articles")["total"]
        config = _alembic_config()
        with store.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0004")
        assert not fts.available(store.engine)
    with Store(path) as store:  # opening migrates to the head again
        assert fts.search(store.engine, "troops", "articles")["total"] == expected > 0
        assert indexed_rows(store, "articles") == store.count_articles()
