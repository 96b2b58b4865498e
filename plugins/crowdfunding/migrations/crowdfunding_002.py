"""crowdfunding: closing (a second round, the outcome, the owners warned) and refunds of pledges"""
import sqlalchemy as sa
from alembic import op

revision, down_revision = "crowdfunding_002", "crowdfunding_001"


def upgrade():
    with op.batch_alter_table("crowd_campaigns") as batch:
        batch.add_column(sa.Column("second_round", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("second_round_days", sa.Integer(), nullable=False, server_default="40"))
        batch.add_column(sa.Column("round_two_started", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("closed", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("outcome", sa.String(20), nullable=False, server_default=""))
        batch.add_column(sa.Column("warned", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_index("ix_crowd_campaigns_closed", "crowd_campaigns", ["closed"])
    with op.batch_alter_table("crowd_pledges") as batch:
        batch.add_column(sa.Column("cancelled", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("refund_amount", sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table("crowd_pledges") as batch:  # SQLite drops a column by copying the table
        batch.drop_column("refund_amount")
        batch.drop_column("cancelled")
    op.drop_index("ix_crowd_campaigns_closed", "crowd_campaigns")
    with op.batch_alter_table("crowd_campaigns") as batch:
        for column in ("warned", "outcome", "closed", "round_two_started", "second_round_days", "second_round"):
            batch.drop_column(column)
