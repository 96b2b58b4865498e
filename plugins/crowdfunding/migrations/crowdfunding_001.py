"""crowdfunding: campaigns (content items), their rewards and pledges"""
import sqlalchemy as sa
from alembic import op

revision = "crowdfunding_001"
down_revision = None
branch_labels = ("crowdfunding",)
depends_on = "0001_core"


def upgrade():
    op.create_table(
        "crowd_campaigns",
        sa.Column("id", sa.Integer(), sa.ForeignKey("content.id", ondelete="CASCADE",
                                                    name="fk_crowd_campaigns_id_content"), primary_key=True),
        sa.Column("action", sa.String(500), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("starts", sa.DateTime(), nullable=False),
        sa.Column("ends", sa.DateTime(), nullable=False),
        sa.Column("budget", sa.JSON(), nullable=False),
        sa.Column("rule", sa.String(20), nullable=False),
        sa.Column("min_pledge", sa.Integer(), nullable=False),
        sa.Column("payment_details", sa.Text(), nullable=False),
    )
    op.create_index("ix_crowd_campaigns_starts", "crowd_campaigns", ["starts"])
    op.create_index("ix_crowd_campaigns_ends", "crowd_campaigns", ["ends"])
    op.create_table(
        "crowd_rewards",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("campaign_id", sa.Integer(), sa.ForeignKey("crowd_campaigns.id", ondelete="CASCADE",
                                                             name="fk_crowd_rewards_campaign_id_crowd_campaigns"),
                  nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=True),
        sa.Column("taken", sa.Integer(), nullable=False),
    )
    op.create_index("ix_crowd_rewards_campaign_id", "crowd_rewards", ["campaign_id"])
    op.create_table(
        "crowd_pledges",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("campaign_id", sa.Integer(), sa.ForeignKey("crowd_campaigns.id", ondelete="CASCADE",
                                                             name="fk_crowd_pledges_campaign_id_crowd_campaigns"),
                  nullable=False),
        sa.Column("reward_id", sa.Integer(), sa.ForeignKey("crowd_rewards.id", ondelete="SET NULL",
                                                           name="fk_crowd_pledges_reward_id_crowd_rewards"),
                  nullable=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="SET NULL",
                                                         name="fk_crowd_pledges_user_id_users"), nullable=True),
        sa.Column("idempotency_key", sa.String(64), nullable=False),
        sa.Column("reference", sa.String(40), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("method", sa.String(20), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("paid", sa.DateTime(), nullable=True),
        sa.UniqueConstraint("idempotency_key", name="uq_crowd_pledges_idempotency_key"),
        sa.UniqueConstraint("reference", name="uq_crowd_pledges_reference"),
    )
    for col in ("campaign_id", "reward_id", "user_id", "state"):
        op.create_index(f"ix_crowd_pledges_{col}", "crowd_pledges", [col])


def downgrade():
    op.drop_table("crowd_pledges")
    op.drop_table("crowd_rewards")
    op.drop_table("crowd_campaigns")
