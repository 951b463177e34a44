"""Table definitions (SQLAlchemy Core). Migrations in ``migrations/versions`` create them."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("source", Text, nullable=False),
    Column("format", String(8), nullable=False),
    Column("url", Text),
    Column("outlet", Text),
    Column("title", Text),
    Column("authors", JSON, nullable=False),
    Column("published", String(40)),
    Column("published_utc", DateTime),
    Column("updated", String(40)),
    Column("updated_utc", DateTime),
    Column("timezone", String(64)),
    Column("timezone_inferred", Boolean, nullable=False),
    Column("timezone_source", String(16)),
    Column("dateline", Text),
    Column("dateline_text", Text),
    Column("agencies", JSON, nullable=False),
    Column("language", String(16)),
    Column("body", Text, nullable=False),
    Column("removed_lines", JSON, nullable=False),
    Column("revision_of", String(16), ForeignKey("articles.id")),
    Column("revision", Integer, nullable=False),
    Column("ingested_at", DateTime, nullable=False),
    Index("ix_articles_url", "url"),
    Index("ix_articles_outlet_title", "outlet", "title"),
    Index("ix_articles_published_utc", "published_utc"),
)

article_raw = Table(
    "article_raw",
    metadata,
    Column("article_id", String(16), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("encoding", String(32)),
    Column("raw", LargeBinary, nullable=False),
)

paragraphs = Table(
    "paragraphs",
    metadata,
    Column("article_id", String(16), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

# Every time an article was seen, including re-ingests that stored nothing new.
sightings = Table(
    "sightings",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(16), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("source", Text, nullable=False),
    Column("seen_at", DateTime, nullable=False),
    Index("ix_sightings_article", "article_id"),
)
