"""core: action trees (nested actions with weighted progress, their owners, links and history)"""
import sqlalchemy as sa
from alembic import op

from portal.tables import create_table, drop_tables

revision, down_revision = "0013_action_trees", "0012_follow_digests"


def upgrade():
    create_table("action_trees",
                 "id int; owner_kind str(40); owner_id int; title str(300); created datetime; "
                 "translations json null",
                 sa.PrimaryKeyConstraint("id", name="pk_action_trees"),
                 sa.UniqueConstraint("owner_kind", "owner_id", name="uq_action_trees_owner_kind"))
    create_table("actions",
                 "id int; tree_id int; parent_id int null; position int; title str(300); description text; "
                 "owner_user_id int null; owner_member_id int null; starts date null; ends date null; "
                 "status str(20); progress int; weight int; resource_kind str(40); resource_id int null; "
                 "created datetime; updated datetime; translations json null",
                 sa.CheckConstraint("progress >= 0 AND progress <= 100", name="ck_actions_progress_range"),
                 sa.CheckConstraint("weight >= 0", name="ck_actions_weight_positive"),
                 sa.ForeignKeyConstraint(["tree_id"], ["action_trees.id"], name="fk_actions_tree_id_action_trees", ondelete="CASCADE"),
                 sa.ForeignKeyConstraint(["parent_id"], ["actions.id"], name="fk_actions_parent_id_actions", ondelete="CASCADE"),
                 sa.ForeignKeyConstraint(["owner_user_id"], ["users.id"], name="fk_actions_owner_user_id_users", ondelete="SET NULL"),
                 sa.ForeignKeyConstraint(["owner_member_id"], ["members.id"], name="fk_actions_owner_member_id_members", ondelete="SET NULL"),
                 sa.PrimaryKeyConstraint("id", name="pk_actions"))
    op.create_index("ix_actions_tree_parent", "actions", ["tree_id", "parent_id"])
    create_table("action_updates",
                 "id int; action_id int; created datetime; user_id int null; progress_before int null; "
                 "progress_after int null; status_before str(20) null; status_after str(20) null; note text",
                 sa.ForeignKeyConstraint(["action_id"], ["actions.id"], name="fk_action_updates_action_id_actions", ondelete="CASCADE"),
                 sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_action_updates_user_id_users", ondelete="SET NULL"),
                 sa.PrimaryKeyConstraint("id", name="pk_action_updates"))
    op.create_index("ix_action_updates_action_created", "action_updates", ["action_id", "created"])


def downgrade():
    op.drop_index("ix_action_updates_action_created", table_name="action_updates")
    op.drop_table("action_updates")
    op.drop_index("ix_actions_tree_parent", table_name="actions")
    drop_tables("actions", "action_trees")
