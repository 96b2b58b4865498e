"""core: outbox messages may carry an HTML alternative and extra headers (List-Unsubscribe...)"""
import sqlalchemy as sa
from alembic import op

revision, down_revision = "0002_outbox_parts", "0001_core"


def upgrade():
    with op.batch_alter_table("outbox") as batch_op:
        batch_op.add_column(sa.Column("html", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("headers", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("outbox") as batch_op:
        batch_op.drop_column("headers")
        batch_op.drop_column("html")
