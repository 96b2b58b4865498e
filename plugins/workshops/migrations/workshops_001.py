"""workshops: collaborative networks, their member cities and advisory group; international workshops"""
import sqlalchemy as sa
from alembic import op

revision = "workshops_001"
down_revision = None
branch_labels = ("workshops",)
depends_on = "0001_core"


def upgrade():
    op.create_table(
        "ws_networks",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("member_id", sa.Integer(), sa.ForeignKey("members.id", ondelete="RESTRICT",
                                                           name="fk_ws_networks_member_id_members"), nullable=False),
        sa.Column("theme", sa.String(60), nullable=False),
        sa.Column("stage", sa.String(20), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_ws_networks_member_id", "ws_networks", ["member_id"])
    op.create_table(
        "ws_network_cities",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("network_id", sa.Integer(), sa.ForeignKey("ws_networks.id", ondelete="CASCADE",
                                                            name="fk_ws_network_cities_network_id_ws_networks"),
                  nullable=False),
        sa.Column("member_id", sa.Integer(), sa.ForeignKey("members.id", ondelete="CASCADE",
                                                           name="fk_ws_network_cities_member_id_members"),
                  nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("pilot_ok", sa.Boolean(), nullable=False),
        sa.Column("secretariat_ok", sa.Boolean(), nullable=False),
        sa.Column("motivation", sa.Text(), nullable=False),
        sa.Column("asked", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("network_id", "member_id", name="uq_ws_network_cities_network_id"),
    )
    op.create_index("ix_ws_network_cities_network_id", "ws_network_cities", ["network_id"])
    op.create_table(
        "ws_advisers",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("network_id", sa.Integer(), sa.ForeignKey("ws_networks.id", ondelete="CASCADE",
                                                            name="fk_ws_advisers_network_id_ws_networks"),
                  nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("affiliation", sa.String(300), nullable=False),
    )
    op.create_index("ix_ws_advisers_network_id", "ws_advisers", ["network_id"])
    op.create_table(
        "ws_workshops",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("network_id", sa.Integer(), sa.ForeignKey("ws_networks.id", ondelete="CASCADE",
                                                            name="fk_ws_workshops_network_id_ws_networks"),
                  nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("starts", sa.Date(), nullable=False),
        sa.Column("ends", sa.Date(), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("venue", sa.String(300), nullable=False),
        sa.Column("city", sa.String(120), nullable=False),
        sa.Column("provides_room", sa.Boolean(), nullable=False),
        sa.Column("provides_meals", sa.Boolean(), nullable=False),
        sa.Column("provides_other", sa.Text(), nullable=False),
        sa.Column("programme", sa.JSON(), nullable=False),
        sa.Column("budget", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("created", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_ws_workshops_network_id", "ws_workshops", ["network_id"])
    op.create_index("ix_ws_workshops_starts", "ws_workshops", ["starts"])
    op.create_table(
        "ws_people",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("workshop_id", sa.Integer(), sa.ForeignKey("ws_workshops.id", ondelete="CASCADE",
                                                             name="fk_ws_people_workshop_id_ws_workshops"),
                  nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("member_id", sa.Integer(), sa.ForeignKey("members.id", ondelete="SET NULL",
                                                           name="fk_ws_people_member_id_members"), nullable=True),
        sa.Column("travel_planned", sa.Integer(), nullable=False),
        sa.Column("lodging_planned", sa.Integer(), nullable=False),
        sa.Column("travel_spent", sa.Integer(), nullable=False),
        sa.Column("lodging_spent", sa.Integer(), nullable=False),
        sa.Column("exception", sa.Text(), nullable=False),
        sa.Column("listed", sa.Boolean(), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("workshop_id", "email", name="uq_ws_people_workshop_id"),
    )
    op.create_index("ix_ws_people_workshop_id", "ws_people", ["workshop_id"])


def downgrade():
    op.drop_table("ws_people")
    op.drop_table("ws_workshops")
    op.drop_table("ws_advisers")
    op.drop_table("ws_network_cities")
    op.drop_table("ws_networks")
