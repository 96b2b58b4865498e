"""awards: the ceremony of a call, the jury's statement on each winner"""
import sqlalchemy as sa
from alembic import op

revision, down_revision = "x002_awards_ceremony", "x001_awards"


def upgrade():
    op.add_column("award_calls", sa.Column("ceremony", sa.String(500), nullable=False, server_default=""))
    op.add_column("award_entries", sa.Column("statement", sa.Text(), nullable=False, server_default=""))


def downgrade():
    with op.batch_alter_table("award_entries") as batch:  # SQLite drops a column by copying the table
        batch.drop_column("statement")
    with op.batch_alter_table("award_calls") as batch:
        batch.drop_column("ceremony")
