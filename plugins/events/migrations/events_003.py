"""events: the places of a conference's sessions and the seats people reserve in them"""
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


def downgrade():
    op.drop_table("event_session_seats")
    with op.batch_alter_table("event_sessions") as batch:  # SQLite drops a column by copying the table
        batch.drop_column("capacity")
