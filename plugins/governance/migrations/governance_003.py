"""governance: a meeting's minutes, and a motion's options (the presidency's election among candidacies)"""
import sqlalchemy as sa
from alembic import op

from portal.api import create_table

revision, down_revision, branch_labels, depends_on = "governance_003", "governance_002", None, None


def upgrade():
    create_table("gov_minutes",
                 "id int pk; meeting_id int fk=gov_meetings.id ondelete=CASCADE; body text; status str(10); "
                 "motion_id int null fk=gov_motions.id ondelete=SET_NULL; approved datetime null; "
                 "edited datetime null; created datetime; translations json null",
                 sa.UniqueConstraint("meeting_id", name="uq_gov_minutes_meeting_id"))
    op.add_column("gov_motions", sa.Column("options", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("gov_motions") as batch:
        batch.drop_column("options")
    op.drop_table("gov_minutes")
