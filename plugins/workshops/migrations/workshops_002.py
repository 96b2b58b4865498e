"""workshops: the networks' deliverables (templates, versions, sections, comments); the call for pilot cities;
a workshop's good practices and photos"""
import sqlalchemy as sa
from alembic import op

from portal.api import create_table, drop_tables

revision, down_revision, branch_labels, depends_on = "workshops_002", "workshops_001", None, None


def upgrade():
    create_table("ws_deliverable_templates", "id int pk; kind str(20) unique; title str(300); sections json")
    create_table("ws_deliverables",
                 "id int pk fk=content.id ondelete=CASCADE; network_id int fk=ws_networks.id ondelete=CASCADE index; "
                 "kind str(20); status str(20); version int; first_id int null index; public bool; signed datetime null; "
                 "signed_by_id int null fk=users.id ondelete=SET_NULL; author_members json; author_people text; "
                 "experience_id int null")
    create_table("ws_deliverable_sections",
                 "id int pk fk=content.id ondelete=CASCADE; "
                 "deliverable_id int fk=ws_deliverables.id ondelete=CASCADE index; key str(40); position int; "
                 "guidance text; revision int")
    create_table("ws_section_comments",
                 "id int pk; section_id int fk=ws_deliverable_sections.id ondelete=CASCADE index; "
                 "author_id int null fk=users.id ondelete=SET_NULL; text text; created datetime")
    create_table("ws_pilot_calls",
                 "id int pk; title str(300); description text; eligibility text; opens date; closes date; "
                 "created datetime")
    create_table("ws_pilot_applications",
                 "id int pk; call_id int fk=ws_pilot_calls.id ondelete=CASCADE index; "
                 "member_id int fk=members.id ondelete=CASCADE; user_id int null fk=users.id ondelete=SET_NULL; "
                 "theme str(60); motivation text; commitments text; state str(20); reason text; network_id int null; "
                 "submitted datetime",
                 sa.UniqueConstraint("call_id", "member_id", name="uq_ws_pilot_applications_call_id"))
    create_table("ws_workshop_albums", "id int pk fk=content.id ondelete=CASCADE; "
                 "workshop_id int unique fk=ws_workshops.id ondelete=CASCADE")
    with op.batch_alter_table("ws_workshops") as batch:
        batch.add_column(sa.Column("practices", sa.JSON(), nullable=False, server_default=sa.text("'[]'")))


def downgrade():
    with op.batch_alter_table("ws_workshops") as batch:
        batch.drop_column("practices")
    drop_tables("ws_workshop_albums", "ws_pilot_applications", "ws_pilot_calls", "ws_section_comments",
                "ws_deliverable_sections", "ws_deliverables", "ws_deliverable_templates")
