"""Articles not yet settled (placed in a story, linked to watches): a kill between storing and settling is
finished by the next run.

Revision ID: 0008_pending
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_pending"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pending_articles",
        sa.Column(
            "article_id", sa.String(16), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
        ),
    )


def downgrade() -> None:
    op.drop_table("pending_articles")
