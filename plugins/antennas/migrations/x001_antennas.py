"""antennas: the network's regional offices"""
import sqlalchemy as sa
from alembic import op

from portal.api import create_table

revision = "antennas_001"
down_revision = None
branch_labels = ("antennas",)
depends_on = "x001_experiences"  # the core through it; antennas list experiences and their themes


def upgrade():
    create_table("antennas",
                 "id int pk; name str(200); region str(30) index; seat_city str(120); seat_country str(2); "
                 "host_member_id int null fk=members.id ondelete=SET_NULL; opened date null; status str(20); "
                 "description text; contacts text; section_id int null fk=content.id ondelete=SET_NULL; "
                 "created datetime",
                 sa.UniqueConstraint("section_id", name="uq_antennas_section_id"))


def downgrade():
    op.drop_index("ix_antennas_region", "antennas")
    op.drop_table("antennas")
