"""core: a follow may carry the item's own digest (its frequency and the end of the previous one's window)"""
import sqlalchemy as sa
from alembic import op

revision, down_revision = "0012_follow_digests", "0011_notifications"


def upgrade():
    with op.batch_alter_table("follows") as batch_op:
        batch_op.add_column(sa.Column("frequency", sa.String(10), nullable=True))
        batch_op.add_column(sa.Column("last_sent", sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table("follows") as batch_op:
        batch_op.drop_column("last_sent")
        batch_op.drop_column("frequency")
