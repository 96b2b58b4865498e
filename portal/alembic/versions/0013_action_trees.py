"""core: action trees (nested actions with weighted progress, their owners, links and history)"""
import sqlalchemy as sa
from alembic import op

revision = "0013_action_trees"
down_revision = "0012_follow_digests"


def upgrade():
    op.create_table(
        "action_trees",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_kind", sa.String(40), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("translations", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_action_trees"),
        sa.UniqueConstraint("owner_kind", "owner_id", name="uq_action_trees_owner_kind"),
    )
    op.create_table(
        "actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tree_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("owner_user_id", sa.Integer(), nullable=True),
        sa.Column("owner_member_id", sa.Integer(), nullable=True),
        sa.Column("starts", sa.Date(), nullable=True),
        sa.Column("ends", sa.Date(), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("progress", sa.Integer(), nullable=False),
        sa.Column("weight", sa.Integer(), nullable=False),
        sa.Column("resource_kind", sa.String(40), nullable=False),
        sa.Column("resource_id", sa.Integer(), nullable=True),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("updated", sa.DateTime(), nullable=False),
        sa.Column("translations", sa.JSON(), nullable=True),
        sa.CheckConstraint("progress >= 0 AND progress <= 100", name="ck_actions_progress_range"),
        sa.CheckConstraint("weight >= 0", name="ck_actions_weight_positive"),
        sa.ForeignKeyConstraint(["tree_id"], ["action_trees.id"], name="fk_actions_tree_id_action_trees", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["parent_id"], ["actions.id"], name="fk_actions_parent_id_actions", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["owner_user_id"], ["users.id"], name="fk_actions_owner_user_id_users", ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["owner_member_id"], ["members.id"], name="fk_actions_owner_member_id_members", ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_actions"),
    )
    op.create_index("ix_actions_tree_parent", "actions", ["tree_id", "parent_id"])
    op.create_table(
        "action_updates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("progress_before", sa.Integer(), nullable=True),
        sa.Column("progress_after", sa.Integer(), nullable=True),
        sa.Column("status_before", sa.String(20), nullable=True),
        sa.Column("status_after", sa.String(20), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["action_id"], ["actions.id"], name="fk_action_updates_action_id_actions", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_action_updates_user_id_users", ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_action_updates"),
    )
    op.create_index("ix_action_updates_action_created", "action_updates", ["action_id", "created"])


def downgrade():
    op.drop_index("ix_action_updates_action_created", table_name="action_updates")
    op.drop_table("action_updates")
    op.drop_index("ix_actions_tree_parent", table_name="actions")
    op.drop_table("actions")
    op.drop_table("action_trees")
