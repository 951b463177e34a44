"""Stage 7, store: the ``Store`` every stage writes through (SQLAlchemy Core, Alembic migrations)."""

from claimwatch.store.store import Store, database_url

__all__ = ["Store", "database_url"]
