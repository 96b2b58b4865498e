"""working groups: a group's name and purpose in each language (the other languages' texts)"""
import sqlalchemy as sa
from alembic import op

revision = "working_groups_002_translations"
down_revision = "working_groups_001"


def upgrade():
    op.add_column("working_groups", sa.Column("translations", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("working_groups") as batch:  # SQLite drops a column by copying the table
        batch.drop_column("translations")
