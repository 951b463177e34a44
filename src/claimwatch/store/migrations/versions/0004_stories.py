"""Stories, article features for similarity and independence, term frequencies, watches.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stories",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("first_seen", sa.DateTime),
        sa.Column("last_seen", sa.DateTime),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("centroid", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "story_articles",
        sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("story_id", sa.String(16), sa.ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
        sa.Column("score", sa.Float),
        sa.Column("joined_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_story_articles_story", "story_articles", ["story_id"])
    op.create_table(
        "article_features",
        sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("terms", sa.JSON, nullable=False),
        sa.Column("minhash", sa.JSON, nullable=False),
        sa.Column("quotes", sa.JSON, nullable=False),
    )
    op.create_table(
        "term_frequencies",
        sa.Column("view", sa.String(8), primary_key=True),
        sa.Column("term", sa.Text, primary_key=True),
        sa.Column("documents", sa.Integer, nullable=False),
    )
    op.create_table(
        "watches",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("claim_key", sa.Text),
        sa.Column("predicate", sa.Text),
        sa.Column("actor_code", sa.String(3)),
        sa.Column("actor", sa.Text),
        sa.Column("recipient_code", sa.String(3)),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "watch_reports",
        sa.Column("watch_id", sa.String(16), sa.ForeignKey("watches.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("stance", sa.String(12), nullable=False),
        sa.Column("probability", sa.Float, nullable=False),
    )


def downgrade() -> None:
    for table in ("watch_reports", "watches", "term_frequencies", "article_features", "story_articles", "stories"):
        op.drop_table(table)
