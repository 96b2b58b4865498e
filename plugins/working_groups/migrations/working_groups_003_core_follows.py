"""working groups: the groups' followers move to the core's follows (with their digest's frequency and
last_sent); the plugin's own table goes"""
import sqlalchemy as sa
from alembic import op

from portal.api import create_table

revision, down_revision, depends_on = "working_groups_003", "working_groups_002_translations", "0012_follow_digests"

OLD = "working_group_follows"
SAME = "follows.target_type = 'working_group' AND follows.target_id = w.group_id AND follows.user_id = w.user_id"


def fk(column, target):
    return sa.ForeignKey(f"{target}.id", ondelete="CASCADE", name=f"fk_{OLD}_{column}_{target}")


def upgrade():
    # who already followed the group with the core's button keeps that follow, now with the digest
    for column in ("frequency", "last_sent"):
        op.execute(f"UPDATE follows SET {column} = (SELECT w.{column} FROM {OLD} w WHERE {SAME}) "
                   f"WHERE EXISTS (SELECT 1 FROM {OLD} w WHERE {SAME})")
    op.execute(f"INSERT INTO follows (user_id, target_type, target_id, created, frequency, last_sent) "
               f"SELECT w.user_id, 'working_group', w.group_id, w.last_sent, w.frequency, w.last_sent FROM {OLD} w "
               f"WHERE NOT EXISTS (SELECT 1 FROM follows WHERE {SAME})")
    op.drop_table(OLD)


def downgrade():
    create_table(OLD,
                 "id int pk; group_id int fk=working_groups.id ondelete=CASCADE; "
                 "user_id int fk=users.id ondelete=CASCADE; frequency str(10); last_sent datetime",
                 sa.UniqueConstraint("group_id", "user_id", name="uq_working_group_follows_group_id_user_id"))
    op.create_index("ix_working_group_follows_group_id", OLD, ["group_id"])
    op.create_index("ix_working_group_follows_user_id", OLD, ["user_id"])
    op.execute(f"INSERT INTO {OLD} (group_id, user_id, frequency, last_sent) SELECT target_id, user_id, frequency, "
               "last_sent FROM follows WHERE target_type = 'working_group' AND frequency IS NOT NULL "
               "AND target_id IN (SELECT id FROM working_groups)")
    op.execute("UPDATE follows SET frequency = NULL, last_sent = NULL WHERE target_type = 'working_group'")
