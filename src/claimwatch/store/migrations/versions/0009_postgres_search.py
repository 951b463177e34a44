"""Full-text search on PostgreSQL: a generated ``tsvector`` column with a GIN index on articles and statements.

The same documents as SQLite's FTS5 tables (migration 0005): articles by title and body, statements by
speaker and content, folded as FTS5's ``unicode61 remove_diacritics 2`` folds them (lower case, accents
off: the ``claimwatch_search`` configuration, ``simple`` plus ``unaccent`` when the extension can be
installed). The columns (``search_vector``) are computed by PostgreSQL as rows are written, so no writer
knows of them (``schema.py`` leaves them out); ranking reads them instead of parsing every match again.
``store/search.py`` queries them. Other engines than SQLite and PostgreSQL get no search.

Revision ID: 0009
Revises: 0008_pending
"""

from alembic import op
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

revision = "0009"
down_revision = "0008_pending"
branch_labels = None
depends_on = None

CONFIG = "claimwatch_search"
COLUMN = "search_vector"
DOCUMENTS = {  # table -> the text indexed
    "articles": "coalesce(title, '') || ' ' || body",
    "statements": "coalesce(speaker, '') || ' ' || content",
}
WORD_TOKENS = "asciiword, asciihword, hword_asciipart, word, hword, hword_part"


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    if not bind.execute(text("SELECT 1 FROM pg_ts_config WHERE cfgname = :name"), {"name": CONFIG}).first():
        op.execute(f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = simple)")
        if _unaccent_installed(bind):
            op.execute(
                f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} ALTER MAPPING FOR {WORD_TOKENS} WITH unaccent, simple"
            )
    for table, document in DOCUMENTS.items():
        op.execute(
            f"ALTER TABLE {table} ADD COLUMN {COLUMN} tsvector "
            f"GENERATED ALWAYS AS (to_tsvector('{CONFIG}'::regconfig, {document})) STORED"
        )
        op.execute(f"CREATE INDEX ix_{table}_search ON {table} USING gin ({COLUMN})")


def _unaccent_installed(bind) -> bool:
    """``unaccent`` (a trusted contrib extension) when the server has it and we may install it."""
    if not bind.execute(text("SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent'")).first():
        return False
    try:
        with bind.begin_nested():
            bind.execute(text("CREATE EXTENSION IF NOT EXISTS unaccent"))
    except DBAPIError:  # no privilege: search still works, accents then count
        return False
    return True


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in DOCUMENTS:
        op.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS {COLUMN}")  # and its index
    op.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")
