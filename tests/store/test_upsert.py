"""One INSERT ... ON CONFLICT for a batch of rows, on both engines."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, select

from claimwatch.errors import StoreError
from claimwatch.store import Store, story_rows
from claimwatch.store.schema import entities, metadata, term_frequencies
from claimwatch.store.upsert import upsert


def _frequencies(store: Store) -> dict[tuple[str, str], int]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(term_frequencies.c.view, term_frequencies.c.term, term_frequencies.c.documents))
        return {(view, term): documents for view, term, documents in rows}


def _entity(identifier: str, name: str, role: str | None = None) -> dict:
    return {"id": identifier, "key": f"person:{name.lower()}", "name": name, "type": "person", "aliases": [],
            "role": role}


@pytest.mark.parametrize(
    ("articles", "expected"),
    [
        ([{"words": ["harbour"], "names": []}], {("words", "harbour"): 1, ("all", ""): 1}),
        (
            [{"words": ["harbour", "strike"], "names": ["Kalven"]}, {"words": ["strike"], "names": ["Kalven"]}],
            {("words", "harbour"): 1, ("words", "strike"): 2, ("names", "Kalven"): 2, ("all", ""): 2},
        ),
        ([{"words": [], "names": []}] * 3, {("all", ""): 3}),
    ],
)
def test_frequencies_count_the_articles_that_contain_each_term(store: Store, articles, expected) -> None:
    for terms in articles:
        with store.transaction() as conn:
            story_rows.add_frequencies(conn, terms)
    assert _frequencies(store) == expected


def test_a_stored_row_is_updated_and_a_new_one_inserted(store: Store) -> None:
    with store.transaction() as conn:
        upsert(conn, entities, [_entity("e1", "Mara Kessel")], ("id",))
        upsert(conn, entities, [_entity("e1", "Mara Kessel", "union leader"), _entity("e2", "Ivo Brand")], ("id",))
    with store.engine.connect() as conn:
        rows = {row.id: row.role for row in conn.execute(select(entities.c.id, entities.c.role))}
    assert rows == {"e1": "union leader", "e2": None}


def test_a_key_repeated_in_one_batch_keeps_the_last_row(store: Store) -> None:
    with store.transaction() as conn:
        rows = [_entity("e1", "Mara Kessel", "mayor"), _entity("e1", "Mara Kessel", "governor")]
        upsert(conn, entities, rows, ("id",))
    with store.engine.connect() as conn:
        assert conn.execute(select(entities.c.role)).scalars().all() == ["governor"]


def test_insert_only_values_go_into_new_rows_and_are_kept_on_update(store: Store) -> None:
    with store.transaction() as conn:
        upsert(conn, entities, [_entity("e1", "Mara Kessel")], ("id",), insert_only={"country": "KAL"})
        upsert(conn, entities, [_entity("e1", "Mara Kessel", "mayor")], ("id",), insert_only={"country": "VAL"})
    with store.engine.connect() as conn:
        assert conn.execute(select(entities.c.role, entities.c.country)).one() == ("mayor", "KAL")


def test_an_engine_other_than_sqlite_or_postgresql_is_refused_with_a_reason() -> None:
    engine = create_engine("sqlite://")
    metadata.create_all(engine)
    with engine.connect() as conn:
        conn.dialect.name = "mysql"  # stands in for any third engine
        with pytest.raises(StoreError, match="SQLite or PostgreSQL"):
            upsert(conn, entities, [_entity("e1", "Mara Kessel")], ("id",))
