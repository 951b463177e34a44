"""Stories: an inverted index of each story's salient terms (bounded candidate sets at assignment),
and the article count kept as a row.

Revision ID: 0007
Revises: 0006
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "story_terms",
        sa.Column("view", sa.String(8), primary_key=True),
        sa.Column("term", sa.Text, primary_key=True),
        sa.Column("story_id", sa.String(16), sa.ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    )
    op.create_index("ix_story_terms_story", "story_terms", ["story_id"])
    _index_existing_stories()
    # The number of articles with features, as a row (view "all", term ""), no longer a count(*) per article.
    op.execute(
        "INSERT INTO term_frequencies (view, term, documents) SELECT 'all', '', count(*) FROM article_features"
    )


STORY_TERMS = 40  # stories/assign.py SALIENT_STORY_TERMS when this migration was written


def _index_existing_stories() -> None:
    """Stories stored before this revision get their index from their centroids."""
    bind = op.get_bind()
    terms = sa.table("story_terms", sa.column("view"), sa.column("term"), sa.column("story_id"))
    for story_id, centroid in bind.execute(sa.text("SELECT id, centroid FROM stories")):
        views = json.loads(centroid) if isinstance(centroid, str) else centroid
        rows = [
            {"view": view, "term": term, "story_id": story_id}
            for view, weights in views.items()
            for term, _ in sorted(weights.items(), key=lambda item: -item[1])[:STORY_TERMS]
        ]
        if rows:
            bind.execute(terms.insert(), rows)


def downgrade() -> None:
    op.execute("DELETE FROM term_frequencies WHERE view = 'all' AND term = ''")
    op.drop_index("ix_story_terms_story", "story_terms")
    op.drop_table("story_terms")
