"""crowdfunding: the member organisation leading a campaign (on its timeline)"""
import sqlalchemy as sa
from alembic import op

revision, down_revision, branch_labels, depends_on = "crowdfunding_006", "crowdfunding_005", None, None


def upgrade():
    with op.batch_alter_table("crowd_campaigns") as batch:
        batch.add_column(sa.Column("member_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_crowd_campaigns_member_id_members", "members", ["member_id"], ["id"],
                                 ondelete="SET NULL")
        batch.create_index("ix_crowd_campaigns_member_id", ["member_id"])


def downgrade():
    with op.batch_alter_table("crowd_campaigns") as batch:
        batch.drop_index("ix_crowd_campaigns_member_id")
        batch.drop_constraint("fk_crowd_campaigns_member_id_members", type_="foreignkey")
        batch.drop_column("member_id")
