"""crowdfunding: a campaign's expenses against its budget lines, and their receipts"""
from alembic import op

from portal.api import create_table, drop_tables

revision, down_revision, branch_labels, depends_on = "crowdfunding_003", "crowdfunding_002", None, None


def upgrade():
    create_table("crowd_expenses",
                 "id int pk; campaign_id int fk=crowd_campaigns.id ondelete=CASCADE; line int; "
                 "line_what str(500); description text; amount int; spent_on date; state str(20); "
                 "submitted_by int null fk=users.id ondelete=SET_NULL; submitted_at datetime; "
                 "decided_by int null fk=users.id ondelete=SET_NULL; decided_at datetime null; reason text; "
                 "paid_at datetime null")
    for col in ("campaign_id", "state", "submitted_by"):
        op.create_index(f"ix_crowd_expenses_{col}", "crowd_expenses", [col])
    create_table("crowd_expense_receipts",
                 "id int pk; expense_id int fk=crowd_expenses.id ondelete=CASCADE index; "
                 "file_id int fk=files.id ondelete=CASCADE")


def downgrade():
    drop_tables("crowd_expense_receipts", "crowd_expenses")
