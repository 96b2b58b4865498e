"""working groups: groups, members, join requests, invitations, pages, comments, followers"""
import sqlalchemy as sa
from alembic import op

from portal.api import create_table

revision, down_revision, branch_labels, depends_on = "working_groups_001", None, ("working_groups",), "0001_core"


def fk(column, target, ondelete="CASCADE", table=None):
    return sa.ForeignKey(f"{target}.id", ondelete=ondelete, name=f"fk_{table}_{column}_{target}")


def upgrade():
    create_table("working_groups",
                 "id int pk; name str(200); purpose text; visibility str(10); language str(5); "
                 "principal_group_id int null fk=groups.id ondelete=SET_NULL; "
                 "creator_id int null fk=users.id ondelete=SET_NULL; created datetime")
    t = "working_group_members"
    op.create_table(
        t,
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("group_id", sa.Integer(), fk("group_id", "working_groups", table=t), nullable=False),
        sa.Column("user_id", sa.Integer(), fk("user_id", "users", table=t), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("since", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("group_id", "user_id", name="uq_working_group_members_group_id_user_id"),
    )
    op.create_index("ix_working_group_members_group_id", t, ["group_id"])
    op.create_index("ix_working_group_members_user_id", t, ["user_id"])
    t = "working_group_requests"
    op.create_table(
        t,
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("group_id", sa.Integer(), fk("group_id", "working_groups", table=t), nullable=False),
        sa.Column("user_id", sa.Integer(), fk("user_id", "users", table=t), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("decided", sa.DateTime(), nullable=True),
        sa.Column("decider_id", sa.Integer(), fk("decider_id", "users", "SET NULL", t), nullable=True),
    )
    op.create_index("ix_working_group_requests_group_id", t, ["group_id"])
    op.create_index("ix_working_group_requests_user_id", t, ["user_id"])
    t = "working_group_invitations"
    op.create_table(
        t,
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("group_id", sa.Integer(), fk("group_id", "working_groups", table=t), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("inviter_id", sa.Integer(), fk("inviter_id", "users", "SET NULL", t), nullable=True),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("expires", sa.DateTime(), nullable=False),
        sa.Column("used", sa.DateTime(), nullable=True),
        sa.Column("used_by_id", sa.Integer(), fk("used_by_id", "users", "SET NULL", t), nullable=True),
        sa.UniqueConstraint("token_hash", name="uq_working_group_invitations_token_hash"),
    )
    op.create_index("ix_working_group_invitations_group_id", t, ["group_id"])
    t = "working_group_pages"
    op.create_table(
        t,
        sa.Column("id", sa.Integer(), fk("id", "content", table=t), primary_key=True),
        sa.Column("group_id", sa.Integer(), fk("group_id", "working_groups", table=t), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
    )
    op.create_index("ix_working_group_pages_group_id", t, ["group_id"])
    t = "working_group_comments"
    op.create_table(
        t,
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("page_id", sa.Integer(), fk("page_id", "working_group_pages", table=t), nullable=False),
        sa.Column("author_id", sa.Integer(), fk("author_id", "users", "SET NULL", t), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_working_group_comments_page_id", t, ["page_id"])
    op.create_index("ix_working_group_comments_created", t, ["created"])
    t = "working_group_follows"
    op.create_table(
        t,
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("group_id", sa.Integer(), fk("group_id", "working_groups", table=t), nullable=False),
        sa.Column("user_id", sa.Integer(), fk("user_id", "users", table=t), nullable=False),
        sa.Column("frequency", sa.String(10), nullable=False),
        sa.Column("last_sent", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("group_id", "user_id", name="uq_working_group_follows_group_id_user_id"),
    )
    op.create_index("ix_working_group_follows_group_id", t, ["group_id"])
    op.create_index("ix_working_group_follows_user_id", t, ["user_id"])


def downgrade():
    for t in ("working_group_follows", "working_group_comments", "working_group_pages", "working_group_invitations",
              "working_group_requests", "working_group_members", "working_groups"):
        op.drop_table(t)
