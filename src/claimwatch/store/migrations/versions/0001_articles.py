"""Articles, their raw input, paragraphs and sightings.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("format", sa.String(8), nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("authors", sa.JSON, nullable=False),
        sa.Column("published", sa.String(40)),
        sa.Column("published_utc", sa.DateTime),
        sa.Column("updated", sa.String(40)),
        sa.Column("updated_utc", sa.DateTime),
        sa.Column("timezone", sa.String(64)),
        sa.Column("timezone_inferred", sa.Boolean, nullable=False),
        sa.Column("timezone_source", sa.String(16)),
        sa.Column("dateline", sa.Text),
        sa.Column("dateline_text", sa.Text),
        sa.Column("agencies", sa.JSON, nullable=False),
        sa.Column("language", sa.String(16)),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("removed_lines", sa.JSON, nullable=False),
        sa.Column("revision_of", sa.String(16), sa.ForeignKey("articles.id")),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("ingested_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_articles_url", "articles", ["url"])
    op.create_index("ix_articles_outlet_title", "articles", ["outlet", "title"])
    op.create_index("ix_articles_published_utc", "articles", ["published_utc"])
    op.create_table(
        "article_raw",
        sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("encoding", sa.String(32)),
        sa.Column("raw", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "paragraphs",
        sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
    )
    op.create_table(
        "sightings",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("seen_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_sightings_article", "sightings", ["article_id"])


def downgrade() -> None:
    for table in ("sightings", "paragraphs", "article_raw", "articles"):
        op.drop_table(table)
