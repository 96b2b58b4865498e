"""events: conferences' registration settings and registrations (waiting list, offers), their programme
(sessions, speakers) and the sessions people star"""
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
        sa.Column("checked_in", sa.DateTime(), nullable=True),
        sa.Column("certificate", sa.String(32), nullable=True),
        sa.UniqueConstraint("event_id", "email", name="uq_event_registrations_event_id"),
        sa.UniqueConstraint("code", name="uq_event_registrations_code"),
        sa.UniqueConstraint("certificate", name="uq_event_registrations_certificate"),
    )
    for column in ("event_id", "user_id", "member_id", "state"):
        op.create_index(f"ix_event_registrations_{column}", "event_registrations", [column])
    op.create_table(
        "event_sessions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("event_id", sa.Integer(), sa.ForeignKey("events.id", ondelete="CASCADE",
                                                          name="fk_event_sessions_event_id_events"), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("track", sa.String(120), nullable=False),
        sa.Column("room", sa.String(120), nullable=False),
        sa.Column("starts", sa.DateTime(), nullable=False),
        sa.Column("ends", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_event_sessions_event_id", "event_sessions", ["event_id"])
    op.create_index("ix_event_sessions_starts", "event_sessions", ["starts"])
    op.create_table(
        "event_speakers",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("session_id", sa.Integer(), sa.ForeignKey("event_sessions.id", ondelete="CASCADE",
                                                            name="fk_event_speakers_session_id_event_sessions"),
                  nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("member_id", sa.Integer(), sa.ForeignKey("members.id", ondelete="SET NULL",
                                                           name="fk_event_speakers_member_id_members"), nullable=True),
    )
    op.create_index("ix_event_speakers_session_id", "event_speakers", ["session_id"])
    op.create_index("ix_event_speakers_member_id", "event_speakers", ["member_id"])
    op.create_table(
        "event_session_stars",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE",
                                                         name="fk_event_session_stars_user_id_users"), nullable=False),
        sa.Column("session_id", sa.Integer(), sa.ForeignKey("event_sessions.id", ondelete="CASCADE",
                                                            name="fk_event_session_stars_session_id_event_sessions"),
                  nullable=False),
        sa.UniqueConstraint("user_id", "session_id", name="uq_event_session_stars_user_id"),
    )
    op.create_index("ix_event_session_stars_user_id", "event_session_stars", ["user_id"])
    op.create_index("ix_event_session_stars_session_id", "event_session_stars", ["session_id"])


def downgrade():
    op.drop_table("event_session_stars")
    op.drop_table("event_speakers")
    op.drop_table("event_sessions")
    op.drop_table("event_registrations")
    op.drop_table("event_conferences")
