"""crowdfunding: matchfunding pots, updates to supporters (and the pledge's opt-in), collective returns"""
import sqlalchemy as sa
from alembic import op

from portal.api import create_table

revision, down_revision, branch_labels, depends_on = "crowdfunding_005", "crowdfunding_004", None, None


def campaign_column():
    return sa.Column("campaign_id", sa.Integer(), sa.ForeignKey("crowd_campaigns.id", ondelete="CASCADE"),
                     nullable=False)


def upgrade():
    create_table("crowd_match_pots",
                 "id int pk; campaign_id int fk=crowd_campaigns.id ondelete=CASCADE fkname=-; position int; "
                 "matcher str(300); factor_percent int; per_pledge int null; per_person int null; total int")
    create_table("crowd_updates",
                 "id int pk; campaign_id int fk=crowd_campaigns.id ondelete=CASCADE fkname=-; title str(300); "
                 "body text; posted datetime; author_id int null fk=users.id ondelete=SET_NULL fkname=-; "
                 "idempotency_key str(64)",
                 sa.UniqueConstraint("idempotency_key", name="uq_crowd_updates_idempotency_key"))
    create_table("crowd_returns",
                 "id int pk; campaign_id int fk=crowd_campaigns.id ondelete=CASCADE fkname=-; position int; "
                 "description text; fulfilled bool; fulfilled_at datetime null; link str(1000)")
    for table in ("crowd_match_pots", "crowd_updates", "crowd_returns"):
        op.create_index(f"ix_{table}_campaign_id", table, ["campaign_id"])
    with op.batch_alter_table("crowd_pledges") as batch:
        batch.add_column(sa.Column("updates", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade():
    with op.batch_alter_table("crowd_pledges") as batch:
        batch.drop_column("updates")
    for table in ("crowd_returns", "crowd_updates", "crowd_match_pots"):
        op.drop_table(table)
