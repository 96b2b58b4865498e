"""events: conferences' registration settings and registrations (waiting list, offers), their programme
(sessions, speakers) and the sessions people star"""
import sqlalchemy as sa
from alembic import op

from portal.api import create_table, drop_tables

revision, down_revision, branch_labels, depends_on = "events_002", "events_001", None, None


def upgrade():
    create_table("event_conferences",
                 "event_id int pk fk=events.id ondelete=CASCADE; capacity int; member_cap int null; "
                 "offer_hours int; open bool; fields json")
    create_table("event_registrations",
                 "id int pk; event_id int fk=events.id ondelete=CASCADE; code str(32); email str(254); "
                 "name str(200); language str(5); user_id int null fk=users.id ondelete=SET_NULL; "
                 "member_id int null fk=members.id ondelete=SET_NULL; answers json; state str(20); "
                 "created datetime; offered_until datetime null; reminded bool; checked_in datetime null; "
                 "certificate str(32) null",
                 sa.UniqueConstraint("event_id", "email", name="uq_event_registrations_event_id"),
                 sa.UniqueConstraint("code", name="uq_event_registrations_code"),
                 sa.UniqueConstraint("certificate", name="uq_event_registrations_certificate"))
    for column in ("event_id", "user_id", "member_id", "state"):
        op.create_index(f"ix_event_registrations_{column}", "event_registrations", [column])
    create_table("event_sessions",
                 "id int pk; event_id int fk=events.id ondelete=CASCADE index; title str(300); description text; "
                 "kind str(20); track str(120); room str(120); starts datetime index; ends datetime")
    create_table("event_speakers",
                 "id int pk; session_id int fk=event_sessions.id ondelete=CASCADE index; position int; "
                 "name str(200); member_id int null fk=members.id ondelete=SET_NULL index")
    create_table("event_session_stars",
                 "id int pk; user_id int fk=users.id ondelete=CASCADE index; "
                 "session_id int fk=event_sessions.id ondelete=CASCADE index",
                 sa.UniqueConstraint("user_id", "session_id", name="uq_event_session_stars_user_id"))


def downgrade():
    drop_tables("event_session_stars", "event_speakers", "event_sessions", "event_registrations", "event_conferences")
