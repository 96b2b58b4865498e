"""core: a person's time zone, in which the portal shows them dates and times (empty: their browser's)"""
import sqlalchemy as sa
from alembic import op

revision, down_revision = "0009_user_timezone", "0008_cover_image"


def upgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(sa.Column("timezone", sa.String(64), nullable=False, server_default=""))


def downgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_column("timezone")
