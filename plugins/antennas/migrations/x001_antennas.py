"""antennas: the network's regional offices"""
import sqlalchemy as sa
from alembic import op

revision = "antennas_001"
down_revision = None
branch_labels = ("antennas",)
depends_on = "x001_experiences"  # the core through it; antennas list experiences and their themes


def upgrade():
    op.create_table(
        "antennas",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("region", sa.String(30), nullable=False),
        sa.Column("seat_city", sa.String(120), nullable=False),
        sa.Column("seat_country", sa.String(2), nullable=False),
        sa.Column("host_member_id", sa.Integer(), sa.ForeignKey("members.id", ondelete="SET NULL",
                                                                name="fk_antennas_host_member_id_members"),
                  nullable=True),
        sa.Column("opened", sa.Date(), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("contacts", sa.Text(), nullable=False),
        sa.Column("section_id", sa.Integer(), sa.ForeignKey("content.id", ondelete="SET NULL",
                                                            name="fk_antennas_section_id_content"), nullable=True),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("section_id", name="uq_antennas_section_id"),
    )
    op.create_index("ix_antennas_region", "antennas", ["region"])


def downgrade():
    op.drop_index("ix_antennas_region", "antennas")
    op.drop_table("antennas")
