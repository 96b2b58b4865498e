"""awards: a call's title, rules and eligibility in each language (the other languages' texts)"""
import sqlalchemy as sa
from alembic import op

revision = "x003_awards_translations"
down_revision = "x002_awards_ceremony"


def upgrade():
    op.add_column("award_calls", sa.Column("translations", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("award_calls") as batch:  # SQLite drops a column by copying the table
        batch.drop_column("translations")
