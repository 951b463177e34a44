"""Migration 0005: the FTS5 tables follow inserts and deletes through triggers, and an upgrade indexes
the rows already stored."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import text

from claimwatch.store import Store
from claimwatch.store import search as fts
from claimwatch.store.store import _alembic_config


def fts_rows(store: Store, table: str) -> int:
    with store.engine.connect() as conn:
        return conn.execute(text(f"SELECT count(*) FROM {table}_fts")).scalar_one()


def test_query_words_are_never_fts_syntax() -> None:
    assert fts.fts_query('troops NEAR( "x" OR') == '"troops" "NEAR" "x" "OR"'
    assert fts.fts_query("provoc* Kalven's") == '"provoc"* "Kalven\'s"'
    assert fts.fts_query("*** ()") is None


def test_triggers_follow_deletes_and_inserts(demo_db: Path, tmp_path: Path, copy) -> None:
    with Store(str(copy(demo_db, tmp_path / "copy.db"))) as store:
        found = fts.search(store.engine, "provocation")
        assert found["total"] >= 1
        article_id = found["items"][0]["article_id"]
        kept = store.list_statements(article_id=article_id)
        store.replace_statements(article_id, [])
        assert all(item["article_id"] != article_id for item in fts.search(store.engine, "provocation")["items"])
        with store.engine.begin() as conn:
            conn.execute(text("DELETE FROM articles WHERE id = :id"), {"id": article_id})
        assert fts_rows(store, "articles") == store.count_articles()
        with store.engine.connect() as conn:
            statements = conn.execute(text("SELECT count(*) FROM statements")).scalar_one()
        assert fts_rows(store, "statements") == statements
        assert kept  # the article had statements to remove


def test_upgrade_indexes_rows_stored_before_it(demo_db: Path, tmp_path: Path, copy) -> None:
    path = copy(demo_db, tmp_path / "old.db")
    with Store(str(path)) as store:
        expected = fts.search(store.engine, "troops", "articles")["total"]
        config = _alembic_config()
        with store.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0004")
        assert not fts.available(store.engine)
    with Store(str(path)) as store:  # opening migrates to the head again
        assert fts.search(store.engine, "troops", "articles")["total"] == expected > 0
        assert fts_rows(store, "articles") == store.count_articles()
