"""core: task_runs, when each periodic task of the plugins last ran and is due again"""
import sqlalchemy as sa
from alembic import op

from portal.tables import create_table

revision, down_revision = "0006_task_runs", "0005_security_stamp"


def upgrade():
    create_table("task_runs",
                 "name str(100); due datetime null; started datetime null; finished datetime null; "
                 "result text; error text",
                 sa.PrimaryKeyConstraint("name", name=op.f("pk_task_runs")))


def downgrade():
    op.drop_table("task_runs")
