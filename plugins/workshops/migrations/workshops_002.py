"""workshops: the networks' deliverables (templates, versions, sections, comments); the call for pilot cities;
a workshop's good practices and photos"""
import sqlalchemy as sa
from alembic import op

from portal.api import create_table

revision = "workshops_002"
down_revision = "workshops_001"
branch_labels = None
depends_on = None


def upgrade():
    create_table("ws_deliverable_templates", "id int pk; kind str(20) unique; title str(300); sections json")
    create_table("ws_deliverables",
                 "id int pk fk=content.id ondelete=CASCADE; network_id int fk=ws_networks.id ondelete=CASCADE; "
                 "kind str(20); status str(20); version int; first_id int null; public bool; signed datetime null; "
                 "signed_by_id int null fk=users.id ondelete=SET_NULL; author_members json; author_people text; "
                 "experience_id int null")
    op.create_index("ix_ws_deliverables_network_id", "ws_deliverables", ["network_id"])
    op.create_index("ix_ws_deliverables_first_id", "ws_deliverables", ["first_id"])
    create_table("ws_deliverable_sections",
                 "id int pk fk=content.id ondelete=CASCADE; "
                 "deliverable_id int fk=ws_deliverables.id ondelete=CASCADE; key str(40); position int; "
                 "guidance text; revision int")
    op.create_index("ix_ws_deliverable_sections_deliverable_id", "ws_deliverable_sections", ["deliverable_id"])
    create_table("ws_section_comments",
                 "id int pk; section_id int fk=ws_deliverable_sections.id ondelete=CASCADE; "
                 "author_id int null fk=users.id ondelete=SET_NULL; text text; created datetime")
    op.create_index("ix_ws_section_comments_section_id", "ws_section_comments", ["section_id"])
    create_table("ws_pilot_calls",
                 "id int pk; title str(300); description text; eligibility text; opens date; closes date; "
                 "created datetime")
    create_table("ws_pilot_applications",
                 "id int pk; call_id int fk=ws_pilot_calls.id ondelete=CASCADE; "
                 "member_id int fk=members.id ondelete=CASCADE; user_id int null fk=users.id ondelete=SET_NULL; "
                 "theme str(60); motivation text; commitments text; state str(20); reason text; network_id int null; "
                 "submitted datetime",
                 sa.UniqueConstraint("call_id", "member_id", name="uq_ws_pilot_applications_call_id"))
    op.create_index("ix_ws_pilot_applications_call_id", "ws_pilot_applications", ["call_id"])
    create_table("ws_workshop_albums", "id int pk fk=content.id ondelete=CASCADE; "
                 "workshop_id int unique fk=ws_workshops.id ondelete=CASCADE")
    with op.batch_alter_table("ws_workshops") as batch:
        batch.add_column(sa.Column("practices", sa.JSON(), nullable=False, server_default=sa.text("'[]'")))


def downgrade():
    with op.batch_alter_table("ws_workshops") as batch:
        batch.drop_column("practices")
    op.drop_table("ws_workshop_albums")
    op.drop_table("ws_pilot_applications")
    op.drop_table("ws_pilot_calls")
    op.drop_table("ws_section_comments")
    op.drop_table("ws_deliverable_sections")
    op.drop_table("ws_deliverables")
    op.drop_table("ws_deliverable_templates")
