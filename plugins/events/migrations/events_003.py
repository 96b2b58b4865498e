"""events: the places of a conference's sessions and the seats people reserve in them; visa invitation
letters asked for and checked; check-ins per day and per session"""
import sqlalchemy as sa
from alembic import op

from portal.api import create_table

revision = "events_003"
down_revision = "events_002"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("event_sessions", sa.Column("capacity", sa.Integer(), nullable=True))
    create_table("event_session_seats",
                 "id int pk; session_id int fk=event_sessions.id ondelete=CASCADE; "
                 "registration_id int fk=event_registrations.id ondelete=CASCADE; created datetime",
                 sa.UniqueConstraint("session_id", "registration_id", name="uq_event_session_seats_session_id"))
    op.create_index("ix_event_session_seats_session_id", "event_session_seats", ["session_id"])
    op.create_index("ix_event_session_seats_registration_id", "event_session_seats", ["registration_id"])
    create_table("event_visa_requests",
                 "id int pk; registration_id int fk=event_registrations.id ondelete=CASCADE; "
                 "passport_name str(200); nationality str(2); passport_number str(40); consulate str(300); "
                 "state str(20); reason text; created datetime; decided datetime null",
                 sa.UniqueConstraint("registration_id", name="uq_event_visa_requests_registration_id"))
    op.create_index("ix_event_visa_requests_state", "event_visa_requests", ["state"])
    create_table("event_check_ins",
                 "id int pk; event_id int fk=events.id ondelete=CASCADE; "
                 "registration_id int fk=event_registrations.id ondelete=CASCADE; scope str(40); at datetime",
                 sa.UniqueConstraint("registration_id", "scope", name="uq_event_check_ins_registration_id"))
    op.create_index("ix_event_check_ins_event_id", "event_check_ins", ["event_id"])
    op.create_index("ix_event_check_ins_registration_id", "event_check_ins", ["registration_id"])


def downgrade():
    op.drop_table("event_check_ins")
    op.drop_table("event_visa_requests")
    op.drop_table("event_session_seats")
    with op.batch_alter_table("event_sessions") as batch:  # SQLite drops a column by copying the table
        batch.drop_column("capacity")
