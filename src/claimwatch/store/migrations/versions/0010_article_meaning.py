"""The multilingual meaning vector of each article's title and lead (stories/meaning.py), and each
story's languages and mean vector, so that reports in different languages can join one story.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Articles stored before this revision have none: they keep to same-language comparisons.
    op.add_column("article_features", sa.Column("meaning", sa.JSON, nullable=True))
    op.add_column("stories", sa.Column("languages", sa.JSON, nullable=True))
    op.add_column("stories", sa.Column("meaning", sa.JSON, nullable=True))


def downgrade() -> None:
    op.drop_column("stories", "meaning")
    op.drop_column("stories", "languages")
    op.drop_column("article_features", "meaning")
