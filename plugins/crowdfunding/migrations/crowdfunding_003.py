"""crowdfunding: a campaign's expenses against its budget lines, and their receipts"""
import sqlalchemy as sa
from alembic import op

revision = "crowdfunding_003"
down_revision = "crowdfunding_002"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "crowd_expenses",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("campaign_id", sa.Integer(), sa.ForeignKey("crowd_campaigns.id", ondelete="CASCADE",
                                                             name="fk_crowd_expenses_campaign_id_crowd_campaigns"),
                  nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("line_what", sa.String(500), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("spent_on", sa.Date(), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("submitted_by", sa.Integer(), sa.ForeignKey("users.id", ondelete="SET NULL",
                                                              name="fk_crowd_expenses_submitted_by_users"),
                  nullable=True),
        sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.Column("decided_by", sa.Integer(), sa.ForeignKey("users.id", ondelete="SET NULL",
                                                            name="fk_crowd_expenses_decided_by_users"),
                  nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("paid_at", sa.DateTime(), nullable=True),
    )
    for col in ("campaign_id", "state", "submitted_by"):
        op.create_index(f"ix_crowd_expenses_{col}", "crowd_expenses", [col])
    op.create_table(
        "crowd_expense_receipts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("expense_id", sa.Integer(), sa.ForeignKey("crowd_expenses.id", ondelete="CASCADE",
                                                            name="fk_crowd_expense_receipts_expense_id_crowd_expenses"),
                  nullable=False),
        sa.Column("file_id", sa.Integer(), sa.ForeignKey("files.id", ondelete="CASCADE",
                                                         name="fk_crowd_expense_receipts_file_id_files"),
                  nullable=False),
    )
    op.create_index("ix_crowd_expense_receipts_expense_id", "crowd_expense_receipts", ["expense_id"])


def downgrade():
    op.drop_table("crowd_expense_receipts")
    op.drop_table("crowd_expenses")
