"""core: translatable fields keep their other languages in one JSON column of the item

The field's own column still holds the text in the portal's language; `translations` holds
{field: {language: text}} for the others (portal.translatable). Items written before have none.
"""
import sqlalchemy as sa
from alembic import op

revision = "0010_translatable_fields"
down_revision = "0009_user_timezone"


def upgrade():
    op.add_column("content", sa.Column("translations", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("content") as batch:  # SQLite drops a column by copying the table
        batch.drop_column("translations")
