"""events: conferences' registration settings and registrations (waiting list, offers)"""
import sqlalchemy as sa
from alembic import op

revision = "events_002"
down_revision = "events_001"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "event_conferences",
        sa.Column("event_id", sa.Integer(), sa.ForeignKey("events.id", ondelete="CASCADE",
                                                          name="fk_event_conferences_event_id_events"),
                  primary_key=True),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("member_cap", sa.Integer(), nullable=True),
        sa.Column("offer_hours", sa.Integer(), nullable=False),
        sa.Column("open", sa.Boolean(), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
    )
    op.create_table(
        "event_registrations",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("event_id", sa.Integer(), sa.ForeignKey("events.id", ondelete="CASCADE",
                                                          name="fk_event_registrations_event_id_events"),
                  nullable=False),
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("language", sa.String(5), nullable=False),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="SET NULL",
                                                         name="fk_event_registrations_user_id_users"), nullable=True),
        sa.Column("member_id", sa.Integer(), sa.ForeignKey("members.id", ondelete="SET NULL",
                                                           name="fk_event_registrations_member_id_members"),
                  nullable=True),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("offered_until", sa.DateTime(), nullable=True),
        sa.Column("reminded", sa.Boolean(), nullable=False),
        sa.UniqueConstraint("event_id", "email", name="uq_event_registrations_event_id"),
        sa.UniqueConstraint("code", name="uq_event_registrations_code"),
    )
    for column in ("event_id", "user_id", "member_id", "state"):
        op.create_index(f"ix_event_registrations_{column}", "event_registrations", [column])


def downgrade():
    op.drop_table("event_registrations")
    op.drop_table("event_conferences")
