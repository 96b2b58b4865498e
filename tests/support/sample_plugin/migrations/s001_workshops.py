"""sample plugin: workshops"""
import sqlalchemy as sa
from alembic import op

revision = "s001_workshops"
down_revision = None
branch_labels = ("sample_plugin",)
depends_on = "0001_core"


def upgrade():
    op.create_table(
        "sample_workshops",
        sa.Column("id", sa.Integer(), sa.ForeignKey("content.id", ondelete="CASCADE",
                                                     name="fk_sample_workshops_id_content"), primary_key=True),
        sa.Column("city", sa.String(120), nullable=False),
        sa.Column("starts", sa.Date(), nullable=False),
    )


def downgrade():
    op.drop_table("sample_workshops")
