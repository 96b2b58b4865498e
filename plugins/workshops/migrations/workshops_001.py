"""workshops: collaborative networks, their member cities and advisory group; international workshops"""
import sqlalchemy as sa

from portal.api import create_table, drop_tables

revision, down_revision, branch_labels, depends_on = "workshops_001", None, ("workshops",), "0001_core"


def upgrade():
    create_table("ws_networks",
                 "id int pk; title str(300); member_id int fk=members.id ondelete=RESTRICT index; theme str(60); "
                 "stage str(20); description text; created datetime")
    create_table("ws_network_cities",
                 "id int pk; network_id int fk=ws_networks.id ondelete=CASCADE index; "
                 "member_id int fk=members.id ondelete=CASCADE; state str(20); pilot_ok bool; "
                 "secretariat_ok bool; motivation text; asked datetime",
                 sa.UniqueConstraint("network_id", "member_id", name="uq_ws_network_cities_network_id"))
    create_table("ws_advisers",
                 "id int pk; network_id int fk=ws_networks.id ondelete=CASCADE index; name str(200); email str(254); "
                 "affiliation str(300)")
    create_table("ws_workshops",
                 "id int pk; network_id int fk=ws_networks.id ondelete=CASCADE index; title str(300); starts date index; "
                 "ends date; timezone str(64); venue str(300); city str(120); provides_room bool; "
                 "provides_meals bool; provides_other text; programme json; budget int; currency str(3); "
                 "event_id int null; created datetime")
    create_table("ws_people",
                 "id int pk; workshop_id int fk=ws_workshops.id ondelete=CASCADE index; kind str(20); name str(200); "
                 "email str(254); member_id int null fk=members.id ondelete=SET_NULL; travel_planned int; "
                 "lodging_planned int; travel_spent int; lodging_spent int; exception text; listed bool; "
                 "created datetime",
                 sa.UniqueConstraint("workshop_id", "email", name="uq_ws_people_workshop_id"))


def downgrade():
    drop_tables("ws_people", "ws_workshops", "ws_advisers", "ws_network_cities", "ws_networks")
