"""crowdfunding: matchfunding pots, updates to supporters (and the pledge's opt-in), collective returns"""
import sqlalchemy as sa
from alembic import op

revision = "crowdfunding_005"
down_revision = "crowdfunding_004"
branch_labels = None
depends_on = None


def campaign_column():
    return sa.Column("campaign_id", sa.Integer(), sa.ForeignKey("crowd_campaigns.id", ondelete="CASCADE"),
                     nullable=False)


def upgrade():
    op.create_table(
        "crowd_match_pots",
        sa.Column("id", sa.Integer(), primary_key=True),
        campaign_column(),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("matcher", sa.String(300), nullable=False),
        sa.Column("factor_percent", sa.Integer(), nullable=False),
        sa.Column("per_pledge", sa.Integer(), nullable=True),
        sa.Column("per_person", sa.Integer(), nullable=True),
        sa.Column("total", sa.Integer(), nullable=False),
    )
    op.create_table(
        "crowd_updates",
        sa.Column("id", sa.Integer(), primary_key=True),
        campaign_column(),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("posted", sa.DateTime(), nullable=False),
        sa.Column("author_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True),
        sa.Column("idempotency_key", sa.String(64), nullable=False),
        sa.UniqueConstraint("idempotency_key", name="uq_crowd_updates_idempotency_key"),
    )
    op.create_table(
        "crowd_returns",
        sa.Column("id", sa.Integer(), primary_key=True),
        campaign_column(),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("fulfilled", sa.Boolean(), nullable=False),
        sa.Column("fulfilled_at", sa.DateTime(), nullable=True),
        sa.Column("link", sa.String(1000), nullable=False),
    )
    for table in ("crowd_match_pots", "crowd_updates", "crowd_returns"):
        op.create_index(f"ix_{table}_campaign_id", table, ["campaign_id"])
    with op.batch_alter_table("crowd_pledges") as batch:
        batch.add_column(sa.Column("updates", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade():
    with op.batch_alter_table("crowd_pledges") as batch:
        batch.drop_column("updates")
    for table in ("crowd_returns", "crowd_updates", "crowd_match_pots"):
        op.drop_table(table)
