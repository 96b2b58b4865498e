"""core: images chosen inside a form: alternative text, order, the item's cover, and resized copies

An image keeps its caption (title), its alternative text (alt), its place among the item's files
(position), whether it is the item's cover, and the widths of the copies made of it (sizes, e.g.
[320, 640, 1280]); files stored before have none and are served as they are.
"""
import sqlalchemy as sa
from alembic import op

revision, down_revision = "0008_cover_image", "0007_search_translation_group"


def upgrade():
    with op.batch_alter_table("files") as batch:
        batch.add_column(sa.Column("alt", sa.String(length=300), nullable=False, server_default=""))
        batch.add_column(sa.Column("position", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("cover", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("sizes", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("files") as batch:
        batch.drop_column("sizes")
        batch.drop_column("cover")
        batch.drop_column("position")
        batch.drop_column("alt")
