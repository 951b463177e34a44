"""Statements and the canonical entities that speak them.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "entities",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("key", sa.Text, nullable=False, unique=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("country", sa.String(3)),
        sa.Column("role", sa.Text),
        sa.Column("affiliation", sa.Text),
        sa.Column("aliases", sa.JSON, nullable=False),
    )
    op.create_table(
        "statements",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("sentence_index", sa.Integer, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("speaker", sa.Text),
        sa.Column("speaker_start", sa.Integer),
        sa.Column("speaker_end", sa.Integer),
        sa.Column("speaker_entity_id", sa.String(16), sa.ForeignKey("entities.id")),
        sa.Column("speaker_entity", sa.Text),
        sa.Column("speaker_type", sa.String(16)),
        sa.Column("speaker_role", sa.Text),
        sa.Column("speaker_affiliation", sa.Text),
        sa.Column("speaker_country", sa.String(3)),
        sa.Column("resolved_from_start", sa.Integer),
        sa.Column("resolved_from_end", sa.Integer),
        sa.Column("cue", sa.Text),
        sa.Column("cue_lemma", sa.Text),
        sa.Column("cue_start", sa.Integer),
        sa.Column("cue_end", sa.Integer),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("content_start", sa.Integer, nullable=False),
        sa.Column("content_end", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("voice", sa.String(8), nullable=False),
        sa.Column("venue", sa.Text),
        sa.Column("said_on", sa.String(10)),
        sa.Column("said_on_end", sa.String(10)),
        sa.Column("said_on_precision", sa.String(12)),
        sa.Column("said_on_phrase", sa.Text),
        sa.Column("parent_id", sa.String(16)),
    )
    op.create_index("ix_statements_article", "statements", ["article_id"])
    op.create_index("ix_statements_entity", "statements", ["speaker_entity_id"])


def downgrade() -> None:
    op.drop_table("statements")
    op.drop_table("entities")
