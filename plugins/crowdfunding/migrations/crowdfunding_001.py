"""crowdfunding: campaigns (content items), their rewards and pledges"""
import sqlalchemy as sa
from alembic import op

from portal.api import create_table, drop_tables

revision, down_revision, branch_labels, depends_on = "crowdfunding_001", None, ("crowdfunding",), "0001_core"


def upgrade():
    create_table("crowd_campaigns",
                 "id int pk fk=content.id ondelete=CASCADE; action str(500); currency str(3); "
                 "timezone str(64); starts datetime index; ends datetime index; budget json; rule str(20); min_pledge int; "
                 "payment_details text")
    create_table("crowd_rewards",
                 "id int pk; campaign_id int fk=crowd_campaigns.id ondelete=CASCADE index; position int; amount int; "
                 "description text; quantity int null; taken int")
    create_table("crowd_pledges",
                 "id int pk; campaign_id int fk=crowd_campaigns.id ondelete=CASCADE; "
                 "reward_id int null fk=crowd_rewards.id ondelete=SET_NULL; "
                 "user_id int null fk=users.id ondelete=SET_NULL; idempotency_key str(64); reference str(40); "
                 "amount int; name str(200); anonymous bool; message text; email str(254); language str(8); "
                 "method str(20); state str(20); created datetime; paid datetime null",
                 sa.UniqueConstraint("idempotency_key", name="uq_crowd_pledges_idempotency_key"),
                 sa.UniqueConstraint("reference", name="uq_crowd_pledges_reference"))
    for col in ("campaign_id", "reward_id", "user_id", "state"):
        op.create_index(f"ix_crowd_pledges_{col}", "crowd_pledges", [col])


def downgrade():
    drop_tables("crowd_pledges", "crowd_rewards", "crowd_campaigns")
