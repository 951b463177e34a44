"""Claims and each statement's assessment (polarity, certainty, condition, act, claim).

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "claims",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("predicate", sa.Text, nullable=False),
        sa.Column("actor", sa.Text),
        sa.Column("actor_code", sa.String(3)),
        sa.Column("recipient", sa.Text),
        sa.Column("recipient_code", sa.String(3)),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_claims_predicate_actor", "claims", ["predicate", "actor_code"])
    op.create_table(
        "assessments",
        sa.Column("statement_id", sa.String(16), sa.ForeignKey("statements.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("polarity", sa.String(8), nullable=False),
        sa.Column("certainty", sa.String(24), nullable=False),
        sa.Column("probability", sa.Float),
        sa.Column("certainty_cue", sa.Text),
        sa.Column("conditional", sa.Boolean, nullable=False),
        sa.Column("condition", sa.Text),
        sa.Column("evidential", sa.String(24)),
        sa.Column("act", sa.String(24), nullable=False),
        sa.Column("plover", sa.Text),
        sa.Column("claim_id", sa.String(16), sa.ForeignKey("claims.id")),
    )
    op.create_index("ix_assessments_claim", "assessments", ["claim_id"])


def downgrade() -> None:
    op.drop_table("assessments")
    op.drop_table("claims")
