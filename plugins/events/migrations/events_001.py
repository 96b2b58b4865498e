"""events: the events table"""
from alembic import op

from portal.api import create_table

revision, down_revision, branch_labels, depends_on = "events_001", None, ("events",), "0001_core"


def upgrade():
    create_table("events",
                 "id int pk fk=content.id ondelete=CASCADE; kind str(20); timezone str(64); starts datetime; "
                 "ends datetime; venue str(300); city str(120); country str(2) null; region str(30) null; "
                 "online_url str(500); registration_url str(500); registration_deadline date null; "
                 "organiser str(300); member_id int null fk=members.id ondelete=SET_NULL")
    for column in ("kind", "starts", "ends", "country", "region", "member_id"):
        op.create_index(f"ix_events_{column}", "events", [column])


def downgrade():
    op.drop_table("events")
