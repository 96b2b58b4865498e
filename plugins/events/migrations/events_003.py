"""events: the places of a conference's sessions and the seats people reserve in them; visa invitation
letters asked for and checked; check-ins per day and per session; the rule of a conference's certificates; its call for sessions and the sessions proposed; the sessions' slides, reports and the experience made of one"""
import sqlalchemy as sa
from alembic import op

from portal.api import create_table, drop_tables

revision, down_revision, branch_labels, depends_on = "events_003", "events_002", None, None


def indexes(table, *columns):
    for column in columns:
        op.create_index(f"ix_{table}_{column}", table, [column])


def upgrade():
    op.add_column("event_sessions", sa.Column("capacity", sa.Integer(), nullable=True))
    op.add_column("event_sessions", sa.Column("mandatory", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("event_sessions", sa.Column("documents", sa.JSON(), nullable=False, server_default="[]"))
    op.add_column("event_sessions", sa.Column("report", sa.Text(), nullable=False, server_default=""))
    op.add_column("event_sessions", sa.Column("experience_id", sa.Integer(), nullable=True))
    op.add_column("event_conferences", sa.Column("call_open", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("event_conferences", sa.Column("certificate_sessions", sa.Integer(), nullable=True))
    op.add_column("event_conferences", sa.Column("certificate_mandatory", sa.Boolean(), nullable=False,
                                                 server_default=sa.false()))
    create_table("event_session_seats",
                 "id int pk; session_id int fk=event_sessions.id ondelete=CASCADE; "
                 "registration_id int fk=event_registrations.id ondelete=CASCADE; created datetime",
                 sa.UniqueConstraint("session_id", "registration_id", name="uq_event_session_seats_session_id"))
    indexes("event_session_seats", "session_id", "registration_id")
    create_table("event_visa_requests",
                 "id int pk; registration_id int fk=event_registrations.id ondelete=CASCADE; "
                 "passport_name str(200); nationality str(2); passport_number str(40); consulate str(300); "
                 "state str(20); reason text; created datetime; decided datetime null",
                 sa.UniqueConstraint("registration_id", name="uq_event_visa_requests_registration_id"))
    indexes("event_visa_requests", "state")
    create_table("event_check_ins",
                 "id int pk; event_id int fk=events.id ondelete=CASCADE; "
                 "registration_id int fk=event_registrations.id ondelete=CASCADE; scope str(40); at datetime",
                 sa.UniqueConstraint("registration_id", "scope", name="uq_event_check_ins_registration_id"))
    indexes("event_check_ins", "event_id", "registration_id")
    create_table("event_session_proposals",
                 "id int pk; event_id int fk=events.id ondelete=CASCADE; proposer_id int null fk=users.id "
                 "ondelete=SET_NULL; member_id int null fk=members.id ondelete=SET_NULL; group_id int null; "
                 "title str(300); description text; kind str(20); speakers text; state str(20); reason text; "
                 "session_id int null fk=event_sessions.id ondelete=SET_NULL; created datetime")
    indexes("event_session_proposals", "event_id", "proposer_id", "state")


def downgrade():
    drop_tables("event_session_proposals", "event_check_ins", "event_visa_requests", "event_session_seats")
    with op.batch_alter_table("event_conferences") as batch:  # SQLite drops a column by copying the table
        batch.drop_column("certificate_mandatory")
        batch.drop_column("certificate_sessions")
        batch.drop_column("call_open")
    with op.batch_alter_table("event_sessions") as batch:
        batch.drop_column("experience_id")
        batch.drop_column("report")
        batch.drop_column("documents")
        batch.drop_column("mandatory")
        batch.drop_column("capacity")
