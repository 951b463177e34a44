"""Monitoring: polled sources (also the source registry's named entries), seen items, alerts, watch snapshots.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("url", sa.Text, nullable=False, unique=True),
        sa.Column("name", sa.Text),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("every", sa.Integer, nullable=False),
        sa.Column("reliability", sa.String(1)),
        sa.Column("allow_private", sa.Boolean, nullable=False),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("last_poll", sa.DateTime),
        sa.Column("last_success", sa.DateTime),
        sa.Column("last_error", sa.Text),
        sa.Column("last_error_at", sa.DateTime),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("polls", sa.Integer, nullable=False),
        sa.Column("items", sa.Integer, nullable=False),
        sa.Column("ingested", sa.Integer, nullable=False),
        sa.Column("revised", sa.Integer, nullable=False),
        sa.Column("failed", sa.Integer, nullable=False),
        sa.Column("next_due", sa.DateTime),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "seen_items",
        sa.Column("source_id", sa.String(16), sa.ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("item_key", sa.Text, primary_key=True),
        sa.Column("url", sa.Text),
        sa.Column("marker", sa.Text),
        sa.Column("content_hash", sa.String(64)),
        sa.Column("article_id", sa.String(16)),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("error", sa.Text),
        sa.Column("pending", sa.Boolean, nullable=False),
        sa.Column("first_seen", sa.DateTime, nullable=False),
        sa.Column("last_seen", sa.DateTime, nullable=False),
    )
    op.create_index("ix_seen_items_pending", "seen_items", ["pending"])
    op.create_table(
        "alerts",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("watch_id", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("dedupe_key", sa.Text, nullable=False, unique=True),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("deliveries", sa.JSON, nullable=False),
    )
    op.create_index("ix_alerts_watch", "alerts", ["watch_id"])
    op.create_index("ix_alerts_created", "alerts", ["created_at"])
    op.create_table(
        "watch_snapshots",
        sa.Column("watch_id", sa.String(16), sa.ForeignKey("watches.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("state", sa.JSON, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    for table in ("watch_snapshots", "alerts", "seen_items", "sources"):
        op.drop_table(table)
