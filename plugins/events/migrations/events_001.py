"""events: the events table"""
import sqlalchemy as sa
from alembic import op

revision = "events_001"
down_revision = None
branch_labels = ("events",)
depends_on = "0001_core"


def upgrade():
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), sa.ForeignKey("content.id", ondelete="CASCADE", name="fk_events_id_content"),
                  primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("starts", sa.DateTime(), nullable=False),
        sa.Column("ends", sa.DateTime(), nullable=False),
        sa.Column("venue", sa.String(300), nullable=False),
        sa.Column("city", sa.String(120), nullable=False),
        sa.Column("country", sa.String(2), nullable=True),
        sa.Column("region", sa.String(30), nullable=True),
        sa.Column("online_url", sa.String(500), nullable=False),
        sa.Column("registration_url", sa.String(500), nullable=False),
        sa.Column("registration_deadline", sa.Date(), nullable=True),
        sa.Column("organiser", sa.String(300), nullable=False),
        sa.Column("member_id", sa.Integer(), sa.ForeignKey("members.id", ondelete="SET NULL",
                                                            name="fk_events_member_id_members"), nullable=True),
    )
    for column in ("kind", "starts", "ends", "country", "region", "member_id"):
        op.create_index(f"ix_events_{column}", "events", [column])


def downgrade():
    op.drop_table("events")
