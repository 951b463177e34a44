"""``INSERT ... ON CONFLICT DO UPDATE`` on both engines: one statement for a batch of rows, no read first,
and no race between writers (SQLite and PostgreSQL speak the same clause)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from operator import itemgetter

from sqlalchemy import Connection, Table
from sqlalchemy.dialects import postgresql, sqlite

from claimwatch.errors import Errors, StoreError

_INSERTS = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}


def upsert(
    conn: Connection,
    table: Table,
    rows: Sequence[dict],
    keys: Sequence[str],
    *,
    updates: Mapping[str, object] | None = None,
    insert_only: Mapping[str, object] | None = None,
) -> None:
    """Insert ``rows``; a row whose ``keys`` are stored already updates the stored row instead: with
    ``updates`` (column -> expression) when given, else with the row's own values. ``insert_only``
    values go into new rows only (a creation time). Rows repeating a key count once, the last one."""
    insert = _INSERTS.get(conn.dialect.name)
    if insert is None:
        raise StoreError(Errors.E207.format(dialect=conn.dialect.name))
    key_of = itemgetter(*keys)
    latest = {key_of(row): row for row in rows}
    by_columns: dict[tuple[str, ...], list[dict]] = {}
    for row in latest.values():
        # A copy only when it gains columns: the writer upserts thousands of rows per batch.
        by_columns.setdefault(tuple(row), []).append({**insert_only, **row} if insert_only else row)
    for columns, group in by_columns.items():
        statement = insert(table)
        changes = updates if updates is not None else {
            name: statement.excluded[name] for name in columns if name not in keys
        }
        if changes:
            statement = statement.on_conflict_do_update(index_elements=list(keys), set_=dict(changes))
        else:
            statement = statement.on_conflict_do_nothing(index_elements=list(keys))
        conn.execute(statement, group)
