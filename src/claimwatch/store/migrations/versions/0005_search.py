"""Full-text search (SQLite FTS5) over article text and statements, and indexes for the web desk's filters.

The FTS5 tables are external-content indexes of ``articles`` (title, body) and ``statements``
(speaker, content), keyed by the rows' rowid and kept in sync by triggers; existing rows are
indexed here. Only on SQLite: other databases get the indexes and no search tables (the search
query then says so). Should the rowids of ``articles`` or ``statements`` ever change (a table
rebuilt by a batch migration), run ``claimwatch.store.search.rebuild(engine)``.

Revision ID: 0005
Revises: 0004
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# table -> (FTS table, indexed columns)
FTS = {
    "articles": ("articles_fts", ("title", "body")),
    "statements": ("statements_fts", ("speaker", "content")),
}
INDEXES = {
    "ix_statements_said_on": ("statements", ["said_on"]),
    "ix_statements_speaker_country": ("statements", ["speaker_country"]),
    "ix_assessments_act_certainty": ("assessments", ["act", "certainty"]),
    "ix_articles_outlet_published": ("articles", ["outlet", "published_utc"]),
    # reading order (publication, then position) without sorting the whole table
    "ix_articles_published_id": ("articles", ["published_utc", "id"]),
    "ix_statements_article_start": ("statements", ["article_id", "start", "id"]),
}


def upgrade() -> None:
    for name, (table, columns) in INDEXES.items():
        op.create_index(name, table, columns)
    if op.get_bind().dialect.name != "sqlite":
        return
    for table, (fts, columns) in FTS.items():
        for statement in fts_statements(table, fts, columns):
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table, (fts, _) in FTS.items():
            for suffix in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_{suffix}")
            op.execute(f"DROP TABLE IF EXISTS {fts}")
    for name, (table, _) in INDEXES.items():
        op.drop_index(name, table_name=table)


def fts_statements(table: str, fts: str, columns: tuple[str, ...]) -> list[str]:
    """The FTS5 table, its three sync triggers, and the backfill of rows already stored."""
    names = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    delete = f"INSERT INTO {fts}({fts}, rowid, {names}) VALUES ('delete', old.rowid, {old});"
    insert = f"INSERT INTO {fts}(rowid, {names}) VALUES (new.rowid, {new});"
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5({names}, content='{table}', content_rowid='rowid', "
        "tokenize='unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER {table}_ai AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER {table}_ad AFTER DELETE ON {table} BEGIN {delete} END",
        f"CREATE TRIGGER {table}_au AFTER UPDATE OF {names} ON {table} BEGIN {delete} {insert} END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]
