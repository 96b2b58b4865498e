"""workshops: collaborative networks, their member cities and advisory group; international workshops"""
import sqlalchemy as sa
from alembic import op

from portal.api import create_table

revision = "workshops_001"
down_revision = None
branch_labels = ("workshops",)
depends_on = "0001_core"


def upgrade():
    create_table("ws_networks",
                 "id int pk; title str(300); member_id int fk=members.id ondelete=RESTRICT; theme str(60); "
                 "stage str(20); description text; created datetime")
    op.create_index("ix_ws_networks_member_id", "ws_networks", ["member_id"])
    create_table("ws_network_cities",
                 "id int pk; network_id int fk=ws_networks.id ondelete=CASCADE; "
                 "member_id int fk=members.id ondelete=CASCADE; state str(20); pilot_ok bool; "
                 "secretariat_ok bool; motivation text; asked datetime",
                 sa.UniqueConstraint("network_id", "member_id", name="uq_ws_network_cities_network_id"))
    op.create_index("ix_ws_network_cities_network_id", "ws_network_cities", ["network_id"])
    create_table("ws_advisers",
                 "id int pk; network_id int fk=ws_networks.id ondelete=CASCADE; name str(200); email str(254); "
                 "affiliation str(300)")
    op.create_index("ix_ws_advisers_network_id", "ws_advisers", ["network_id"])
    create_table("ws_workshops",
                 "id int pk; network_id int fk=ws_networks.id ondelete=CASCADE; title str(300); starts date; "
                 "ends date; timezone str(64); venue str(300); city str(120); provides_room bool; "
                 "provides_meals bool; provides_other text; programme json; budget int; currency str(3); "
                 "event_id int null; created datetime")
    op.create_index("ix_ws_workshops_network_id", "ws_workshops", ["network_id"])
    op.create_index("ix_ws_workshops_starts", "ws_workshops", ["starts"])
    create_table("ws_people",
                 "id int pk; workshop_id int fk=ws_workshops.id ondelete=CASCADE; kind str(20); name str(200); "
                 "email str(254); member_id int null fk=members.id ondelete=SET_NULL; travel_planned int; "
                 "lodging_planned int; travel_spent int; lodging_spent int; exception text; listed bool; "
                 "created datetime",
                 sa.UniqueConstraint("workshop_id", "email", name="uq_ws_people_workshop_id"))
    op.create_index("ix_ws_people_workshop_id", "ws_people", ["workshop_id"])


def downgrade():
    op.drop_table("ws_people")
    op.drop_table("ws_workshops")
    op.drop_table("ws_advisers")
    op.drop_table("ws_network_cities")
    op.drop_table("ws_networks")
