"""The engines the store tests run on: an SQLite file, and a fresh PostgreSQL database per test.

PostgreSQL needs a server: ``source .ci/postgres.sh`` starts a throw-away one on loopback and exports
``CLAIMWATCH_TEST_POSTGRES_URL`` (``.ci/run`` does it before pytest). Without that variable the
PostgreSQL cases skip, each with the reason in pytest's summary.
"""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, select, text

POSTGRES_ENV = "CLAIMWATCH_TEST_POSTGRES_URL"
ENGINES = ("sqlite", "postgresql")
NO_POSTGRES = f"PostgreSQL case: {POSTGRES_ENV} is not set (run the tests under `source .ci/postgres.sh`)"


def postgres_server() -> str:
    """The test server's URL (its maintenance database), or skip the test that needs it."""
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(NO_POSTGRES)
    return url


def _admin(sql: str) -> None:
    """One statement on the test server's maintenance database, outside a transaction (CREATE/DROP DATABASE)."""
    engine = create_engine(postgres_server(), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(sql))
    finally:
        engine.dispose()


def new_database(kind: str, folder: Path, template: str | None = None) -> str:
    """A new empty database (or a copy of ``template``, a URL from this function that nothing holds open):
    a file path for SQLite, a URL for PostgreSQL."""
    if kind == "sqlite":
        path = folder / f"claimwatch-{uuid.uuid4().hex[:8]}.db"
        if template:
            with sqlite3.connect(template) as source, sqlite3.connect(path) as target:
                source.backup(target)  # the write-ahead log comes along
        return str(path)
    name = f"claimwatch_test_{uuid.uuid4().hex[:12]}"
    _admin(f"CREATE DATABASE {name}" + (f" TEMPLATE {make_url(template).database}" if template else ""))
    return make_url(postgres_server()).set(database=name).render_as_string(hide_password=False)


def drop_database(db: str) -> None:
    if "://" not in db:
        for suffix in ("", "-wal", "-shm"):
            Path(db + suffix).unlink(missing_ok=True)
        return
    _admin(f"DROP DATABASE IF EXISTS {make_url(db).database} WITH (FORCE)")


def kind_of(db: str) -> str:
    return "postgresql" if db.startswith("postgresql") else "sqlite"


CLOCK_COLUMNS = {"ingested_at", "seen_at", "created_at", "joined_at", "updated_at"}  # when, not what
CONTENT_TABLES = (
    "articles", "article_raw", "paragraphs", "entities", "statements", "assessments", "claims", "stories",
    "story_articles", "story_terms", "article_features", "term_frequencies",
)


def store_content(store) -> dict[str, list[tuple]]:
    """Every row of the tables ingest writes, clock columns left out, sorted: equal for equal content."""
    from claimwatch.store.schema import metadata

    content = {}
    with store.engine.connect() as conn:
        for name in CONTENT_TABLES:
            table = metadata.tables[name]
            columns = [column for column in table.c if column.name not in CLOCK_COLUMNS]
            rows = conn.execute(select(*columns)).all()
            content[name] = sorted((tuple(_comparable(value) for value in row) for row in rows), key=repr)
    return content


def _comparable(value):
    """JSON columns come back as dicts and lists; floats rounded past the engines' last digits."""
    if isinstance(value, float):
        return round(value, 9)
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, default=str)
    return value
