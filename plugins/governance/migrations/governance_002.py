"""governance: the yearly work plans (their actions are the core's action trees) and the presidency calls"""
import sqlalchemy as sa
from alembic import op

revision = "governance_002"
down_revision = None
branch_labels = ("governance",)
depends_on = "0001_core"


def upgrade():
    op.create_table(
        "governance_work_plans",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("published", sa.Boolean(), nullable=False),
        sa.Column("approved_on", sa.Date(), nullable=True),
        sa.Column("approved_by", sa.String(300), nullable=False),
        sa.Column("motion_id", sa.Integer(), nullable=True),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("year", name="uq_governance_work_plans_year"),
    )


def downgrade():
    op.drop_table("governance_work_plans")
