"""core: task_runs, when each periodic task of the plugins last ran and is due again"""
import sqlalchemy as sa
from alembic import op

revision = "0006_task_runs"
down_revision = "0005_security_stamp"


def upgrade():
    op.create_table(
        "task_runs",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("due", sa.DateTime(), nullable=True),
        sa.Column("started", sa.DateTime(), nullable=True),
        sa.Column("finished", sa.DateTime(), nullable=True),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("error", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_task_runs")),
    )


def downgrade():
    op.drop_table("task_runs")
