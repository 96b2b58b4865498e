"""antennas: an antenna's name and description in each language (the other languages' texts)"""
import sqlalchemy as sa
from alembic import op

revision = "antennas_002_translations"
down_revision = "antennas_001"


def upgrade():
    op.add_column("antennas", sa.Column("translations", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("antennas") as batch:  # SQLite drops a column by copying the table
        batch.drop_column("translations")
